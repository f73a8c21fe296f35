// Loads pages of a built site in Debian's Chromium (playwright-core) from a
// static server that applies the site's _headers, and checks each as a
// reader's browser sees it: no console error, no failed request, no request
// to another host, no Content-Security-Policy violation, no axe-core
// violation (light and dark), a working skip link with visible focus, no
// script (but the search script on the search pages, named "search...").
// Screenshots at 390 and 1280 px go to --shots.
//
//   node browser.mjs --shots out/screenshots --site example=out/example \
//     --page example:home:/ --page example:404:/no-such-page/ ...
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { launch } from './chromium.mjs';
import { serve } from './serve.mjs';
import { Report } from './report.mjs';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const args = process.argv.slice(2);
const sites = {};
const pages = [];
let shots = 'out/screenshots';
for (let i = 0; i < args.length; i += 2) {
  const [flag, value] = [args[i], args[i + 1]];
  if (flag === '--site') {
    const [name, dir] = value.split('=');
    sites[name] = dir;
  } else if (flag === '--page') {
    const [site, name, ...rest] = value.split(':');
    pages.push({ site, name, path: rest.join(':') });
  } else if (flag === '--shots') {
    shots = value;
  } else {
    console.error(`browser.mjs: unknown flag ${flag}`);
    process.exit(2);
  }
}
fs.mkdirSync(shots, { recursive: true });

const report = new Report('Browser (Chromium)');
const servers = {};
for (const [name, dir] of Object.entries(sites)) servers[name] = await serve(dir);

const browser = await launch();

try {
  for (const p of pages) {
    const { origin } = servers[p.site];
    const label = `${p.site} ${p.name} ${p.path}`;
    const expect404 = p.name === '404';
    for (const width of [390, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const problems = { console: [], requests: [], hosts: [], csp: [] };
      await context.route('**/*', (route) => {
        const u = new URL(route.request().url());
        if (u.origin !== origin) {
          problems.hosts.push(u.href);
          return route.abort();
        }
        return route.continue();
      });
      await context.addInitScript(() => {
        window.__csp = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      const page = await context.newPage();
      page.on('console', (m) => {
        // A 404 page's own status is logged as an error; it is what we asked for.
        if (m.type() !== 'error' || (expect404 && m.location().url === origin + p.path)) return;
        problems.console.push(m.text());
      });
      page.on('pageerror', (e) => problems.console.push(String(e)));
      page.on('requestfailed', (r) => { if (new URL(r.url()).origin === origin) problems.requests.push(`${r.url()} ${r.failure()?.errorText}`); });
      page.on('response', (r) => {
        const main = r.url() === origin + p.path;
        if (r.status() >= 400 && !(main && expect404)) problems.requests.push(`${r.status()} ${r.url()}`);
      });
      const response = await page.goto(origin + p.path, { waitUntil: 'load' });
      if (!response) throw new Error(`${label}: no response`);
      const status = response.status();
      // Lazy images below the fold load as a reader scrolls: scroll, then wait.
      await page.evaluate(async () => {
        for (let y = 0; y < document.body.scrollHeight; y += 600) { window.scrollTo(0, y); await new Promise((r) => setTimeout(r, 20)); }
        window.scrollTo(0, 0);
      });
      await page.waitForLoadState('networkidle');
      // The search page: until its script has shown the count.
      await page.waitForFunction(() => {
        const s = document.querySelector('[data-search-status]');
        const form = document.querySelector('form[data-search]');
        return !s || !form || !new URL(location.href).searchParams.get('q') || (s.textContent && s.textContent !== form.dataset.searching);
      }, null, { timeout: 15000 });
      const w = `@${width}`;
      report.add(`status ${w}`, label, status === (expect404 ? 404 : 200) ? [] : [`HTTP ${status}`]);
      report.add(`console ${w}`, label, problems.console);
      report.add(`requests ${w}`, label, problems.requests);
      report.add(`own host only ${w}`, label, problems.hosts);
      const cspHeader = response.headers()['content-security-policy'] || '';
      const csp = await page.evaluate(() => window.__csp);
      report.add(`CSP ${w}`, label, [...(cspHeader.includes("default-src 'self'") ? [] : ['no CSP header from _headers']), ...csp]);
      // The search pages alone run a script: the theme's, which loads Pagefind.
      const allowed = p.name.includes('search') ? ':not([src^="/js/search."])' : '';
      const scripts = await page.evaluate((a) => document.querySelectorAll(`script:not([type="application/ld+json"])${a}`).length, allowed);
      report.add(`no script ${w}`, label, scripts ? [`${scripts} script elements`] : []);

      // Accessibility, in light and (at 1280) dark mode.
      await page.evaluate(axeSource);
      const schemes = width === 1280 ? ['light', 'dark'] : ['light'];
      for (const scheme of schemes) {
        await page.emulateMedia({ colorScheme: scheme });
        const r = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
        report.add(`axe ${scheme} ${w}`, label, r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} nodes, e.g. ${v.nodes[0]?.target.join(' ')}`));
      }
      await page.emulateMedia({ colorScheme: 'light' });

      if (width === 1280) {
        // The first Tab lands on a visible skip link with a visible focus
        // ring, and following it moves to the main content.
        await page.keyboard.press('Tab');
        const skip = await page.evaluate(() => {
          const el = document.activeElement;
          const r = el.getBoundingClientRect();
          const s = getComputedStyle(el);
          return { cls: el.className, href: el.getAttribute('href'), visible: r.width > 0 && r.height > 0 && r.top >= 0 && r.top < innerHeight,
            ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none' };
        });
        const skipProblems = [];
        if (skip.cls !== 'skip' || skip.href !== '#main') skipProblems.push(`first Tab focuses ${skip.cls || 'something else'}`);
        if (!skip.visible) skipProblems.push('the skip link is not visible when focused');
        if (!skip.ring) skipProblems.push('no visible focus ring on the skip link');
        await page.keyboard.press('Enter');
        if (await page.evaluate(() => document.activeElement?.id) !== 'main') skipProblems.push('the skip link does not move focus to main');
        report.add('skip link and focus', label, skipProblems);
      }
      const file = path.join(shots, `${p.site}-${p.name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      await context.close();
    }
  }
} finally {
  await browser.close();
  for (const s of Object.values(servers)) s.server.close();
}
process.exit(report.print() ? 1 : 0);
