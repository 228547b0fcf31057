import type { GateHit } from './gate-message.ts';
import { quoteEvidence } from './gate-message.ts';
import { OPT_OUT_PHRASES } from './opt-out-phrases.ts';

/**
 * Opt-out detection on a reply's new text. It looks for explicit removal
 * requests, not for trigger words: "stop by our office" and "remove the
 * setup fee" are ordinary sentences. Footer lines that merely explain how to
 * opt out ("Reply STOP to unsubscribe", "click here to unsubscribe") are
 * ignored, so our own footer never opts a lead out.
 */

/** "Reply STOP to …", "Répondez STOP pour …", "Antworten Sie mit STOP, um …". */
const FOOTER_LINES: RegExp[] = [
  /\b(reply|respond|answer|text|write back|r[ée]pondez|r[ée]pondre|responda|responde|responder|antworten sie|antworte)\b\s*(with\s+|mit\s+|avec\s+|con\s+|par\s+)?["'“«„]?\s*(stop|stopp|unsubscribe|remove|no|baja|abmelden|d[ée]sabonner)\s*["'”»“]?\s*[,(]?\s*(to|and|if|for|pour|et|para|y|um|und|wenn|si|\(|$)/i,
  /\b(click|tap|klicken|cliquez|haga clic|pulse|visit)\b[^\n]{0,60}\b(unsubscribe|opt[- ]out|abmelden|abbestellen|d[ée]sabonner|d[ée]sinscri\w*|baja)\b/i,
  /\b(unsubscribe|opt[- ]out|abmelden|d[ée]sabonner|darse de baja)\s+(here|link|below|at any time|anytime|hier|ici|aquí|jederzeit)\b/i,
  /^\s*(to\s+(unsubscribe|opt[- ]out|stop receiving)|if you (no longer|don'?t|do not) (wish|want)|if you'?d (rather|prefer) not|don'?t want (to hear|these|more)|not interested\?\s*(just\s+)?(reply|let)|pour ne plus recevoir|para (darse de baja|dejar de recibir)|um sich abzumelden|zum abmelden|wenn sie keine)/i,
  /\b(unsubscribe|manage (your )?preferences|abmelden|d[ée]sabonner|darse de baja)\b[^\n]*(\||https?:\/\/|<http)/i,
  /(https?:\/\/\S*(unsubscribe|optout|opt-out)\S*)/i,
];

/** A whole line that is nothing but a removal word ("STOP", "Unsubscribe please", "Baja"). */
const BARE_LINE =
  /^(please |pls |plz |bitte |por favor |merci de |svp )?(stop|stopp|stop all|stopall|unsubscribe( me)?|unsub|remove( me)?|opt( me)? ?out|take me off( your list)?|abmelden|austragen|abbestellen|d[ée]sabonner|d[ée]sabonnez moi|d[ée]sinscri(re|vez moi|ption)|baja|dar(me)? de baja|de baja)( please| pls| bitte| por favor| merci| svp| thanks| thank you| thx| danke| gracias| now)?$/i;

function isFooterLine(line: string): boolean {
  return FOOTER_LINES.some((re) => re.test(line));
}

function normaliseBare(line: string): string {
  return line
    .toLowerCase()
    .replace(/[’']/g, ' ')
    .replace(/[^\p{L}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Splits paragraphs into sentences; wrapped lines of one paragraph are joined first. */
function sentencesOf(lines: string[]): string[] {
  const paragraphs: string[][] = [[]];
  for (const line of lines) {
    if (line.trim() === '') paragraphs.push([]);
    else paragraphs[paragraphs.length - 1]!.push(line.trim());
  }
  return paragraphs
    .filter((p) => p.length > 0)
    .flatMap((p) => p.join(' ').split(/(?<=[.!?;¡¿])\s+|\s+[-–—]\s+/))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * Returns an opt-out hit when the new text explicitly asks to be removed or
 * not contacted again (English, German, French, Spanish), else null.
 * Pass the new text only (see `extractNewText`); quoted `>` lines and
 * opt-out instructions in footers are ignored anyway.
 */
export function isOptOutText(newText: string): GateHit | null {
  const lines = newText
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((l) => !/^\s*>/.test(l))
    .map((l) => (isFooterLine(l) ? '' : l));

  // A bare "STOP" counts where a reply starts, not as an item of a list further down.
  const opening = lines.filter((l) => l.trim() !== '').slice(0, 3);
  for (const line of opening) {
    const bare = normaliseBare(line);
    if (!/^\s*([-*•]|\d+[.)])\s/.test(line) && bare !== '' && BARE_LINE.test(bare)) {
      return { gate: 'opt_out', evidence: quoteEvidence(line) };
    }
  }

  for (const sentence of sentencesOf(lines)) {
    const text = sentence.replace(/[’]/g, "'");
    for (const phrase of OPT_OUT_PHRASES) {
      const m = phrase.pattern.exec(text);
      if (!m) continue;
      if (phrase.unless?.test(text)) continue;
      const before = text.slice(0, m.index);
      if (phrase.negatable && NEGATION_BEFORE.test(before)) continue;
      return { gate: 'opt_out', evidence: quoteEvidence(sentence) };
    }
  }
  return null;
}

/** "I don't want to unsubscribe", "no need to stop emailing": the request is negated. */
const NEGATION_BEFORE =
  /\b(don'?t|do not|doesn'?t|does not|didn'?t|never|no need to|no reason to|not going to|won'?t)\s+(\w+\s+){0,2}$/i;

/** The platform's own unsubscribe flag or event (e.g. Instantly `lead_unsubscribed`). */
export function platformOptOut(flags: Record<string, unknown>): GateHit | null {
  for (const key of ['isUnsubscribe', 'is_unsubscribe', 'isUnsubscribed', 'unsubscribed']) {
    if (flags[key] === true) return { gate: 'opt_out', evidence: `platform flag ${key}` };
  }
  const event = flags['eventType'] ?? flags['event_type'];
  if (typeof event === 'string' && /unsubscrib/i.test(event)) {
    return { gate: 'opt_out', evidence: `platform event ${event}` };
  }
  return null;
}
