/*
 * PostgreSQL cannot store U+0000 in text or jsonb, and jsonb refuses a lone
 * UTF-16 surrogate. A signed reply containing either must still be stored,
 * so both are replaced (NUL removed, a lone surrogate → U+FFFD) and the paths
 * that changed are reported for the trail. Deep nesting is refused before any
 * recursive code (JSON.stringify, String(array)) could overflow the stack.
 * Pure and iterative: no recursion anywhere in this file.
 */

/** Deeper than this is refused: real payloads nest fewer than ten levels. */
export const MAX_JSON_DEPTH = 32;

/** At most this many changed paths are listed; the count is always exact. */
const MAX_LISTED = 20;

// A NUL, a high surrogate not followed by a low one, or a low one not preceded by a high one.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching NUL is the point.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text PostgreSQL can store: NUL dropped, lone surrogates replaced by U+FFFD. */
export function cleanText(text: string): string {
  return text.replace(UNSTORABLE, (found) => (found === '\u0000' ? '' : '\uFFFD'));
}

/**
 * The path of the first value nested deeper than `maxDepth`, shortened to
 * its first four steps, or undefined when the value is shallow enough.
 */
export function findTooDeep(value: unknown, maxDepth = MAX_JSON_DEPTH): string | undefined {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (path.length >= maxDepth) {
      return path.length > 4 ? `${path.slice(0, 4).join('.')}…` : path.join('.') || '$';
    }
    for (const [key, child] of Object.entries(current)) {
      stack.push({ value: child, path: [...path, key] });
    }
  }
  return undefined;
}

export interface CleanResult<T> {
  value: T;
  /** Dotted paths of the strings (or keys, suffixed `(key)`) that were changed. */
  changed: string[];
  changedCount: number;
}

/**
 * A copy of `value` with every string and object key cleaned; Dates and
 * other non-plain objects are kept as they are. Assumes `findTooDeep` passed.
 */
export function cleanForPostgres<T>(value: T): CleanResult<T> {
  const changed: string[] = [];
  let changedCount = 0;
  const note = (path: string) => {
    changedCount++;
    if (changed.length < MAX_LISTED) changed.push(path || '$');
  };
  const clean = (text: string, path: string) => {
    const out = cleanText(text);
    if (out !== text) note(path);
    return out;
  };
  const root: { value: unknown } = { value };
  // Each entry copies `source` into `target[key]`.
  const stack: { source: unknown; target: Record<string, unknown>; key: string; path: string }[] = [
    { source: value, target: root as Record<string, unknown>, key: 'value', path: '' },
  ];
  while (stack.length > 0) {
    const { source, target, key, path } = stack.pop()!;
    if (typeof source === 'string') {
      target[key] = clean(source, path);
    } else if (Array.isArray(source)) {
      const copy: unknown[] = new Array(source.length);
      target[key] = copy;
      source.forEach((item, index) => {
        stack.push({
          source: item,
          target: copy as unknown as Record<string, unknown>,
          key: String(index),
          path: join(path, String(index)),
        });
      });
    } else if (source !== null && typeof source === 'object' && isPlain(source)) {
      const copy: Record<string, unknown> = {};
      target[key] = copy;
      for (const [childKey, child] of Object.entries(source)) {
        const cleanKey = cleanText(childKey);
        if (cleanKey !== childKey) note(`${join(path, cleanKey)} (key)`);
        stack.push({ source: child, target: copy, key: cleanKey, path: join(path, cleanKey) });
      }
    } else {
      target[key] = source;
    }
  }
  return { value: root.value as T, changed: changed.sort(), changedCount };
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
