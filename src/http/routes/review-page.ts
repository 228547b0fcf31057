import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

const PAGE = readFileSync(new URL('../review-page/review-page.html', import.meta.url), 'utf8');

/**
 * GET / and GET /reviews/{id}: a small review-queue page over the JSON API
 * (a reviewer pastes an API token; the page lists open reviews per workspace,
 * failed Slack notifications and service health, and approves or rejects).
 * The links in Slack review messages point here. The full dashboard (React +
 * Vite) will replace it; it serves no data itself, so it needs no auth.
 */
export function registerReviewPage(app: FastifyInstance): void {
  const send = (_req: unknown, reply: { type(t: string): { send(b: string): unknown } }) =>
    reply.type('text/html; charset=utf-8').send(PAGE);
  app.get('/', send);
  app.get('/reviews/:reviewId', send);
}
