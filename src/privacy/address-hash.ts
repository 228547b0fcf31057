import { createHash } from 'node:crypto';

/** How an address is compared for suppression: trimmed and lower-cased (no other rewriting). */
export function normaliseAddress(address: string): string {
  return address.trim().toLowerCase();
}

/**
 * The SHA-256 (hex) of the normalised address: what a suppression stores
 * instead of the address. Pure.
 */
export function hashAddress(address: string): string {
  return createHash('sha256').update(normaliseAddress(address)).digest('hex');
}

/** Escapes an address for a PostgreSQL or JavaScript regular expression. Pure. */
export function escapeForRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
