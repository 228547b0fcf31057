import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../src/http/api/register-admin-api.ts';
import { type ApiHarness, startApiHarness } from './api-fixtures.ts';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('GET /api/docs', () => {
  it('serves an OpenAPI 3.1 document that validates, without a token', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    const document = res.json();
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('describes every route, with request schemas from the validating zod schemas', async () => {
    const document = (await h.app.inject({ method: 'GET', url: '/api/docs' })).json();
    for (const route of apiRoutes) {
      const path = `/api/v1${route.path.replace(/:([A-Za-z]+)/g, '{$1}')}`;
      expect(
        document.paths[path]?.[route.method.toLowerCase()],
        `${route.method} ${path}`,
      ).toBeDefined();
    }
    const patch = document.paths['/api/v1/workspaces/{workspaceId}/campaigns/{campaignId}'].patch;
    const schema = patch.requestBody.content['application/json'].schema;
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.confidenceGate).toMatchObject({ minimum: 0, maximum: 100 });
    expect(schema.properties.responseMode.enum).toEqual(['MANUAL', 'AI_AUTO_SEND']);
  });
});
