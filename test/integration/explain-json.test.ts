import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainReportSchema } from '../../src/http/api/api-schemas.ts';
import { type ApiHarness, startApiHarness } from './api-fixtures.ts';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('GET …/messages/{id}/explain', () => {
  it('answers in the shape its OpenAPI schema describes, field by field', async () => {
    const url = `/api/v1/workspaces/${h.a.workspaceId}/messages/${h.a.messageId}/explain`;
    const res = await h.call(h.tokens.reviewerA, 'GET', url);
    expect(res.status).toBe(200);
    // Every field the service returns is in the schema, and the schema holds for it.
    expect(explainReportSchema.strict().safeParse(res.json).error?.issues ?? []).toEqual([]);
    expect(res.json).toMatchObject({
      status: 'review',
      draft: { id: h.a.draftId, body: expect.any(String), slots: [] },
    });
    const document = (await h.app.inject({ method: 'GET', url: '/api/docs' })).json();
    const schema =
      document.paths['/api/v1/workspaces/{workspaceId}/messages/{messageId}/explain'].get.responses[
        '200'
      ].content['application/json'].schema;
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['verdict', 'status', 'draft', 'message', 'events', 'sends']),
    );
    expect(schema.properties.status.enum).toEqual([
      'pending',
      'scheduled',
      'sent',
      'review',
      'skipped',
      'failed',
      'send_unknown',
    ]);
  });
});
