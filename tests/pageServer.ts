import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const PAGES = join(import.meta.dirname, 'fixtures', 'pages');
const page = (name: string) => readFileSync(join(PAGES, name), 'utf8');

/** A text article with no markup, as a site might serve it. */
export const PLAIN_TEXT = `Allotment gardens get a rain tank

By Jo Marsh

The allotment gardens on Mill Lane received a 10,000-litre rain tank on Thursday, paid for by the town council.

Gardeners said the tank would save them from carrying water from the river during dry summers.
`;

/**
 * A local news site for ingest tests (127.0.0.1 only): pages with JSON-LD, with OpenGraph only, plain,
 * with scripts; a 5 MB page; a redirect to a private address and a redirect loop; a text/plain
 * article; a page that never answers; a JSON document. `hits` counts requests per path.
 */
export async function startPageServer(): Promise<{
  base: string;
  hits: Map<string, number>;
  close: () => Promise<void>;
}> {
  const hits = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] as string;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const html = (body: string) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body);
    };
    switch (path) {
      case '/2025/02/lanterns':
        return html(page('jsonld.html'));
      case '/2025/03/bridge':
        return html(page('opengraph.html'));
      case '/2025/04/library':
        return html(page('plain.html'));
      case '/2025/05/night-trains':
        return html(page('scripts.html'));
      case '/moved':
        res.writeHead(301, { location: '/2025/04/library' });
        return res.end();
      case '/big': {
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = `<p>${'Filler words for a very long page. '.repeat(100)}</p>\n`;
        for (let written = 0; written < 5 * 1024 * 1024; written += chunk.length) res.write(chunk);
        return res.end();
      }
      case '/to-private':
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
        return res.end();
      case '/loop':
        res.writeHead(302, { location: '/loop' });
        return res.end();
      case '/notes.txt':
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        return res.end(PLAIN_TEXT);
      case '/data.json':
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end('{"a": 1}');
      case '/never':
        return; // no answer at all
      default:
        res.writeHead(404, { 'content-type': 'text/plain' });
        return res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
