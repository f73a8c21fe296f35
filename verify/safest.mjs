// Visits every page of a built site as Tor Browser at its "Safest" level
// reads it: no JavaScript, no web fonts, no SVG. The site is served from
// 127.0.0.1 with its _headers (serve.mjs); each page must answer 200 and be
// complete without script (stylesheet loaded and applied, every photo
// loaded), with no console error, no failed request, no request to another
// host, no font or SVG loaded and no <svg>. A page with a script (the search
// page, whose form and links work without it) is counted. Alias pages,
// which only send the reader on (meta refresh), are counted apart.
//
//   node safest.mjs --site out/onion --name onion
import fs from 'node:fs';
import path from 'node:path';
import { launch } from './chromium.mjs';
import { complete } from './complete.mjs';
import { serve } from './serve.mjs';
import { Report } from './report.mjs';

const args = process.argv.slice(2);
let dir = '';
let name = 'site';
for (let i = 0; i < args.length; i += 2) {
  const [flag, value] = [args[i], args[i + 1]];
  if (flag === '--site') dir = path.resolve(value);
  else if (flag === '--name') name = value;
  else {
    console.error(`safest.mjs: unknown flag ${flag}`);
    process.exit(2);
  }
}

// Every HTML file, as the path a reader asks for.
const pages = [];
let aliases = 0;
(function walk(d) {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.html')) {
      if (/<meta http-equiv="refresh"/.test(fs.readFileSync(p, 'utf8'))) { aliases++; continue; }
      const rel = path.relative(dir, p).split(path.sep).join('/');
      pages.push('/' + rel.replace(/(^|\/)index\.html$/, '$1'));
    }
  }
})(dir);
pages.sort();

const report = new Report(`Every page of ${name} without JavaScript, web fonts or SVG (Chromium, as Tor Browser's "Safest")`);
const { origin, server } = await serve(dir);
const browser = await launch();
const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
const hosts = [];
const withScript = [];
await context.route('**/*', (route) => {
  const u = new URL(route.request().url());
  if (u.origin === origin) return route.continue();
  hosts.push(u.href);
  return route.abort();
});
try {
  for (const p of pages) {
    const label = `${name} ${p}`;
    const page = await context.newPage();
    const problems = { console: [], requests: [], kinds: [] };
    page.on('console', (m) => { if (m.type() === 'error') problems.console.push(m.text()); });
    page.on('requestfailed', (r) => problems.requests.push(`${r.url()} ${r.failure()?.errorText}`));
    page.on('response', (r) => { if (r.status() >= 400) problems.requests.push(`${r.status()} ${r.url()}`); });
    page.on('request', (r) => {
      const type = r.resourceType();
      if (type === 'font' || /\.svgz?(\?|$)/.test(new URL(r.url()).pathname)) problems.kinds.push(`${type} ${r.url()}`);
    });
    const before = hosts.length;
    const response = await page.goto(origin + p, { waitUntil: 'load' });
    report.add('status 200', label, response?.status() === 200 ? [] : [`HTTP ${response?.status()}`]);
    report.add('page complete', label, await complete(page, { scroll: false }));
    report.add('console', label, problems.console);
    report.add('requests', label, problems.requests);
    report.add('own host only', label, hosts.slice(before));
    const markup = await page.evaluate(() => ({
      svg: document.querySelectorAll('svg').length,
      scripts: document.querySelectorAll('script:not([type="application/ld+json"])').length,
    }));
    report.add('no font or SVG', label, [...problems.kinds, ...(markup.svg ? [`${markup.svg} <svg> elements`] : [])]);
    if (markup.scripts) withScript.push(p);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`${name}: ${pages.length} pages visited without JavaScript; ${aliases} alias pages (a meta refresh) not visited`);
console.log(`${name}: pages with a script, which did not run: ${withScript.join(', ') || 'none'}`);
const failed = report.print();
process.exit(failed || pages.length < 50 ? 1 : 0);
