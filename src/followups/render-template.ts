import type { LeadFacts } from './followup-types.ts';

/**
 * Follow-up templates: `{{first_name}}` lead fields (with an optional
 * fallback, `{{first_name|there}}`) and `{a|b|c}` variations, one picked per
 * lead and step from a stable seed so a retry renders the same text. Pure.
 */

export const TEMPLATE_FIELDS = [
  'first_name',
  'last_name',
  'full_name',
  'company',
  'email',
] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

const FIELD = /\{\{\s*([A-Za-z_]+)\s*(?:\|([^{}]*))?\}\}/g;
const VARIATION = /(?<!\{)\{([^{}]*\|[^{}]*)\}(?!\})/g;

function fieldValue(field: TemplateField, lead: LeadFacts): string | null {
  const clean = (v: string | null) => (v?.trim() ? v.trim() : null);
  switch (field) {
    case 'first_name':
      return clean(lead.firstName);
    case 'last_name':
      return clean(lead.lastName);
    case 'full_name': {
      const parts = [clean(lead.firstName), clean(lead.lastName)].filter(Boolean);
      return parts.length ? parts.join(' ') : null;
    }
    case 'company':
      return clean(lead.company);
    case 'email':
      return clean(lead.email);
  }
}

/** FNV-1a: a small stable hash, so the same seed always picks the same variation. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Problems with a template as written (unknown fields, stray braces), for sequence validation. */
export function checkTemplate(text: string): string[] {
  const problems: string[] = [];
  for (const m of text.matchAll(FIELD)) {
    if (!TEMPLATE_FIELDS.includes(m[1] as TemplateField)) {
      problems.push(`unknown field {{${m[1]}}} (known: ${TEMPLATE_FIELDS.join(', ')})`);
    }
  }
  const rest = text.replace(FIELD, '').replace(VARIATION, '');
  if (/[{}]/.test(rest)) problems.push('unbalanced or nested braces');
  return problems;
}

export type RenderResult = { ok: true; text: string } | { ok: false; missing: TemplateField[] };

/**
 * Renders a template for a lead. A field the lead lacks and that has no
 * fallback makes the result `missing` (never sent with raw `{{…}}`).
 */
export function renderTemplate(text: string, lead: LeadFacts, seed: string): RenderResult {
  const missing = new Set<TemplateField>();
  let group = 0;
  const varied = text.replace(VARIATION, (_m, options: string) => {
    const choices = options.split('|');
    return choices[hash(`${seed}:${group++}`) % choices.length]!;
  });
  const filled = varied.replace(FIELD, (whole, name: string, fallback?: string) => {
    if (!TEMPLATE_FIELDS.includes(name as TemplateField)) {
      missing.add(name as TemplateField);
      return whole;
    }
    const value = fieldValue(name as TemplateField, lead);
    if (value !== null) return value;
    if (fallback?.trim()) return fallback.trim();
    missing.add(name as TemplateField);
    return whole;
  });
  if (missing.size) return { ok: false, missing: [...missing].sort() };
  return { ok: true, text: filled };
}
