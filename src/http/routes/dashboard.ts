import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where `npm run build:web` writes the dashboard. */
export const DASHBOARD_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Inline styles are allowed (the chart library sets them); scripts come only from us. */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  // Setup links carry a one-time token in the URL: never leak it in a Referer.
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Autosend</title>
<h1>The dashboard is not built</h1><p>Run <code>npm run build:web</code> (npm start does it first), then reload.</p>`;

/** Paths the page never owns: unknown ones there answer 404, not the dashboard. */
const NOT_PAGES = /^\/(api|auth|webhooks|slack|healthz|readyz|metrics)(\/|$)/;

/**
 * Serves the React dashboard from web/dist: hashed assets with long caching,
 * and index.html for every page path (the page routes in the browser), so
 * Slack's links to /reviews/{id} open the review.
 */
export function registerDashboard(app: FastifyInstance, dist = DASHBOARD_DIST): void {
  const indexPath = `${dist}index.html`;
  const index = () => (existsSync(indexPath) ? readFileSync(indexPath, 'utf8') : null);
  let cached: string | null = null;

  const sendIndex = (reply: FastifyReply) => {
    cached ??= index();
    reply.headers(SECURITY_HEADERS).header('cache-control', 'no-cache');
    if (!cached) return reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT);
    return reply.type('text/html; charset=utf-8').send(cached);
  };

  app.get('/assets/*', async (request, reply) => {
    const rest = (request.params as { '*': string })['*'];
    const file = normalize(rest);
    if (file.startsWith('..') || file.includes('\0') || file.startsWith('/')) {
      return reply.code(404).send({ error: { code: 'not_found', message: 'no such asset' } });
    }
    try {
      const body = await readFile(`${dist}assets/${file}`);
      return reply
        .headers(SECURITY_HEADERS)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .type(TYPES[extname(file)] ?? 'application/octet-stream')
        .send(body);
    } catch {
      return reply.code(404).send({ error: { code: 'not_found', message: `no asset ${file}` } });
    }
  });

  app.get('/*', async (request, reply) => {
    const path = request.url.split('?')[0]!;
    if (NOT_PAGES.test(path)) {
      return reply
        .code(404)
        .send({ error: { code: 'not_found', message: `no route GET ${path}` } });
    }
    return sendIndex(reply);
  });
}
