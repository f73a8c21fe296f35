// Search in Chromium, on the example site built by dispatch build (its
// Pagefind index included), served with its _headers: what a reader who
// searches sees, and what the search loads.
//
//   node search.mjs --site out/example [--corpus out/corpus] [--measure DIR]
//
// With --measure DIR (a built site, such as the 10,000-article corpus of
// make bench-search) and --query WORDS (Korean ones on /ko/search/), it
// prints what a first search transfers instead: every file the search page
// and one search load, gzipped as a host would send them (Pagefind's chunks
// are gzip files already), then what opening the filters adds.
import fs from 'node:fs';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { launch } from './chromium.mjs';
import { serve } from './serve.mjs';
import { Report } from './report.mjs';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const args = process.argv.slice(2);
const flag = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : '');
const browser = await launch();

// open loads path in a fresh context (JavaScript on or off) and records
// what a reader's browser would complain about.
async function open(origin, path, { js = true } = {}) {
  const context = await browser.newContext({ javaScriptEnabled: js, viewport: { width: 1280, height: 900 } });
  const problems = [];
  const loads = [];
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.origin !== origin) {
      problems.push(`a request to another host: ${u.href}`);
      return route.abort();
    }
    return route.continue();
  });
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    loads.push(r);
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  const response = await page.goto(origin + path, { waitUntil: 'load' });
  if (js) await settle(page);
  return { context, page, response, problems, loads };
}

// settle waits until the search has shown its count (or has nothing to do).
async function settle(page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-search-status]');
    const form = document.querySelector('form[data-search]');
    return !s || !form || s.textContent !== form.dataset.searching;
  }, null, { timeout: 15000 });
}

// results returns the links of the results, in order.
const results = (page) => page.$$eval('main [data-search-results] li h2 a', (as) => as.map((a) => a.getAttribute('href')));

async function finish(o, report, check, label, extra = []) {
  const csp = await o.page.evaluate(() => window.__csp).catch(() => []);
  report.add(check, label, [...extra, ...o.problems, ...csp.map((v) => `CSP violation: ${v}`)]);
  await o.context.close();
}

async function checkExample(dir, report) {
  const { origin, server } = await serve(dir);
  try {
    // English: the Hoeryong report first, as links inside main, with an
    // excerpt that marks the match, a date and a section; the policy that
    // allows WebAssembly here, and only here.
    {
      const o = await open(origin, '/search/?q=Hoeryong');
      const p = [];
      const links = await results(o.page);
      if (links[0] !== '/news/2024/hoeryong-phone-calls/') p.push(`first result ${links[0]}, all ${links.join(' ')}`);
      const first = await o.page.$eval('[data-search-results] li', (li) => ({
        mark: li.querySelector('.excerpt mark')?.textContent, kicker: li.querySelector('.kicker')?.textContent,
        date: li.querySelector('.meta')?.textContent,
      })).catch(() => ({}));
      if (!/hoeryong/i.test(first.mark || '')) p.push(`no highlighted match in the excerpt: ${JSON.stringify(first)}`);
      if (first.kicker !== 'News' || first.date !== 'October 21, 2024') p.push(`section and date ${JSON.stringify(first)}`);
      const status = await o.page.textContent('[data-search-status]');
      if (status !== `${links.length} articles match “Hoeryong”.`) p.push(`status "${status}" for ${links.length} results`);
      if (await o.page.inputValue('#search-q') !== 'Hoeryong') p.push('the query is not in the box');
      const csp = o.response.headers()['content-security-policy'] || '';
      if (!csp.includes("'wasm-unsafe-eval'")) p.push(`the search page's policy has no 'wasm-unsafe-eval': ${csp}`);
      if (!o.loads.some((r) => r.url().includes('/pagefind/wasm.en.pagefind'))) p.push('the English index was not loaded');
      await finish(o, report, 'English query from ?q=', '/search/?q=Hoeryong', p);
    }
    {
      const o = await open(origin, '/news/2024/hoeryong-phone-calls/', { js: true });
      const csp = o.response.headers()['content-security-policy'] || '';
      const p = csp.includes('wasm') || !csp.includes("default-src 'self'") ? [`an article's policy: ${csp}`] : [];
      if (!(await o.page.$('nav a[href="/search/"]'))) p.push('no link to /search/ in the header');
      await finish(o, report, 'strict policy elsewhere', '/news/2024/hoeryong-phone-calls/', p);
    }
    // Korean: a word without its particle finds the word with one
    // (휴대전화 in 휴대전화를, 휴대전화로), typed into the form this time.
    {
      const o = await open(origin, '/ko/search/?q=%ED%9C%B4%EB%8C%80%EC%A0%84%ED%99%94');
      const p = [];
      let links = await results(o.page);
      if (!links.includes('/ko/news/2024/hoeryong-phone-calls/')) p.push(`휴대전화: ${links.join(' ') || 'nothing'}`);
      const excerpt = await o.page.textContent('[data-search-results] .excerpt').catch(() => '');
      if (!/휴대전화(를|로)/.test(excerpt)) p.push(`excerpt "${excerpt}"`);
      for (const [q, want] of [['교화소', '/ko/news/2024/hoeryong-phone-calls/'], ['회령', '/ko/news/2024/hoeryong-phone-calls/']]) {
        await o.page.fill('#search-q', q);
        await o.page.press('#search-q', 'Enter');
        await settle(o.page);
        links = await results(o.page);
        if (!links.includes(want)) p.push(`${q}: ${links.join(' ') || 'nothing'}`);
        if (new URL(o.page.url()).searchParams.get('q') !== q) p.push(`${q}: the URL is ${o.page.url()}`);
      }
      if (!o.loads.some((r) => r.url().includes('/pagefind/pagefind.ko_'))) p.push('the Korean index was not loaded');
      await finish(o, report, 'Korean, with particles', '/ko/search/?q=휴대전화', p);
    }
    // A region narrows the results, and goes into the URL; a shared URL
    // with a region shows the same.
    {
      const o = await open(origin, '/search/?q=phone');
      const p = [];
      const all = await results(o.page);
      // The filters load when opened.
      await o.page.click('[data-search-filters] summary');
      await o.page.waitForSelector('[data-search-facets] input[type="checkbox"]');
      const box = o.page.locator('[data-search-filters] input[name="region"][value="Hoeryong"]');
      if (await box.count() !== 1) p.push('no Hoeryong region filter');
      else {
        await box.check();
        await settle(o.page);
        const narrowed = await results(o.page);
        if (!(narrowed.length > 0 && narrowed.length < all.length)) p.push(`${all.length} results, ${narrowed.length} in Hoeryong`);
        if (narrowed.some((u) => !all.includes(u))) p.push(`the region added results: ${narrowed.join(' ')}`);
        if (!narrowed.includes('/news/2024/hoeryong-phone-calls/')) p.push(`Hoeryong: ${narrowed.join(' ')}`);
        const url = new URL(o.page.url());
        if (url.searchParams.get('region') !== 'Hoeryong' || url.searchParams.get('q') !== 'phone') p.push(`the URL is ${o.page.url()}`);
        const shared = await open(origin, url.pathname + url.search);
        const again = await results(shared.page);
        if (again.join() !== narrowed.join()) p.push(`the shared URL shows ${again.join(' ')}`);
        if (!(await shared.page.isChecked('[data-search-filters] input[name="region"][value="Hoeryong"]'))) p.push('the shared URL has the region unchecked');
        await finish(shared, report, 'a shared URL with a filter', url.pathname + url.search);
      }
      await finish(o, report, 'region filter narrows', '/search/?q=phone', p);
    }
    // A filter without words: the articles of the region.
    {
      const o = await open(origin, '/search/?region=Hoeryong');
      const links = await results(o.page);
      const status = await o.page.textContent('[data-search-status]');
      const p = links.length === 2 && links.includes('/news/2024/hoeryong-phone-calls/') && status === '2 articles.' ? []
        : [`"${status}": ${links.join(' ')}`];
      await finish(o, report, 'a filter without words', '/search/?region=Hoeryong', p);
    }
    // axe, light and dark, on pages with results and filters.
    for (const path of ['/search/?q=phone', '/ko/search/?q=%ED%9A%8C%EB%A0%B9']) {
      const o = await open(origin, path);
      const p = [];
      await o.page.click('[data-search-filters] summary');
      await o.page.waitForSelector('[data-search-facets] input[type="checkbox"]');
      await o.page.evaluate(axeSource);
      for (const scheme of ['light', 'dark']) {
        await o.page.emulateMedia({ colorScheme: scheme });
        const r = await o.page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
        p.push(...r.violations.map((v) => `${scheme}: ${v.id} (${v.impact}): ${v.nodes.length} nodes, e.g. ${v.nodes[0]?.target.join(' ')}`));
      }
      if ((await results(o.page)).length < 1 || !(await o.page.$('[data-search-filters] input'))) p.push('no results or filters to check');
      await finish(o, report, 'axe with results', decodeURIComponent(path), p);
    }
    // Without JavaScript: the form, the sentence and the links.
    {
      const o = await open(origin, '/search/?q=Hoeryong', { js: false });
      const p = [];
      for (const href of ['/tags/', '/regions/', '/archive/']) {
        if (!(await o.page.$(`main a[href="${href}"]`))) p.push(`no link to ${href}`);
      }
      if (!(await o.page.isVisible('[data-search-note]'))) p.push('the note is hidden');
      if (!(await o.page.$('main form[action="/search/"][method="get"] input[name="q"]'))) p.push('no GET form with q');
      await finish(o, report, 'without JavaScript', '/search/', p);
    }
  } finally {
    server.close();
  }
}

// checkCorpus: on a large site, more than a page of results, and "More
// results" adds the next ones and moves focus to the first of them.
async function checkCorpus(dir, report) {
  const { origin, server } = await serve(dir);
  try {
    const o = await open(origin, '/search/?q=border');
    const p = [];
    const first = await results(o.page);
    if (first.length !== 10) p.push(`${first.length} results shown, want 10`);
    await o.page.click('[data-search-more]');
    await o.page.waitForFunction(() => document.querySelectorAll('[data-search-results] li').length > 10);
    const more = await results(o.page);
    if (more.length <= 10 || more.slice(0, 10).join() !== first.join()) p.push(`after More: ${more.length}`);
    const focused = await o.page.evaluate(() => document.activeElement?.getAttribute('href'));
    if (focused !== more[10]) p.push(`focus on ${focused}, want ${more[10]}`);
    await finish(o, report, 'more results', '/search/?q=border', p);
  } finally {
    server.close();
  }
}

// measure prints what the search page and a first search transfer, then
// what opening the filters adds.
async function measure(dir, q) {
  const { origin, server } = await serve(dir);
  try {
    const lang = /[\u3131-\uD79D]/.test(q) ? '/ko' : '';
    const o = await open(origin, `${lang}/search/?q=${encodeURIComponent(q)}`);
    const sizes = async (responses) => {
      const rows = [];
      for (const r of responses) {
        const body = await r.body().catch(() => Buffer.alloc(0));
        const gz = body[0] === 0x1f && body[1] === 0x8b ? body.length : zlib.gzipSync(body, { level: 6 }).length;
        const path = new URL(r.url()).pathname;
        rows.push({ path, raw: body.length, gz, search: path.startsWith('/pagefind/') });
      }
      return rows;
    };
    const sum = (rs, k) => rs.reduce((n, r) => n + r[k], 0);
    const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
    const rows = await sizes(o.loads);
    for (const r of rows) console.log(`${kb(r.gz).padStart(10)}  ${r.path}`);
    const idx = rows.filter((r) => r.search);
    const count = await o.page.textContent('[data-search-status]');
    const before = o.loads.length;
    if (await o.page.isVisible('[data-search-filters] summary')) {
      await o.page.click('[data-search-filters] summary');
      await o.page.waitForSelector('[data-search-facets] input[type="checkbox"]');
      await o.page.waitForLoadState('networkidle');
    }
    const filters = await sizes(o.loads.slice(before));
    for (const r of filters) console.log(`${kb(r.gz).padStart(10)}  ${r.path} (filters)`);
    console.log(`\n"${q}": ${count}`);
    console.log(`a first search (pagefind/, ${idx.length} files): ${kb(sum(idx, 'gz'))} gzip`);
    console.log(`the page and a first search (${rows.length} files): ${kb(sum(rows, 'gz'))} gzip`);
    console.log(`opening the filters (${filters.length} files): ${kb(sum(filters, 'gz'))} gzip more`);
    if (o.problems.length) console.log(o.problems.join('\n'));
    await o.context.close();
  } finally {
    server.close();
  }
}

let failed = 0;
try {
  if (flag('--measure')) {
    await measure(flag('--measure'), flag('--query') || 'border');
  } else {
    const report = new Report('Search (Chromium)');
    await checkExample(flag('--site'), report);
    if (flag('--corpus')) await checkCorpus(flag('--corpus'), report);
    failed = report.print();
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
