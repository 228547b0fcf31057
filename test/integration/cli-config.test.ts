import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

const exec = promisify(execFile);
const BIN = path.resolve('bin/autosend.js');
let db: TestDatabase;
let cwd: string;

/** Runs the CLI in `cwd` with exactly `env` (plus PATH), never the test runner's own settings. */
function cli(env: Record<string, string>, ...args: string[]) {
  return exec(process.execPath, [BIN, ...args], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      LOG_LEVEL: 'silent',
      ...env,
    },
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
}

beforeAll(async () => {
  db = await createTestDatabase();
  cwd = await mkdtemp(path.join(os.tmpdir(), 'autosend-config-'));
});
afterAll(async () => {
  await db?.drop();
  await rm(cwd, { recursive: true, force: true });
});

describe('each command validates only the settings it uses', () => {
  const brokenAi = { AI_PROVIDER: 'openai', OPENAI_DRAFT_TIMEOUT_MS: 'fast', SENDER: 'smtp' };

  it('migrate and admin commands run without OPENAI_API_KEY or SMTP_URL', async () => {
    const migrate = await cli({ DATABASE_URL: db.url, ...brokenAi }, 'migrate', '--status');
    expect(migrate.stderr).toBe('');
    expect(migrate).toMatchObject({ code: 0, stdout: 'migrations current\n' });
    const tokens = await cli({ DATABASE_URL: db.url, ...brokenAi }, 'token', 'list');
    expect(tokens.code).toBe(0);
  });

  it('a command that uses the model still refuses a bad AI setting, naming it', async () => {
    await writeFile(path.join(cwd, 'reply.json'), JSON.stringify({ text: 'Hi' }));
    const classify = await cli({ DATABASE_URL: db.url, ...brokenAi }, 'classify', 'reply.json');
    expect(classify.code).toBe(78);
    expect(classify.stderr).toContain(
      'OPENAI_DRAFT_TIMEOUT_MS must be a positive integer (ms), got "fast"',
    );
  });
});

describe('a .env file in the working directory', () => {
  it('is named once, with the keys it set and never their values', async () => {
    await writeFile(
      path.join(cwd, '.env'),
      `DATABASE_URL=${db.url}\nSLACK_SIGNING_SECRET=very-secret-value\nLOG_LEVEL=warn\n`,
    );
    try {
      // LOG_LEVEL comes from the real environment, which wins: not named.
      const run = await cli({}, 'migrate', '--status');
      expect(run.code).toBe(0);
      const named = run.stderr.split('\n').filter((l) => l.includes('.env'));
      expect(named).toEqual([
        `autosend: settings from ${path.join(cwd, '.env')}: DATABASE_URL, SLACK_SIGNING_SECRET`,
      ]);
      expect(run.stderr).not.toContain('very-secret-value');
      expect(run.stderr).not.toContain(db.url);
    } finally {
      await rm(path.join(cwd, '.env'));
    }
  });
});
