import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathParams } from '../../src/http/api/api-route.ts';
import { apiRoutes } from '../../src/http/api/register-admin-api.ts';
import { type ApiHarness, routeParamsOf, startApiHarness } from './api-fixtures.ts';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Fills a route's path from a workspace's ids; an unknown parameter fails the test so new ones get a fixture. */
function urlFor(path: string, ids: Record<string, string>): string {
  return `/api/v1${path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    const value = ids[name];
    if (!value) throw new Error(`no fixture for :${name} in ${path}: add one to the access test`);
    return value;
  })}`;
}

const idsOf = routeParamsOf;

describe('authentication', () => {
  it('refuses a missing, malformed, unknown or revoked token with 401 on every route', async () => {
    for (const route of apiRoutes) {
      const url = urlFor(route.path, idsOf(h.a));
      for (const token of [undefined, 'as_not-a-real-token', h.tokens.revoked]) {
        const res = await h.call(token, route.method, url, route.example);
        expect(res.status, `${route.method} ${route.path} with ${token ? 'bad' : 'no'} token`).toBe(
          401,
        );
        expect(res.json.error.code).toBe('unauthorized');
      }
    }
    const revoked = await h.call(h.tokens.revoked, 'GET', '/api/v1/workspaces');
    expect(revoked.json.error.message).toMatch(/revoked/);
  });

  it('refuses a stranger before reading the body', async () => {
    const res = await h.call(undefined, 'POST', '/api/v1/workspaces', {
      name: 'x'.repeat(300_000),
    });
    expect(res.status).toBe(401);
  });

  it('accepts a valid token', async () => {
    expect((await h.call(h.tokens.agency, 'GET', '/api/v1/workspaces')).status).toBe(200);
  });
});

describe('workspace scope', () => {
  // Agency-wide routes refuse every scoped token (below) before looking at ids.
  const scoped = apiRoutes.filter((r) => pathParams(r.path).length > 0 && !r.agencyWide);

  it('covers every route that takes an id', () => {
    expect(scoped.length).toBeGreaterThanOrEqual(15);
  });

  for (const route of scoped) {
    it(`${route.method} ${route.path}: a token of workspace A gets 404 for B's ids`, async () => {
      const intoB = await h.call(
        h.tokens.adminA,
        route.method,
        urlFor(route.path, idsOf(h.b)),
        route.example,
      );
      expect(intoB.status).toBe(404);
      expect(intoB.json.error.code).toBe('not_found');
      const nested = pathParams(route.path).filter((p) => p !== 'workspaceId' && p !== 'flag');
      if (nested.length > 0) {
        // B's object under A's workspace id: still not found.
        const ids = { ...idsOf(h.b), workspaceId: h.a.workspaceId };
        const mixed = await h.call(
          h.tokens.adminA,
          route.method,
          urlFor(route.path, ids),
          route.example,
        );
        expect(mixed.status).toBe(404);
      }
    });
  }

  it('lists only the workspaces a scoped token may see', async () => {
    const res = await h.call(h.tokens.reviewerA, 'GET', '/api/v1/workspaces');
    expect(res.json.items.map((w: { id: string }) => w.id)).toEqual([h.a.workspaceId]);
  });

  it('hides audit rows of other workspaces from a scoped token', async () => {
    const res = await h.call(
      h.tokens.adminA,
      'GET',
      `/api/v1/audit?workspaceId=${h.b.workspaceId}`,
    );
    expect(res.status).toBe(404);
    const own = await h.call(h.tokens.adminA, 'GET', '/api/v1/audit');
    expect(own.status).toBe(200);
    expect(
      own.json.items.every((r: { workspaceId: string }) => r.workspaceId === h.a.workspaceId),
    ).toBe(true);
  });
});

describe('roles', () => {
  for (const route of apiRoutes.filter((r) => r.role === 'admin')) {
    it(`${route.method} ${route.path}: a reviewer token gets 403`, async () => {
      const res = await h.call(
        h.tokens.reviewerA,
        route.method,
        urlFor(route.path, idsOf(h.a)),
        route.example,
      );
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe('forbidden');
    });
  }

  it('lets a reviewer read settings and the review queue', async () => {
    const base = `/api/v1/workspaces/${h.a.workspaceId}`;
    expect((await h.call(h.tokens.reviewerA, 'GET', `${base}/campaigns`)).status).toBe(200);
    expect((await h.call(h.tokens.reviewerA, 'GET', `${base}/reviews`)).status).toBe(200);
  });

  it('lets only agency-wide admins create workspaces', async () => {
    const res = await h.call(h.tokens.adminA, 'POST', '/api/v1/workspaces', { name: 'Gamma' });
    expect(res.status).toBe(403);
  });

  for (const route of apiRoutes.filter((r) => r.agencyWide)) {
    it(`${route.method} ${route.path}: agency-wide, a workspace admin token gets 403`, async () => {
      const res = await h.call(
        h.tokens.adminA,
        route.method,
        urlFor(route.path, idsOf(h.a)),
        route.example,
      );
      expect(res.status).toBe(403);
    });
  }
});
