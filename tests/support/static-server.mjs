// A tiny static file server on 127.0.0.1 for test pages, the built package and the demo.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm', '.png': 'image/png', '.svg': 'image/svg+xml',
};

/**
 * Serves `routes` ({ '/prefix': '/abs/dir' }, longest prefix wins) on 127.0.0.1:`port` (0 = any).
 * `headers` are added to every response (e.g. a Content-Security-Policy).
 */
export function startStaticServer(routes, { port = 0, headers = {} } = {}) {
  const prefixes = Object.keys(routes).sort((a, b) => b.length - a.length);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      const prefix = prefixes.find(p => path === p || path.startsWith(p.endsWith('/') ? p : p + '/'));
      if (!prefix) throw Object.assign(new Error('no route'), { status: 404 });
      const base = resolve(routes[prefix]);
      let file = normalize(join(base, path.slice(prefix.length)));
      if (!file.startsWith(base)) throw Object.assign(new Error('outside root'), { status: 403 });
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-store', ...headers });
      res.end(body);
    } catch (e) {
      res.writeHead(e.status || 404, { 'Content-Type': 'text/plain' });
      res.end(String(e.message));
    }
  });
  return new Promise(ok => server.listen(port, '127.0.0.1', () => {
    ok({ url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise(done => server.close(done)) });
  }));
}
