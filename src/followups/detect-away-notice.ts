import { AWAY_STATEMENTS } from '../gates/out-of-office-phrases.ts';

const AWAY_WORDS =
  /\b(out of (the )?office|ooo|on (vacation|holiday|leave)|abwesen\w*|urlaub|absente?|absence|en cong[ée]|fuera de la oficina|de vacaciones|ausente)\b/i;

/**
 * Whether an auto-reply says the lead is away (out of office), as opposed to
 * a ticket confirmation or a delivery-delay notice. Only an away notice
 * pauses follow-ups as `out_of_office`; other machine mail leaves them as
 * they were. Pure.
 */
export function isAwayNotice(subject: string, text: string): boolean {
  return (
    AWAY_WORDS.test(subject) || AWAY_WORDS.test(text) || AWAY_STATEMENTS.some((re) => re.test(text))
  );
}
