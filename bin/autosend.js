#!/usr/bin/env -S node --max-semi-space-size=16
// Entry point of the `autosend` command. Source is TypeScript, run by Node's
// built-in type stripping, which needs Node.js 22.18 or newer (24 LTS targeted).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `autosend: Node.js ${process.versions.node} is too old; Node.js 24 LTS is required (>= 22.18).\n` +
      'Run it through npm (npm start, npm run autosend -- ...), which fetches Node 24 when needed.\n',
  );
  process.exit(1);
}
await import('../src/runtime/load-drizzle-as-commonjs.ts');
await import('../src/cli/main.ts');
