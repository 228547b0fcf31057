import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { beforeAll, describe, expect, it, vi } from 'vitest';

/*
 * The README's command table against the real command tree: every command a
 * user can run is listed. main.ts builds the tree and parses argv on import;
 * parsing is stubbed here (commander's, not ours) to read the tree instead.
 */

async function commandPaths(): Promise<{ paths: string[]; root: Command }> {
  let root: Command | undefined;
  const spy = vi.spyOn(Command.prototype, 'parseAsync').mockImplementation(async function (
    this: Command,
  ) {
    root = this;
    return this;
  });
  try {
    await import('../../src/cli/main.ts');
  } finally {
    spy.mockRestore();
  }
  const walk = (c: Command, prefix: string[]): string[] =>
    c.commands.flatMap((s) => {
      const path = [...prefix, s.name()];
      return s.commands.length ? walk(s, path) : [path.join(' ')];
    });
  return { paths: walk(root!, []), root: root! };
}

const README = readFileSync('README.md', 'utf8');
const table = README.slice(README.indexOf('### Commands'), README.indexOf('### HTTP'));

let tree: { paths: string[]; root: Command };
beforeAll(async () => {
  tree = await commandPaths();
});

describe('README command table', () => {
  it('lists every command', () => {
    const { paths } = tree;
    expect(paths.length).toBeGreaterThan(20);
    const missing = paths.filter((p) => !new RegExp(`\`${p}[\` ]`).test(table));
    expect(missing).toEqual([]);
  });

  it('documents classify --json as the command does: one JSON line per file', () => {
    const { root } = tree;
    const classify = root.commands.find((c) => c.name() === 'classify')!;
    const json = classify.options.find((o) => o.long === '--json')!;
    expect(json.description).toMatch(/^one JSON line per file/);
    expect(table).toMatch(/`classify FILE… \[--json\]` \| .*one JSON line per file/);
  });
});

describe('command modules', () => {
  it('each registers exactly the top-level commands main.ts loads it for', async () => {
    const { COMMAND_MODULES } = await import('../../src/cli/main.ts');
    const listed: string[] = [];
    for (const [names, load] of COMMAND_MODULES) {
      const program = new Command('autosend');
      (await load())(program);
      expect(program.commands.map((c) => c.name())).toEqual(names);
      listed.push(...names);
    }
    // A command missing from the table would still run (all modules load), but slowly.
    expect(tree.root.commands.map((c) => c.name()).sort()).toEqual(listed.sort());
  });
});

describe('docs/webhooks.md', () => {
  const doc = readFileSync('docs/webhooks.md', 'utf8').replace(/\s+/g, ' ');

  it('promises no sending through a platform API: that is marked planned', () => {
    // Senders the code has are the SENDER values; any sentence about answering
    // or sending through a platform API must say it is planned.
    const sentences = doc.split(/(?<=[.;:])\s/);
    const claims = sentences.filter((t) =>
      /(answer|send|sent)\w*[^.]*through[^.]*(API|\/api\/)|sends through the API/i.test(t),
    );
    expect(claims.length).toBeGreaterThan(0);
    for (const claim of claims) expect(claim, claim).toMatch(/planned/);
  });
});
