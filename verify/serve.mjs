// A static server for a built site on 127.0.0.1 that behaves like the
// static hosts we publish to: it applies the site's _headers (so the
// Content-Security-Policy is a real response header) and _redirects, and
// serves 404.html with a 404 status.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const types = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript',
  '.xml': 'application/xml', '.json': 'application/json', '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp',
  '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.wasm': 'application/wasm',
};

// parseHeaders reads the _headers format of Netlify and Cloudflare Pages:
// a path pattern, then indented "Name: value" lines, and "! Name" lines,
// which drop a header that an earlier rule set (Cloudflare's syntax).
export function parseHeaders(text) {
  const rules = [];
  let rule = null;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    if (!/^\s/.test(line)) {
      const re = new RegExp('^' + line.trim().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*') + '$');
      rule = { pattern: line.trim(), re, headers: {}, detach: [] };
      rules.push(rule);
    } else if (rule && line.trim().startsWith('!')) {
      rule.detach.push(line.trim().slice(1).trim());
    } else if (rule) {
      const i = line.indexOf(':');
      rule.headers[line.slice(0, i).trim()] = line.slice(i + 1).trim();
    }
  }
  return rules;
}

export function parseRedirects(text) {
  const map = new Map();
  for (const line of text.split('\n')) {
    const [from, to, status] = line.trim().split(/\s+/);
    if (from && to) map.set(from, { to, status: Number(status || 301) });
  }
  return map;
}

// serve starts a server for dir and resolves to its origin.
export function serve(root) {
  const dir = path.resolve(root);
  const read = (name) => (fs.existsSync(path.join(dir, name)) ? fs.readFileSync(path.join(dir, name), 'utf8') : '');
  const rules = parseHeaders(read('_headers'));
  const redirects = parseRedirects(read('_redirects'));
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const pathname = decodeURIComponent(url.pathname);
    for (const r of rules) {
      if (!r.re.test(pathname)) continue;
      for (const k of r.detach) res.removeHeader(k);
      for (const [k, v] of Object.entries(r.headers)) res.setHeader(k, v);
    }
    const redirect = redirects.get(pathname);
    if (redirect) {
      res.writeHead(redirect.status, { Location: redirect.to });
      return res.end();
    }
    let file = path.join(dir, pathname);
    if (file !== dir && !file.startsWith(dir + path.sep)) {
      res.writeHead(400);
      return res.end();
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { Location: pathname + '/' });
        return res.end();
      }
      file = path.join(file, 'index.html');
    }
    let status = 200;
    if (!fs.existsSync(file) || ['/_headers', '/_redirects', '/nginx.conf'].includes(pathname)) {
      status = 404;
      file = path.join(dir, '404.html');
    }
    res.writeHead(status, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ origin: `http://127.0.0.1:${server.address().port}`, server, rules }));
  });
}
