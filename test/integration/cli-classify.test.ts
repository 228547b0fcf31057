import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const fixture = (name: string) => path.resolve('test/fixtures/eml', name);

describe('autosend classify', () => {
  it('prints one JSON line per file with gate, category, draft and evidence', async () => {
    const files = [
      'postfix-bounce.eml',
      'outlook-ooo.eml',
      'generic-optout.json',
      'human-yes.eml',
    ].map(fixture);
    const { stdout } = await run(
      process.execPath,
      ['bin/autosend.js', 'classify', '--json', ...files],
      {
        env: { ...process.env, AI_PROVIDER: 'offline' },
      },
    );
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({
      file: files[0],
      gate: 'bounce',
      category: null,
      draft: false,
    });
    expect(lines[0].evidence).toMatch(/5\.1\.1/);
    expect(lines[1]).toMatchObject({ gate: 'auto_reply', draft: false });
    expect(lines[2]).toMatchObject({ gate: 'opt_out', draft: false });
    expect(lines[3]).toMatchObject({ gate: null, draft: true });
    expect(['meeting_requested', 'interested', 'call_requested']).toContain(lines[3].category);
  });

  it('exits non-zero and names the file it cannot read', async () => {
    await expect(
      run(process.execPath, ['bin/autosend.js', 'classify', '--json', fixture('missing.eml')]),
    ).rejects.toMatchObject({ code: 1, stdout: expect.stringContaining('missing.eml') });
  });
});
