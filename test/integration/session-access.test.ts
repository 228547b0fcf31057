import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/auth/manage-users.ts';
import { completeSetup, createSetupLink } from '../../src/auth/setup-links.ts';
import { pathParams } from '../../src/http/api/api-route.ts';
import { apiRoutes } from '../../src/http/api/register-admin-api.ts';
import { type ApiHarness, routeParamsOf, startApiHarness } from './api-fixtures.ts';

/*
 * The route-table-driven access tests again, signed in to the dashboard
 * (session cookie + CSRF token) instead of with an API token, plus the
 * sign-in defences: lockout, per-address limit, one-time setup links,
 * sign-out everywhere.
 */
let h: ApiHarness;
const PASSWORD = 'a long enough passphrase';
const SAME_ORIGIN = 'http://localhost:80';

interface Session {
  cookie: string;
  csrf: string;
}

async function invite(email: string, workspaceId: string, role: 'admin' | 'reviewer') {
  const user = await createUser(h.db.db, 'test', { email, workspace: workspaceId, role });
  const token = await createSetupLink(h.db.db, { userId: user.userId, now: new Date() });
  await completeSetup(h.db.db, { token, password: PASSWORD }, new Date());
  return token;
}

async function login(email: string, password = PASSWORD, remoteAddress = '10.0.0.1') {
  return h.app.inject({
    method: 'POST',
    url: '/auth/login',
    remoteAddress,
    payload: { email, password },
  });
}

async function signIn(email: string): Promise<Session> {
  const res = await login(email);
  expect(res.statusCode).toBe(200);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  return { cookie, csrf: res.json().csrfToken };
}

async function call(
  session: Session | undefined,
  method: string,
  url: string,
  body?: unknown,
  options: { csrf?: string | null; origin?: string } = {},
) {
  const headers: Record<string, string> = { host: 'localhost:80' };
  if (session) headers.cookie = session.cookie;
  const csrf = options.csrf === undefined ? session?.csrf : options.csrf;
  if (csrf) headers['x-csrf-token'] = csrf;
  if (options.origin) headers.origin = options.origin;
  const res = await h.app.inject({
    method: method as 'GET',
    url,
    headers,
    ...(body === undefined ? {} : { payload: body as object }),
  });
  return { status: res.statusCode, json: res.body ? JSON.parse(res.body) : undefined };
}

function urlFor(path: string, ids: Record<string, string>): string {
  return `/api/v1${path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    const value = ids[name];
    if (!value) throw new Error(`no fixture for :${name} in ${path}: add one to the access test`);
    return value;
  })}`;
}
const idsOf = routeParamsOf;

let adminA: Session;
let reviewerA: Session;

beforeAll(async () => {
  h = await startApiHarness();
  await invite('admin@alpha.example', h.a.workspaceId, 'admin');
  await invite('reviewer@alpha.example', h.a.workspaceId, 'reviewer');
  adminA = await signIn('admin@alpha.example');
  reviewerA = await signIn('reviewer@alpha.example');
});
afterAll(async () => {
  await h?.close();
});

describe('sign-in', () => {
  it('sets an HttpOnly, Secure, SameSite=Strict session cookie and answers /auth/me', async () => {
    const res = await login('admin@alpha.example');
    expect(String(res.headers['set-cookie'])).toMatch(
      /^autosend_session=[\w-]{40,}; Path=\/; HttpOnly; Secure; SameSite=Strict; Max-Age=604800$/,
    );
    const me = await call(adminA, 'GET', '/auth/me');
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({
      email: 'admin@alpha.example',
      workspaces: [{ id: h.a.workspaceId, role: 'admin' }],
    });
  });

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    const wrong = await login('admin@alpha.example', 'not the password', '10.0.0.2');
    const unknown = await login('nobody@alpha.example', 'not the password', '10.0.0.2');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
  });

  it('locks an account after five failures, even for the right password', async () => {
    await invite('locked@alpha.example', h.a.workspaceId, 'reviewer');
    for (let i = 0; i < 5; i++) {
      expect(
        (await login('locked@alpha.example', 'guess-guess-guess', '10.0.1.1')).statusCode,
      ).toBe(401);
    }
    const res = await login('locked@alpha.example', PASSWORD, '10.0.1.2');
    expect(res.statusCode).toBe(429);
    expect(res.json().error).toMatchObject({ code: 'rate_limited' });
    expect(res.json().error.message).toMatch(/locked for 15 more minute/);
  });

  // scrypt runs for every attempt that is let through: slow on a loaded machine.
  it('limits sign-in attempts per address across accounts', { timeout: 240_000 }, async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      statuses.push((await login(`x${i}@alpha.example`, 'nope-nope-nope', '10.0.2.1')).statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    // Another address is not affected.
    expect((await login('admin@alpha.example', PASSWORD, '10.0.2.2')).statusCode).toBe(200);
  });

  it('spends a setup link once', async () => {
    const token = await invite('once@alpha.example', h.a.workspaceId, 'reviewer');
    const again = await h.app.inject({
      method: 'POST',
      url: '/auth/setup',
      payload: { token, password: 'another long passphrase' },
    });
    expect(again.statusCode).toBe(404);
    expect(
      (await login('once@alpha.example', 'another long passphrase', '10.0.3.1')).statusCode,
    ).toBe(401);
  });

  it('rejects a short password naming the field, and writes nothing', async () => {
    const user = await createUser(h.db.db, 'test', {
      email: 'short@alpha.example',
      workspace: h.a.workspaceId,
    });
    const token = await createSetupLink(h.db.db, { userId: user.userId, now: new Date() });
    const res = await h.app.inject({
      method: 'POST',
      url: '/auth/setup',
      payload: { token, password: 'short' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ password: 'must be at least 12 characters' });
    expect((await login('short@alpha.example', 'short', '10.0.3.2')).statusCode).toBe(401);
  });

  it('signs out one session, or every session of the user', async () => {
    const one = await signIn('reviewer@alpha.example');
    const two = await signIn('reviewer@alpha.example');
    expect((await call(one, 'POST', '/auth/logout', {})).status).toBe(200);
    expect((await call(one, 'GET', '/auth/me')).status).toBe(401);
    expect((await call(two, 'GET', '/auth/me')).status).toBe(200);
    const all = await call(two, 'POST', '/auth/logout-everywhere', {});
    expect(all.json.ended).toBeGreaterThanOrEqual(2);
    expect((await call(two, 'GET', '/auth/me')).status).toBe(401);
    expect(
      (await call(reviewerA, 'GET', `/api/v1/workspaces/${h.a.workspaceId}/reviews`)).status,
    ).toBe(401);
    reviewerA = await signIn('reviewer@alpha.example');
  });
});

describe('CSRF', () => {
  const changing = apiRoutes.filter((r) => r.method !== 'GET');

  for (const route of changing) {
    it(`${route.method} ${route.path}: refused without the CSRF token or from another origin`, async () => {
      const url = urlFor(route.path, idsOf(h.a));
      const missing = await call(adminA, route.method, url, route.example, { csrf: null });
      expect(missing.status).toBe(403);
      expect(missing.json.error.message).toMatch(/CSRF/);
      const wrong = await call(adminA, route.method, url, route.example, { csrf: 'forged' });
      expect(wrong.status).toBe(403);
      const foreign = await call(adminA, route.method, url, route.example, {
        origin: 'https://evil.example',
      });
      expect(foreign.status).toBe(403);
      expect(foreign.json.error.message).toMatch(/cross-site/);
    });
  }

  it('lets our own page change things with the token and same origin', async () => {
    const res = await call(
      adminA,
      'PATCH',
      `/api/v1/workspaces/${h.a.workspaceId}`,
      { name: 'Alpha renamed' },
      { origin: SAME_ORIGIN },
    );
    expect(res.status).toBe(200);
  });
});

describe('workspace scope, signed in', () => {
  // Agency-wide routes refuse every signed-in user (below) before looking at ids.
  const scoped = apiRoutes.filter((r) => pathParams(r.path).length > 0 && !r.agencyWide);

  for (const route of scoped) {
    it(`${route.method} ${route.path}: a user of workspace A gets 404 for B's ids`, async () => {
      const intoB = await call(adminA, route.method, urlFor(route.path, idsOf(h.b)), route.example);
      expect(intoB.status).toBe(404);
      expect(intoB.json.error.code).toBe('not_found');
      const nested = pathParams(route.path).filter((p) => p !== 'workspaceId' && p !== 'flag');
      if (nested.length > 0) {
        const ids = { ...idsOf(h.b), workspaceId: h.a.workspaceId };
        const mixed = await call(adminA, route.method, urlFor(route.path, ids), route.example);
        expect(mixed.status).toBe(404);
      }
    });
  }

  it('lists only the workspaces the user belongs to', async () => {
    const res = await call(reviewerA, 'GET', '/api/v1/workspaces');
    expect(res.json.items.map((w: { id: string }) => w.id)).toEqual([h.a.workspaceId]);
  });

  it('never lets a user act agency-wide', async () => {
    const res = await call(adminA, 'POST', '/api/v1/workspaces', { name: 'Gamma' });
    expect(res.status).toBe(403);
    for (const route of apiRoutes.filter((r) => r.agencyWide)) {
      const other = await call(adminA, route.method, urlFor(route.path, idsOf(h.a)), route.example);
      expect(other.status, `${route.method} ${route.path}`).toBe(403);
    }
  });
});

describe('roles, signed in', () => {
  for (const route of apiRoutes.filter((r) => r.role === 'admin')) {
    it(`${route.method} ${route.path}: a reviewer gets 403`, async () => {
      const res = await call(
        reviewerA,
        route.method,
        urlFor(route.path, idsOf(h.a)),
        route.example,
      );
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe('forbidden');
    });
  }

  it('lets a reviewer read the queue and act on reviews as user:<id>', async () => {
    const base = `/api/v1/workspaces/${h.a.workspaceId}`;
    expect((await call(reviewerA, 'GET', `${base}/reviews`)).status).toBe(200);
    const reject = await call(reviewerA, 'POST', `${base}/reviews/${h.a.reviewId}/reject`, {
      note: 'wrong person',
    });
    expect(reject.status).toBe(200);
    const reviews = await call(reviewerA, 'GET', `${base}/reviews`);
    const row = reviews.json.items.find((r: { id: string }) => r.id === h.a.reviewId);
    expect(row).toMatchObject({ status: 'rejected' });
    expect(row.decidedBy).toMatch(/^user:[0-9a-f-]{36}$/);
  });
});
