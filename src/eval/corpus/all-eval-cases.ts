import type { EvalCase } from '../eval-case.ts';
import { CONVERSATION_CASES } from './conversation-cases.ts';
import { GATE_CASES } from './gate-cases.ts';

/** The labelled corpus `autosend eval` runs: conversations first, then the gate corpus. */
export const ALL_EVAL_CASES: EvalCase[] = [...CONVERSATION_CASES, ...GATE_CASES];
