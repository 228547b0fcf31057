/** Ids, codes, enum values, ISO dates, numbers: what a trail needs and no person wrote. */
const SAFE_STRING = /^[\w.:+\-/]{0,80}$/;

function scrub(value: unknown): unknown {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string')
    return SAFE_STRING.test(value) && !value.includes('@') ? value : undefined;
  if (Array.isArray(value)) return value.map(scrub).filter((v) => v !== undefined);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const kept = scrub(v);
      if (kept !== undefined) out[k] = kept;
    }
    return out;
  }
  return undefined;
}

/**
 * A decision event's detail with the personal parts removed, for retention:
 * numbers, booleans, ids, codes and dates stay (confidences, gates, reasons,
 * slot times), free text and anything with an address goes (evidence
 * excerpts, quoted phrases, names). Records when, so explain can say so. Pure.
 */
export function scrubEventDetail(
  detail: Record<string, unknown>,
  purgedOn: string,
): Record<string, unknown> {
  return { ...(scrub(detail) as Record<string, unknown>), purgedByRetention: purgedOn };
}
