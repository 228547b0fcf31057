/**
 * Cuts a reply down to what the sender newly wrote: the text above the quoted
 * thread and above the signature. Lines are kept verbatim (only `>` lines are
 * dropped) so a gate quoting them quotes the human's own words.
 */

/** "On … wrote:" and its German, French, Spanish, Dutch, Italian, Portuguese cousins. */
const ATTRIBUTION = [
  /^\s*On\s.+\bwrote\s*:\s*$/i,
  /^\s*Am\s.+\bschrieb\b.*:\s*$/i,
  /^\s*.+\bschrieb\s+am\s.+:\s*$/i,
  /^\s*Le\s.+\ba\s+[ée]crit\s*:\s*$/i,
  /^\s*El\s.+\bescribi[óo]\s*:\s*$/i,
  /^\s*Op\s.+\bschreef\b.*:\s*$/i,
  /^\s*Il\s.+\bha\s+scritto\s*:\s*$/i,
  /^\s*Em\s.+\bescreveu\s*:\s*$/i,
];

/** "Someone wrote:" without a date; only trusted when quoted lines follow. */
const LOOSE_ATTRIBUTION = /\b(wrote|schrieb|a [ée]crit|escribi[óo])\s*:\s*$/i;

const SEPARATORS = [
  /^\s*-{2,}\s*(Original Message|Ursprüngliche Nachricht|Originalnachricht|Message d'origine|Mensaje original|Forwarded message|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado)\s*-{2,}\s*$/i,
  /^\s*_{8,}\s*$/,
  /^\s*Begin forwarded message:\s*$/i,
];

/** Mobile and webmail signatures that end the new text. */
const DEVICE_SIGNATURES = [
  /^\s*Sent from my\s.{0,40}$/i,
  /^\s*Sent from (Mail|Outlook|Yahoo Mail|Gmail|ProtonMail|Proton Mail)\b.{0,40}$/i,
  /^\s*Sent (via|with) .{0,30}(mobile|iPhone|Android|Outlook|BlackBerry).{0,20}$/i,
  /^\s*Get Outlook for (iOS|Android)\s*$/i,
  /^\s*Von meinem .{0,40} gesendet\s*$/i,
  /^\s*Gesendet von (meinem|Mail|Outlook)\b.{0,40}$/i,
  /^\s*Outlook für (iOS|Android) beziehen\s*$/i,
  /^\s*Envoy[ée] (de|depuis) mon\s.{0,40}$/i,
  /^\s*T[ée]l[ée]charger Outlook pour (iOS|Android)\s*$/i,
  /^\s*Enviado desde mi\s.{0,40}$/i,
  /^\s*Obtener Outlook para (iOS|Android)\s*$/i,
];

const SIGNATURE_DELIMITER = /^--\s?$/;

/** Outlook's header block: "From: …" followed by "Sent:/Date:/To:/Subject:" (and translations). */
const OUTLOOK_FROM = /^\s*\**\s*(From|Von|De|Da|Van)\s*:\**\s*\S/i;
const OUTLOOK_FIELD =
  /^\s*\**\s*(Sent|Date|To|Cc|Subject|Gesendet|Datum|An|Betreff|Envoy[ée]|[ÀA]|Objet|Enviado|Fecha|Para|Asunto|Inviato|Oggetto|Verzonden|Onderwerp|Aan)\s*:/i;

const QUOTED = /^\s*>/;

function isAttribution(lines: string[], i: number): number {
  // Attributions are often wrapped over two or three lines by the mailer.
  for (let span = 1; span <= 3 && i + span <= lines.length; span++) {
    const joined = lines
      .slice(i, i + span)
      .map((l) => l.trim())
      .join(' ');
    if (span > 1 && lines[i + span - 1]!.trim() === '') break;
    if (ATTRIBUTION.some((re) => re.test(joined))) return span;
  }
  const line = lines[i]!;
  if (LOOSE_ATTRIBUTION.test(line) && line.trim().length < 160) {
    const next = lines.slice(i + 1, i + 3).find((l) => l.trim() !== '');
    if (next !== undefined && QUOTED.test(next)) return 1;
  }
  return 0;
}

function isOutlookBlock(lines: string[], i: number): boolean {
  if (!OUTLOOK_FROM.test(lines[i]!)) return false;
  const following = lines.slice(i + 1, i + 5).filter((l) => l.trim() !== '');
  return following.filter((l) => OUTLOOK_FIELD.test(l)).length >= 2;
}

function isCut(lines: string[], i: number): boolean {
  const line = lines[i]!;
  return (
    SIGNATURE_DELIMITER.test(line) ||
    SEPARATORS.some((re) => re.test(line)) ||
    DEVICE_SIGNATURES.some((re) => re.test(line)) ||
    isOutlookBlock(lines, i)
  );
}

function tidy(lines: string[]): string {
  return lines
    .filter((l) => !QUOTED.test(l))
    .join('\n')
    .replace(/^\s*\n/, '')
    .trimEnd();
}

/**
 * Returns the new text of a reply: the lines above the first quote marker,
 * attribution line, forwarded/original-message header or signature, with `>`
 * lines dropped. When a reply answers inline under an attribution (nothing
 * above it), the unquoted answers between the quotes are returned instead.
 */
export function extractNewText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const span = isAttribution(lines, i);
    if (span > 0) {
      const above = tidy(lines.slice(0, i));
      if (above.trim() !== '') return above;
      return inlineAnswers(lines.slice(i + span));
    }
    if (isCut(lines, i)) return tidy(lines.slice(0, i));
  }
  return tidy(lines);
}

/** Unquoted lines interleaved with a quote, up to the next signature or separator. */
function inlineAnswers(rest: string[]): string {
  const kept: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    if (isCut(rest, i) || isAttribution(rest, i) > 0) break;
    kept.push(rest[i]!);
  }
  return tidy(kept);
}
