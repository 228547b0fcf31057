import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

const PAGE = readFileSync(new URL('../review-page/review-page.html', import.meta.url), 'utf8');

/** The page's icon: an envelope with a check mark, as SVG (browsers accept it for /favicon.ico). */
const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect x="2" y="7" width="28" height="19" rx="3" fill="#1d2330"/>' +
  '<path d="M3 9l13 9 13-9" stroke="#fff" stroke-width="2" fill="none"/><circle cx="25" cy="24" r="6" fill="#1f8a4c"/>' +
  '<path d="M22 24l2 2 4-4" stroke="#fff" stroke-width="2" fill="none"/></svg>';

/**
 * GET / and GET /reviews/{id}: a small review-queue page over the JSON API
 * (a reviewer pastes an API token; the page lists open reviews per workspace,
 * failed Slack notifications and service health, and approves or rejects).
 * The links in Slack review messages point here. The full dashboard (React +
 * Vite) will replace it; it serves no data itself, so it needs no auth.
 * Without a token it says how to create one (`autosend token create`).
 */
export function registerReviewPage(app: FastifyInstance): void {
  const send = (_req: unknown, reply: { type(t: string): { send(b: string): unknown } }) =>
    reply.type('text/html; charset=utf-8').send(PAGE);
  app.get('/', send);
  app.get('/reviews/:reviewId', send);
  app.get('/favicon.ico', (_req, reply) =>
    reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(FAVICON),
  );
}
