/**
 * Benchmark runner: `npm run bench -- NAME [--json]` imports bench/NAME/index.ts
 * (or bench/NAME.ts), runs it and prints its table. With --json the last line
 * is one JSON object of the figures, for scripts and CI to read.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** What every benchmark module exports. */
export interface BenchResult {
  /** Human-readable comparison, printed as is. */
  table: string;
  figures: Record<string, unknown>;
}

async function main(argv: string[]): Promise<void> {
  const json = argv.includes('--json');
  const name = argv.find((a) => !a.startsWith('--'));
  const here = path.dirname(new URL(import.meta.url).pathname);
  if (!name || !/^[\w-]+$/.test(name)) {
    console.error('usage: npm run bench -- NAME [--json]   (e.g. allocation)');
    process.exitCode = 2;
    return;
  }
  const candidates = [path.join(here, name, 'index.ts'), path.join(here, `${name}.ts`)];
  const file = candidates.find((c) => existsSync(c));
  if (!file) {
    console.error(`no benchmark named ${name} (looked for ${candidates.join(', ')})`);
    process.exitCode = 2;
    return;
  }
  const mod = (await import(pathToFileURL(file).href)) as { run?: () => Promise<BenchResult> };
  if (typeof mod.run !== 'function') {
    console.error(`${file} does not export run()`);
    process.exitCode = 2;
    return;
  }
  const result = await mod.run();
  console.log(result.table);
  if (json) console.log(JSON.stringify(result.figures));
}

await main(process.argv.slice(2));
