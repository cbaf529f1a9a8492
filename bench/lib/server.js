// The bench's web server (node:http on 127.0.0.1): the service page for each variant, the
// page's stylesheet and probe, the widget from dist/ and the comparison bundles. Scripts are
// served after SCRIPT_DELAY_MS, as from a CDN a little further away than the page, so the
// page's first paint always comes before any prompt script runs (as on a real site). Nothing
// is cached (Cache-Control: no-store) and nothing is compressed (bytes are reported apart).
// POSTs (Sentry's envelopes; Welcomed sends nothing before an answer) get 200 `{}`.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript' };

/**
 * @param {object} options
 * @param {Record<string, string>} options.mounts URL prefix → folder
 * @param {(name: string) => string | undefined} options.page HTML for /page/<name>.html
 * @param {number} options.scriptDelayMs
 */
export async function startServer({ mounts, page, scriptDelayMs }) {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    const send = (status, type, body) => {
      response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      response.end(body);
    };
    try {
      if (request.method === 'POST') {
        request.resume();
        return send(200, 'application/json', '{}');
      }
      const pageMatch = /^\/page\/([\w-]+)\.html$/.exec(url.pathname);
      if (pageMatch) {
        const html = page(pageMatch[1]);
        return html ? send(200, TYPES['.html'], html) : send(404, 'text/plain', 'no such page');
      }
      for (const [prefix, folder] of Object.entries(mounts)) {
        if (!url.pathname.startsWith(prefix)) continue;
        const file = normalize(join(folder, decodeURIComponent(url.pathname.slice(prefix.length))));
        if (!file.startsWith(resolve(folder))) break;
        const body = await readFile(file);
        if (extname(file) === '.js' && prefix !== '/pages/') await sleep(scriptDelayMs);
        return send(200, TYPES[extname(file)] ?? 'application/octet-stream', body);
      }
      send(404, 'text/plain', 'not found');
    } catch (error) {
      send(error.code === 'ENOENT' ? 404 : 500, 'text/plain', String(error.code ?? error));
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((done) => server.close(done)) };
}
