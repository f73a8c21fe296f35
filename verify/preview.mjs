// The preview's banners as an editor sees them: `dispatch server` on a free
// port of 127.0.0.1, on a copy of the site with a draft, a scheduled
// article and an article Hugo cannot build, opened in Chromium. The draft
// and the scheduled article show their banner, the error banner lists the
// broken file with its line and column on every page (English and Korean),
// and axe-core finds nothing on any of them, in light and dark mode, on a
// phone's width and a desktop's. Screenshots go to --shots.
//
//   node preview.mjs DISPATCH_BINARY SITE_COPY SHOTS_DIR
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { launch } from './chromium.mjs';
import { Report } from './report.mjs';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const [bin, site, shots = 'out/screenshots'] = process.argv.slice(2);
fs.mkdirSync(shots, { recursive: true });
const report = new Report('Preview banners (dispatch server)');

// The articles: one in progress, one for later, one Hugo cannot read (a
// date without a time zone or a time: 2025-01-10 09:00).
const article = (title, date, extra = '') => `---
title: "${title}"
date: ${date}
authors: ["Dispatch Staff"]
description: "A test of the preview."
tags: ["markets"]
${extra}---
Text.
`;
const write = (rel, text) => {
  const file = path.join(site, 'content', rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
};
write('news/2025/draft-story/index.md', article('A story in progress', '2025-01-10T09:00:00+09:00', 'draft: true\n'));
write('news/2099/later/index.md', article('A story for later', '2099-01-01T09:00:00+09:00'));
write('news/2025/broken-story/index.md', article('A broken story', '2025-01-10 09:00', 'draft: true\n'));
const broken = 'content/news/2025/broken-story/index.md:3:7';

const port = await new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
});
const server = spawn(bin, ['server', '--source', site, '--port', String(port), '--bind', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
let log = '';
server.stdout.on('data', (d) => { log += d; });
server.stderr.on('data', (d) => { log += d; });
const origin = `http://127.0.0.1:${port}`;

// Each page, and the status banner it must show ('' for none).
const pages = [
  { name: 'home', path: '/', status: '' },
  { name: 'article', path: '/news/2024/hoeryong-phone-calls/', status: '' },
  { name: 'draft', path: '/news/2025/draft-story/', status: 'Draft — not published' },
  { name: 'scheduled', path: '/news/2099/later/', status: 'Scheduled for January 1, 2099 — not published yet' },
  { name: 'korean-home', path: '/ko/', status: '' },
];

const browser = await launch();
let code = 1;
try {
  const up = Date.now();
  for (;;) {
    try { if ((await fetch(origin + '/')).ok) break; } catch { /* not yet */ }
    if (Date.now() - up > 60000) throw new Error(`the server did not answer within 60 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  report.add('starts, leaving the broken article out', origin, log.includes(`left out of the preview until fixed: ${broken}`) ? [] : ['the terminal does not list the broken article']);
  const left = await fetch(origin + '/news/2025/broken-story/');
  report.add('the broken article answers 404', '/news/2025/broken-story/', left.status === 404 ? [] : [`HTTP ${left.status}`]);

  for (const p of pages) {
    for (const width of [390, 1280]) {
      const label = `${p.name} ${p.path} @${width}`;
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      const response = await page.goto(origin + p.path, { waitUntil: 'load' });
      report.add('page answers 200', label, response?.status() === 200 ? [] : [`HTTP ${response?.status()}`]);

      // The error banner: first in the page after the skip link, visible,
      // an alert, naming the broken file where the editor will fix it.
      const errors = await page.evaluate(() => {
        const el = document.querySelector('.preview-errors');
        if (!el) return null;
        const r = el.getBoundingClientRect();
        return { text: el.textContent, role: el.getAttribute('role'), visible: r.width > 0 && r.height > 0 && r.top >= 0 && r.top < innerHeight };
      });
      const errProblems = [];
      if (!errors) errProblems.push('no error banner');
      else {
        if (!errors.text.includes(broken)) errProblems.push(`the banner does not list ${broken}: "${errors.text.trim()}"`);
        if (errors.role !== 'alert') errProblems.push('the banner is not role="alert"');
        if (!errors.visible) errProblems.push('the banner is not visible at the top of the page');
      }
      report.add('error banner lists the broken file', label, errProblems);

      const status = await page.evaluate(() => {
        const el = document.querySelector('.preview-status');
        if (!el) return null;
        const r = el.getBoundingClientRect();
        return { text: el.textContent.trim(), visible: r.width > 0 && r.height > 0 && r.top >= 0 && r.top < innerHeight };
      });
      const statusProblems = [];
      if (p.status && !status) statusProblems.push(`no "${p.status}" banner`);
      else if (p.status && status.text !== p.status) statusProblems.push(`the banner says "${status.text}"`);
      else if (p.status && !status.visible) statusProblems.push('the banner is not visible at the top of the page');
      else if (!p.status && status) statusProblems.push(`a banner on a published page: "${status.text}"`);
      report.add('draft and scheduled banners', label, statusProblems);

      await page.evaluate(axeSource);
      for (const scheme of width === 1280 ? ['light', 'dark'] : ['light']) {
        await page.emulateMedia({ colorScheme: scheme });
        const r = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
        report.add(`axe ${scheme}`, label, r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} nodes, e.g. ${v.nodes[0]?.target.join(' ')}`));
      }
      await page.emulateMedia({ colorScheme: 'light' });
      await page.screenshot({ path: path.join(shots, `preview-${p.name}-${width}.png`) });
      await context.close();
    }
  }
  code = report.print() ? 1 : 0;
} catch (e) {
  console.error(e);
  report.print();
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
// The preview renders in memory: nothing of it may be left in public/.
if (fs.existsSync(path.join(site, 'public'))) {
  console.error('the preview wrote public/');
  code = 1;
}
process.exit(code);
