// Opens an unzipped offline edition (dispatch edition) as a reader does,
// from file:// in Debian's Chromium with the network off, and follows every
// link from index.html: every target is a file of the edition (never a
// folder), every page is complete (stylesheet and photos loaded), no request
// leaves the folder, nothing is logged as an error, and axe-core finds no
// violation. Links to other hosts (a licence, the mirrors) are counted, not
// followed. Screenshots of the front page and the first article at 390 px.
//
//   node edition.mjs --dir out/edition-example --name example --shots out/screenshots
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { launch } from './chromium.mjs';
import { complete } from './complete.mjs';
import { Report } from './report.mjs';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const args = process.argv.slice(2);
let dir = '';
let name = 'edition';
let shots = '';
for (let i = 0; i < args.length; i += 2) {
  const [flag, value] = [args[i], args[i + 1]];
  if (flag === '--dir') dir = path.resolve(value);
  else if (flag === '--name') name = value;
  else if (flag === '--shots') shots = value;
  else {
    console.error(`edition.mjs: unknown flag ${flag}`);
    process.exit(2);
  }
}
const root = pathToFileURL(dir + path.sep).href;
const inside = (u) => u.startsWith(root);

const report = new Report(`Offline edition ${name}, from file:// with the network off (Chromium)`);
const browser = await launch();
const context = await browser.newContext({ offline: true, viewport: { width: 390, height: 900 } });
// Anything but a file of the edition is a request that leaves the folder:
// each page reports it, and it goes nowhere.
await context.route('**/*', (route) => (inside(route.request().url()) ? route.continue() : route.abort()));

const queue = [root + 'index.html'];
const seen = new Set(queue);
let external = 0;
let pages = 0;
let shot = 0;

// visit checks one page and queues the pages it links to.
async function visit(url) {
  const label = `${name} /${decodeURI(url.slice(root.length))}`;
  const file = fileURLToPath(url);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    report.add('every link is a file', label, [fs.existsSync(file) ? 'a folder, which a browser reading files cannot open' : 'no such file']);
    return;
  }
  report.add('every link is a file', label, []);
  pages++;
  const page = await context.newPage();
  const problems = { console: [], requests: [], leaving: [] };
  page.on('console', (m) => { if (m.type() === 'error') problems.console.push(m.text()); });
  page.on('pageerror', (e) => problems.console.push(String(e)));
  page.on('request', (r) => { if (!inside(r.url())) problems.leaving.push(r.url()); });
  page.on('requestfailed', (r) => { if (inside(r.url())) problems.requests.push(`${r.url()} ${r.failure()?.errorText}`); });
  await page.goto(url, { waitUntil: 'load' });
  report.add('page complete', label, await complete(page));
  report.add('console', label, [...problems.console]);
  report.add('requests', label, [...problems.requests]);
  report.add('no request leaves the folder', label, problems.leaving);

  // axe-core reads stylesheets again with XMLHttpRequest unless told
  // not to, which file:// refuses; the browser has them already.
  await page.evaluate(axeSource);
  const r = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'], preload: false }));
  report.add('axe', label, r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} nodes, e.g. ${v.nodes[0]?.target.join(' ')}`));

  const links = await page.evaluate(() => [...document.querySelectorAll('a[href], area[href]')].map((a) => a.href));
  for (const l of links) {
    const u = new URL(l);
    u.hash = '';
    if (u.protocol !== 'file:') { external++; continue; }
    const target = u.href;
    if (!inside(target)) { report.add('every link is a file', label, [`${l} is outside the edition`]); continue; }
    if (!seen.has(target)) { seen.add(target); queue.push(target); }
  }
  const article = /\/(news|analysis|features|opinion)\/\d{4}\/[^/]+\/index\.html$/.test(url);
  if (shots && (url === root + 'index.html' || (article && !shot++))) {
    fs.mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, `edition-${name}-${article ? 'article' : 'index'}-390.png`), fullPage: true });
  }
  await page.close();
}

// Four pages at a time; a worker stops when the queue is empty and no
// other worker is reading a page that may add to it.
let busy = 0;
async function worker() {
  for (;;) {
    const url = queue.shift();
    if (url === undefined) {
      if (!busy) return;
      await new Promise((r) => setTimeout(r, 20));
      continue;
    }
    busy++;
    try { await visit(url); } finally { busy--; }
  }
}
try {
  await Promise.all([worker(), worker(), worker(), worker()]);
} finally {
  await browser.close();
}
console.log(`${name}: ${pages} pages reached from index.html, ${external} links to other hosts (not followed)`);
const failed = report.print();
if (pages < 2) {
  console.log('  FAIL  fewer than 2 pages reached');
  process.exit(1);
}
process.exit(failed ? 1 : 0);
