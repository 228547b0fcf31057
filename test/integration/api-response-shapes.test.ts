import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { drafts } from '../../src/db/schema.ts';
import {
  deliveryPageSchema,
  draftPageSchema,
  messageDetailSchema,
  messagePageSchema,
  reviewPageSchema,
} from '../../src/http/api/activity-schemas.ts';
import { type ApiHarness, startApiHarness } from './api-fixtures.ts';

/*
 * The message, draft, review and delivery routes answer in the shapes the
 * OpenAPI document describes: every field the service returns is described
 * (strict parse), and the document carries the properties, not `{"type":"object"}`.
 */

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
  await h.db.db
    .update(drafts)
    .set({
      offeredSlots: [
        { start: '2025-01-07T09:00:00.000Z', end: '2025-01-07T09:30:00.000Z', label: 'Tue 10:00' },
      ],
      guardFailures: [{ guard: 'unknown_offer', detail: '50% off' }],
    })
    .where(eq(drafts.id, h.a.draftId));
});
afterAll(async () => {
  await h?.close();
});

type AnyObject = z.ZodObject<z.ZodRawShape>;

/** The schema with every nested object strict, so unknown fields are reported. */
function strictIssues(schema: AnyObject, value: unknown) {
  const deepStrict = (s: z.ZodType): z.ZodType => {
    const def = (s as { def?: { type?: string } }).def;
    if (def?.type === 'object') {
      const obj = s as AnyObject;
      if ((obj.def as { catchall?: unknown }).catchall) return obj;
      const shape = Object.fromEntries(
        Object.entries(obj.shape).map(([k, v]) => [k, deepStrict(v as z.ZodType)]),
      );
      return obj.extend(shape).strict();
    }
    if (def?.type === 'array') {
      const arr = s as z.ZodArray<z.ZodType>;
      return deepStrict(arr.element).array();
    }
    if (def?.type === 'nullable') {
      return deepStrict((s as z.ZodNullable<z.ZodType>).unwrap()).nullable();
    }
    return s;
  };
  return (deepStrict(schema).safeParse(value).error?.issues ?? []).map(
    (i) => `${i.path.join('.')}: ${i.message}`,
  );
}

const base = () => `/api/v1/workspaces/${h.a.workspaceId}`;

describe('activity responses, field by field', () => {
  it.each([
    ['GET /messages/{id}', () => `${base()}/messages/${h.a.messageId}`, messageDetailSchema],
    ['GET /messages', () => `${base()}/messages`, messagePageSchema],
    ['GET /drafts', () => `${base()}/drafts`, draftPageSchema],
    ['GET /reviews', () => `${base()}/reviews`, reviewPageSchema],
    ['GET /notification-deliveries', () => `${base()}/notification-deliveries`, deliveryPageSchema],
  ] as const)('%s answers exactly its schema', async (_name, url, schema) => {
    const res = await h.call(h.tokens.reviewerA, 'GET', url());
    expect(res.status).toBe(200);
    expect(strictIssues(schema as unknown as AnyObject, res.json)).toEqual([]);
  });

  it('GET /messages/{id} carries the drafts with their slots and the decision trail', async () => {
    const res = await h.call(h.tokens.reviewerA, 'GET', `${base()}/messages/${h.a.messageId}`);
    expect(res.json.raw).toBeUndefined();
    expect(res.json.drafts[0]).toMatchObject({
      id: h.a.draftId,
      confidence: 0.6,
      offeredSlots: [{ start: '2025-01-07T09:00:00.000Z' }],
    });
    expect(res.json.decisionTrail[0]).toMatchObject({ step: 'gates', reason: 'opt_out' });
  });

  it('the OpenAPI document describes the message response field by field', async () => {
    const document = (await h.app.inject({ method: 'GET', url: '/api/docs' })).json();
    const ok = (path: string) =>
      document.paths[`/api/v1/workspaces/{workspaceId}${path}`].get.responses['200'].content[
        'application/json'
      ].schema;
    const message = ok('/messages/{messageId}');
    expect(Object.keys(message.properties)).toEqual(
      expect.arrayContaining(['id', 'direction', 'text', 'drafts', 'decisionTrail']),
    );
    expect(message.properties.direction.enum).toEqual(['inbound', 'outbound']);
    expect(message.properties.drafts.items.properties.status.enum).toContain('send_unknown');
    expect(ok('/reviews').properties.items.items.properties.confidenceGate.anyOf).toContainEqual({
      type: 'integer',
      minimum: 0,
      maximum: 100,
    });
    expect(ok('/messages').properties.items.items.properties).toHaveProperty('leadEmail');
  });
});
