import { AUTO_REPLIES } from './auto-replies.ts';
import { BOUNCES } from './bounces.ts';
import type { CorpusCase } from './corpus-case.ts';
import { HTML_ONLY } from './html-only.ts';
import { HUMAN_REPLIES } from './human-replies.ts';
import { NOT_BOUNCES } from './not-bounces.ts';
import { OPT_OUTS } from './opt-outs.ts';

/** The whole gate corpus: every gate test runs over all of it. */
export const ALL_CASES: CorpusCase[] = [
  ...BOUNCES,
  ...NOT_BOUNCES,
  ...OPT_OUTS,
  ...AUTO_REPLIES,
  ...HUMAN_REPLIES,
  ...HTML_ONLY,
];
