import type { FastifyInstance } from 'fastify';

/** The dashboard's icon: an envelope with a check mark, as SVG (browsers accept it for /favicon.ico). */
const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect x="2" y="7" width="28" height="19" rx="3" fill="#1d2330"/>' +
  '<path d="M3 9l13 9 13-9" stroke="#fff" stroke-width="2" fill="none"/><circle cx="25" cy="24" r="6" fill="#1f8a4c"/>' +
  '<path d="M22 24l2 2 4-4" stroke="#fff" stroke-width="2" fill="none"/></svg>';

/** GET /favicon.ico: answered, so a browser's automatic request logs no console error. */
export function registerFavicon(app: FastifyInstance): void {
  app.get('/favicon.ico', (_req, reply) =>
    reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(FAVICON),
  );
}
