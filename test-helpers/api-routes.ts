/**
 * The API routes (pages/api/products/index.ts, [id].ts and pages/api/step-up.ts) served as
 * Next.js serves them: through its own API resolver, which applies each
 * route's `config` (no body parser) and its response helpers.
 *
 * Set the environment first: the routes read it when they are first imported.
 */
import http from 'node:http';
import { apiResolver } from 'next/dist/server/api-utils/node/api-resolver';
import { close, listen } from './listen';

export async function serveProductRoutes() {
  const list = await import('@/pages/api/products');
  const one = await import('@/pages/api/products/[id]');
  const stepUp = await import('@/pages/api/step-up');
  const server = http.createServer((req, res) => {
    // The path as received: new URL() would resolve dot segments, and a route must cope with them.
    const pathname = (req.url ?? '/').split('?')[0]!;
    const id = pathname.match(/^\/api\/products\/([^/]+)$/)?.[1];
    void apiResolver(
      req,
      res,
      id ? { id: decodeURIComponent(id) } : {},
      pathname === '/api/step-up' ? stepUp : id ? one : list,
      { dev: false, previewModeId: '', previewModeEncryptionKey: '', previewModeSigningKey: '' },
      false,
    );
  });
  return {
    url: await listen(server),
    close: () => close(server),
  };
}
