/*
 * Removes personal data from a text before it is kept as a house-style
 * example: the names we know (lead, sender), every email address, every
 * phone number and every URL carrying an email. Pure.
 */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
/** 7+ digits with the usual separators, optionally a leading +. */
const PHONE = /(?<![\p{L}\p{N}])\+?\d[\d ().-]{5,}\d(?![\p{L}\p{N}])/gu;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function scrubPersonalData(text: string, names: (string | null | undefined)[]): string {
  let out = text.replace(EMAIL, '[email]');
  out = out.replace(PHONE, (m) => (m.replace(/\D/g, '').length >= 7 ? '[phone]' : m));
  const known = [...new Set(names.flatMap((n) => (n ?? '').split(/\s+/)))]
    .map((n) => n.trim())
    .filter((n) => n.length >= 2)
    .sort((a, b) => b.length - a.length);
  for (const name of known) {
    out = out.replace(
      new RegExp(`(?<![\\p{L}])${escapeRegExp(name)}(?![\\p{L}])`, 'giu'),
      '[name]',
    );
  }
  return out;
}
