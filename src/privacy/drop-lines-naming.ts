/** Whether the text contains any of the needles, ignoring case. Pure. */
export function namesAny(text: string, needles: readonly string[]): boolean {
  const lower = text.toLowerCase();
  return needles.some((n) => n && lower.includes(n.toLowerCase()));
}

/**
 * Drops every line that contains one of the needles (ignoring case), for
 * .log and .jsonl files: each line is one event, so the others stay whole
 * and parseable. Pure.
 */
export function dropLinesNaming(
  content: string,
  needles: readonly string[],
): { content: string; removed: number } {
  const lines = content.split('\n');
  const kept = lines.filter((line) => !namesAny(line, needles));
  return { content: kept.join('\n'), removed: lines.length - kept.length };
}
