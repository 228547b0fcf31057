import { registerHooks } from 'node:module';

/*
 * Loads drizzle-orm through its CommonJS build. Measured on Node 24:
 * `import('drizzle-orm/pg-core')` as ESM leaves ~155 MB of garbage on the
 * heap (peak RSS 239 MB) against 60 MB through `require` — every CLI command
 * and a 100,000-target backfill peaked near 300 MB before doing any work.
 * The package ships both builds with the same API; resolving every
 * `drizzle-orm` specifier with the `require` condition keeps one instance.
 * Imported first by bin/autosend.js; the test runner (vitest) is unaffected.
 */
registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'drizzle-orm' || specifier.startsWith('drizzle-orm/')) {
      return nextResolve(specifier, { ...context, conditions: ['require', 'node', 'default'] });
    }
    return nextResolve(specifier, context);
  },
});
