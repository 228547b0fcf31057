import { ValidationError } from '../errors.ts';

/*
 * Defensive reading of a platform's JSON: every getter takes the field's
 * path in the platform's own payload, so a 400 names the field the way the
 * platform's documentation does (`reply_message.message_id`, `data.reply.id`).
 * Problems are collected, not thrown one by one, so the caller sees them all.
 */

const EMAIL_FORM = /^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$/;

export interface PayloadReader {
  /** The value at a dotted path, or undefined when any step is missing. */
  at(path: string): unknown;
  /** A non-empty string (numbers are turned into strings: platforms mix ids). */
  text(path: string, options?: { required?: boolean }): string | undefined;
  /** An email address, lower-cased; accepts `Name <a@b.c>`. */
  email(path: string, options?: { required?: boolean }): string | undefined;
  /** A list of addresses from an array of strings or { address | email } objects, or a comma list. */
  emails(path: string): string[];
  /** An ISO date (or epoch milliseconds). */
  date(path: string, options?: { required?: boolean }): Date | undefined;
  /** true/false, or undefined when absent. */
  flag(path: string): boolean | undefined;
  /** Records a problem for a path the getters do not cover. */
  problem(path: string, message: string): void;
  /** The first present, valid value of several paths; reports the first path when all are missing. */
  firstText(paths: string[], options?: { required?: boolean }): string | undefined;
  /** Throws a ValidationError naming every bad field, if there is one. */
  finish(message: string): void;
}

/** Returns the payload as an object, or throws a ValidationError naming the root. */
export function asObject(payload: unknown, what: string): Record<string, unknown> {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new ValidationError(`${what} must be a JSON object`, { $: 'must be a JSON object' });
  }
  return payload as Record<string, unknown>;
}

/** Creates a reader over one payload. */
export function readPayload(payload: Record<string, unknown>): PayloadReader {
  const fields: Record<string, string> = {};
  const problem = (path: string, message: string) => {
    fields[path] ??= message;
  };

  const at = (path: string): unknown => {
    let current: unknown = payload;
    for (const step of path.split('.')) {
      if (current === null || typeof current !== 'object') return undefined;
      current = (current as Record<string, unknown>)[step];
    }
    return current;
  };

  const present = (value: unknown) => value !== undefined && value !== null && value !== '';

  const toText = (path: string, value: unknown): string | undefined => {
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value !== 'string') {
      problem(path, 'must be a string');
      return undefined;
    }
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  };

  const toEmail = (path: string, value: unknown): string | undefined => {
    if (typeof value !== 'string') {
      problem(path, 'must be an email address');
      return undefined;
    }
    const address = extractAddress(value);
    if (!address) {
      problem(path, 'must be an email address');
      return undefined;
    }
    return address;
  };

  const reader: PayloadReader = {
    at,
    problem,
    text(path, options = {}) {
      const value = at(path);
      if (!present(value)) {
        if (options.required) problem(path, 'is required');
        return undefined;
      }
      const out = toText(path, value);
      if (out === undefined && options.required) problem(path, 'is required');
      return out;
    },
    email(path, options = {}) {
      const value = at(path);
      if (!present(value)) {
        if (options.required) problem(path, 'is required');
        return undefined;
      }
      return toEmail(path, value);
    },
    emails(path) {
      const value = at(path);
      if (!present(value)) return [];
      const items = Array.isArray(value)
        ? value
        : typeof value === 'string'
          ? value.split(/[,;]/).filter((part) => part.trim() !== '')
          : null;
      if (!items) {
        problem(path, 'must be a list of email addresses');
        return [];
      }
      const out: string[] = [];
      items.forEach((item, index) => {
        const raw =
          item !== null && typeof item === 'object'
            ? ((item as Record<string, unknown>).address ??
              (item as Record<string, unknown>).email ??
              (item as Record<string, unknown>).email_address)
            : item;
        const address = toEmail(`${path}.${index}`, raw);
        if (address) out.push(address);
      });
      return out;
    },
    date(path, options = {}) {
      const value = at(path);
      if (!present(value)) {
        if (options.required) problem(path, 'is required');
        return undefined;
      }
      const date =
        typeof value === 'number' || typeof value === 'string' ? new Date(value) : undefined;
      if (!date || Number.isNaN(date.getTime())) {
        problem(path, 'must be an ISO 8601 date');
        return undefined;
      }
      return date;
    },
    flag(path) {
      const value = at(path);
      if (value === undefined || value === null) return undefined;
      if (typeof value === 'boolean') return value;
      if (value === 1 || value === 'true' || value === '1') return true;
      if (value === 0 || value === 'false' || value === '0') return false;
      problem(path, 'must be true or false');
      return undefined;
    },
    firstText(paths, options = {}) {
      for (const path of paths) {
        const value = reader.text(path);
        if (value !== undefined) return value;
      }
      if (options.required && paths[0]) problem(paths[0], 'is required');
      return undefined;
    },
    finish(message) {
      if (Object.keys(fields).length > 0) throw new ValidationError(message, { ...fields });
    },
  };
  return reader;
}

/** `Jane Doe <Jane@Example.com>` or `jane@example.com` → `jane@example.com`; null when not an address. */
export function extractAddress(value: string): string | null {
  const angle = value.match(/<([^<>]+)>\s*$/);
  const candidate = (angle ? angle[1]! : value).trim().toLowerCase();
  return EMAIL_FORM.test(candidate) ? candidate : null;
}

/** Splits "Jane Van Doe" into first and last name; undefined parts when absent. */
export function splitName(name: string | undefined): { firstName?: string; lastName?: string } {
  const parts = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return {};
  if (parts.length === 1) return { firstName: parts[0]! };
  return { firstName: parts[0]!, lastName: parts.slice(1).join(' ') };
}

/** Drops undefined values so records stay small and match zod's string-only maps. */
export function definedOnly<T>(record: Record<string, T | undefined>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key] = value;
  return out;
}
