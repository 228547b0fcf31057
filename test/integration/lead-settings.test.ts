import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, leads, workspaces } from '../../src/db/schema.ts';
import { type ApiHarness, startApiHarness } from './api-fixtures.ts';

const run = promisify(execFile);
let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => {
  await h?.close();
});

function cli(...args: string[]) {
  return run(process.execPath, ['bin/autosend.js', ...args], {
    env: { ...process.env, DATABASE_URL: h.db.url, LOG_LEVEL: 'silent' },
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
}

async function lastAudit() {
  const [row] = await h.db.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return row!;
}

describe("a lead's time zone", () => {
  it('is set and corrected through the API, audited with before and after', async () => {
    const url = `/api/v1/workspaces/${h.a.workspaceId}/leads/${h.a.leadEmail}`;
    const set = await h.call(h.tokens.adminA, 'PATCH', url, { timeZone: 'America/New_York' });
    expect(set.status).toBe(200);
    expect(set.json.timeZone).toBe('America/New_York');
    const fixed = await h.call(h.tokens.adminA, 'PATCH', url, { timeZone: 'Europe/Lisbon' });
    expect(fixed.json.timeZone).toBe('Europe/Lisbon');
    expect(await lastAudit()).toMatchObject({
      action: 'lead.update',
      entityId: h.a.leadId,
      before: { timeZone: 'America/New_York' },
      after: { timeZone: 'Europe/Lisbon' },
    });
    const bad = await h.call(h.tokens.adminA, 'PATCH', url, { timeZone: 'Mars/Olympus' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields.timeZone).toMatch(/IANA time zone/);
    expect((await h.call(h.tokens.reviewerA, 'GET', url)).json.timeZone).toBe('Europe/Lisbon');
  });

  it('is set from the CLI without --workspace', async () => {
    const res = await cli('lead', 'set-time-zone', h.b.leadEmail, 'Asia/Tokyo');
    expect(res).toMatchObject({ code: 0, stdout: `${h.b.leadEmail}: time zone Asia/Tokyo\n` });
  });
});

describe('lead show EMAIL without --workspace', () => {
  it('finds the lead when the address is in one workspace', async () => {
    const res = await cli('lead', 'show', h.a.leadEmail, '--json');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ id: h.a.leadId, workspaceId: h.a.workspaceId });
  });

  it('says which workspace the lead is in', async () => {
    const [ws] = await h.db.db
      .select({ name: workspaces.name })
      .from(workspaces)
      .where(eq(workspaces.id, h.a.workspaceId));
    const res = await cli('lead', 'show', h.a.leadEmail);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`  workspace ${ws!.name}\n`);
  });

  it('names the workspaces to choose from when the address is in several', async () => {
    await h.db.db.insert(leads).values({ workspaceId: h.b.workspaceId, email: h.a.leadEmail });
    const res = await cli('lead', 'show', h.a.leadEmail);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain(`${h.a.leadEmail} is a lead in 2 workspaces:`);
    expect(res.stderr).toContain(`(${h.a.workspaceId})`);
    expect(res.stderr).toContain(`(${h.b.workspaceId})`);
    expect(res.stderr).toContain('--workspace');
  });
});
