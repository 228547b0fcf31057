import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offlineAutoSendProbe } from '../../src/ai/offline-auto-send-probe.ts';
import { campaigns, workspaces } from '../../src/db/schema.ts';
import { buildApp } from '../../src/http/app.ts';
import { createLogger } from '../../src/logger.ts';
import { testConfig } from '../helpers/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

async function readyz(env: Record<string, string>) {
  const config = testConfig({ DATABASE_URL: db.url, ...env });
  const app = await buildApp({
    config,
    database: db,
    logger: createLogger('silent'),
    probes: [offlineAutoSendProbe(db.db, config)],
  });
  try {
    return (await app.inject({ method: 'GET', url: '/readyz' })).json() as {
      ready: boolean;
      warnings: string[];
      checks: Record<string, { ok: boolean; detail: unknown }>;
    };
  } finally {
    await app.close();
  }
}

describe('/readyz says plainly when offline templates would auto-send', () => {
  it('is quiet with no auto-send campaign, warns (still ready) once one is AI_AUTO_SEND', async () => {
    expect((await readyz({})).checks.ai_provider).toMatchObject({ ok: true });
    const [ws] = await db.db
      .insert(workspaces)
      .values({ name: 'W', webhookKey: 'wk-offline', webhookSecret: 's' })
      .returning();
    await db.db.insert(campaigns).values({
      workspaceId: ws!.id,
      platform: 'generic',
      externalId: 'c1',
      name: 'Q1 outbound',
      responseMode: 'AI_AUTO_SEND',
      configuredAt: new Date(),
    });
    const body = await readyz({});
    expect(body.ready).toBe(true);
    expect(body.warnings).toContain('ai_provider');
    expect(body.checks.ai_provider!.detail).toMatch(
      /AI_PROVIDER=offline: campaign "Q1 outbound" is AI_AUTO_SEND, so replies may be sent automatically from fixed templates, not a language model/,
    );
    const openai = await readyz({
      AI_PROVIDER: 'openai',
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
    });
    expect(openai.checks.ai_provider).toMatchObject({ ok: true });
  });
});
