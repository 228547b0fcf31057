import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateSecretKey } from '../../src/admin/rotate-secret-key.ts';
import { setSendingConnection } from '../../src/admin/sending-connections.ts';
import {
  setWorkspaceAvailability,
  setWorkspaceSlackToken,
} from '../../src/admin/workspace-connections.ts';
import { createWorkspace } from '../../src/admin/workspaces.ts';
import { openAvailabilitySecrets } from '../../src/availability/availability-secrets.ts';
import { auditLog, sendingConnections, workspaces } from '../../src/db/schema.ts';
import { openConnectionCredentials } from '../../src/sending/connection-credentials.ts';
import { openSecret } from '../../src/slack/secret-box.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

const OLD = 'old-secret-key-0123456789abcdefghijklmnop';
const NEW = 'new-secret-key-zyxwvutsrqponmlkjihgfedcba';
const SLACK = 'xoxb-123-456-abcdef';
const CALENDLY = 'calendly-personal-token-1';
let tdb: TestDatabase;
let alpha: string;
let beta: string;
let betaWebhookSecret: string;

async function workspace(id: string) {
  const [row] = await tdb.db.select().from(workspaces).where(eq(workspaces.id, id));
  return row!;
}

async function connection(workspaceId: string) {
  const [row] = await tdb.db
    .select()
    .from(sendingConnections)
    .where(eq(sendingConnections.workspaceId, workspaceId));
  return row!;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  alpha = (await createWorkspace(tdb.db, 'test', { name: 'Alpha' })).id;
  const betaWorkspace = await createWorkspace(tdb.db, 'test', { name: 'Beta' }, { secretKey: OLD });
  beta = betaWorkspace.id;
  betaWebhookSecret = betaWorkspace.webhookSecret;
  const keys = { secretKey: OLD };
  await setWorkspaceSlackToken(tdb.db, 'test', alpha, SLACK, keys);
  await setWorkspaceAvailability(
    tdb.db,
    'test',
    alpha,
    {
      source: 'calendly',
      config: { eventTypeUri: 'https://api.calendly.com/event_types/abc', token: CALENDLY },
    },
    keys,
  );
  await setSendingConnection(
    tdb.db,
    'test',
    beta,
    { kind: 'instantly', apiKey: 'in-key-1234567890' },
    keys,
  );
});
afterAll(async () => {
  await tdb?.drop();
});

describe('rotate-key re-seals every stored secret', () => {
  it('a value neither key opens stops the run with nothing changed anywhere', async () => {
    const before = { alpha: await workspace(alpha), beta: await connection(beta) };
    await expect(
      rotateSecretKey(tdb.db, 'test', {
        previousKey: 'some-other-old-key-000000000000000000',
        secretKey: NEW,
      }),
    ).rejects.toThrow(/neither key opens .*Slack token of workspace .*nothing was changed/);
    expect((await workspace(alpha)).slackBotTokenEncrypted).toBe(
      before.alpha.slackBotTokenEncrypted,
    );
    expect((await workspace(alpha)).availabilityConfig).toEqual(before.alpha.availabilityConfig);
    expect((await connection(beta)).credentialsSealed).toBe(before.beta.credentialsSealed);
  });

  it('Slack token, availability credential and connection credentials open with the new key only; repeating is harmless', async () => {
    const result = await rotateSecretKey(tdb.db, 'test', { previousKey: OLD, secretKey: NEW });
    expect(result).toEqual({
      resealed: 4,
      alreadyCurrent: 0,
      byKind: {
        sendingConnections: 1,
        slackTokens: 1,
        availabilityCredentials: 1,
        webhookSecrets: 1,
      },
    });
    const betaRow = await workspace(beta);
    expect(openSecret(betaRow.webhookSecret, NEW)).toBe(betaWebhookSecret);
    expect(() => openSecret(betaRow.webhookSecret, OLD)).toThrow(/AUTOSEND_SECRET_KEY differs/);
    const ws = await workspace(alpha);
    expect(openSecret(ws.slackBotTokenEncrypted!, NEW)).toBe(SLACK);
    expect(() => openSecret(ws.slackBotTokenEncrypted!, OLD)).toThrow(
      /AUTOSEND_SECRET_KEY differs/,
    );
    expect(openAvailabilitySecrets('calendly', ws.availabilityConfig, NEW)).toMatchObject({
      token: CALENDLY,
      eventTypeUri: 'https://api.calendly.com/event_types/abc',
    });
    expect(() => openAvailabilitySecrets('calendly', ws.availabilityConfig, OLD)).toThrow(
      /AUTOSEND_SECRET_KEY differs/,
    );
    const conn = await connection(beta);
    expect(openConnectionCredentials(conn, NEW)).toEqual({ apiKey: 'in-key-1234567890' });
    expect(() => openConnectionCredentials(conn, OLD)).toThrow(/AUTOSEND_SECRET_KEY differs/);

    expect(await rotateSecretKey(tdb.db, 'test', { previousKey: OLD, secretKey: NEW })).toEqual({
      resealed: 0,
      alreadyCurrent: 4,
      byKind: {
        sendingConnections: 0,
        slackTokens: 0,
        availabilityCredentials: 0,
        webhookSecrets: 0,
      },
    });
    const audits = await tdb.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'secrets.rotate_key'));
    expect(audits).toHaveLength(2);
    expect(JSON.stringify(audits)).not.toContain(SLACK);
    expect(JSON.stringify(audits)).not.toContain(betaWebhookSecret);
  });
});
