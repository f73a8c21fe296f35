// The dev server as an editor uses it: `dispatch server` on a free port of
// 127.0.0.1, an article open in Chromium; an edited title must appear within
// 5 seconds (live reload), a template error must be shown in the browser,
// and the page must come back once the template is fixed.
//
//   node devserver.mjs DISPATCH_BINARY SITE_COPY
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { launch } from './chromium.mjs';
import { Report } from './report.mjs';

const [bin, site] = process.argv.slice(2);
const article = 'news/2024/hoeryong-phone-calls';
const md = path.join(site, 'content', article, 'index.md');
const layout = path.join(site, 'layouts', 'single.html');
const report = new Report('Dev server (dispatch server)');

const port = await new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
});
const server = spawn(bin, ['server', '--source', site, '--port', String(port), '--bind', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
let log = '';
server.stdout.on('data', (d) => { log += d; });
server.stderr.on('data', (d) => { log += d; });
const origin = `http://127.0.0.1:${port}`;
const url = `${origin}/${article}/`;

const browser = await launch();
let code = 1;
try {
  // Up within a minute (the first build processes the photos).
  const up = Date.now();
  for (;;) {
    try { if ((await fetch(url)).ok) break; } catch { /* not yet */ }
    if (Date.now() - up > 60000) throw new Error(`the server did not answer within 60 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  report.add('starts on 127.0.0.1', url, []);
  const page = await browser.newPage();
  // Hugo's live reload script connects a websocket after the page loads; an
  // edit made before that would reload nothing.
  const socket = page.waitForEvent('websocket', { timeout: 10000 }).catch(() => null);
  await page.goto(url);
  if (!(await socket)) console.log('  no live-reload websocket; the title is checked by reloading');
  // As an editor would, edit a moment after the preview opened: Hugo may
  // still be settling its file watches right after the first build.
  await new Promise((r) => setTimeout(r, 1000));
  const h1 = () => page.evaluate(() => document.querySelector('h1')?.textContent ?? '');

  // An edited title appears without touching the browser: live reload.
  const title = `Edited at ${Date.now()}`;
  const original = fs.readFileSync(md, 'utf8');
  fs.writeFileSync(md, original.replace(/^title: .*$/m, `title: "${title}"`));
  let t0 = Date.now();
  // The page reloads itself (Hugo's live reload); poll what it shows, and
  // after 2 s also load the URL again, as a reader would.
  let seen = false;
  let how = 'live reload';
  while (Date.now() - t0 < 5000 && !seen) {
    await new Promise((r) => setTimeout(r, 50));
    if (Date.now() - t0 > 2000) {
      how = 'loading the URL again';
      await page.goto(url).catch(() => {});
    }
    seen = (await h1().catch(() => '')).includes(title);
  }
  report.add('edited title shown within 5 s', url, seen ? [] : [`after 5 s the page shows "${await h1().catch(() => '')}"`]);
  console.log(`  edited title appeared after ${Date.now() - t0} ms, by ${how}`);

  // A template error is shown in the browser.
  const goodLayout = fs.readFileSync(layout, 'utf8');
  fs.writeFileSync(layout, goodLayout + '\n{{ .NoSuchMethod }}\n');
  t0 = Date.now();
  let shown = false;
  while (Date.now() - t0 < 10000 && !shown) {
    await new Promise((r) => setTimeout(r, 300));
    await page.goto(url).catch(() => {});
    // Live reload may be navigating the page at the same moment: retry.
    shown = /NoSuchMethod/.test(await page.content().catch(() => ''));
  }
  report.add('template error shown in the browser', url, shown ? [] : ['the page does not mention the error']);

  // Fixed, the page comes back.
  fs.writeFileSync(layout, goodLayout);
  t0 = Date.now();
  let back = false;
  while (Date.now() - t0 < 10000 && !back) {
    await new Promise((r) => setTimeout(r, 300));
    await page.goto(url).catch(() => {});
    back = (await h1().catch(() => '')).includes(title);
  }
  report.add('recovers once the template is fixed', url, back ? [] : [`the page shows "${await h1().catch(() => '')}"`]);
  fs.writeFileSync(md, original);
  code = report.print() ? 1 : 0;
} catch (e) {
  console.error(e);
  report.print();
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
process.exit(code);
