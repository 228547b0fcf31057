import { readFile } from 'node:fs/promises';
import type { AiProvider, Category } from '../ai/provider.ts';
import { runGates } from '../gates/run-gates.ts';
import { shouldGenerateDraft } from '../gates/should-generate-draft.ts';
import type { InboundReply } from '../ingest/inbound-reply.ts';
import { mapGenericPayload } from '../ingest/map-generic-payload.ts';
import { parseEml } from '../ingest/parse-eml.ts';

export interface FileClassification {
  file: string;
  gate: 'bounce' | 'opt_out' | 'auto_reply' | null;
  category: Category | null;
  draft: boolean;
  /** The gate's evidence, else the classifier's. */
  evidence: string | null;
  /** Why no draft, when draft is false. */
  reason?: string;
}

async function readReply(file: string): Promise<InboundReply> {
  const raw = await readFile(file);
  if (/\.json$/i.test(file)) return mapGenericPayload(JSON.parse(raw.toString('utf8')), new Date());
  return parseEml(raw);
}

/**
 * What the pipeline's first steps would decide about one reply file (.eml or
 * generic JSON): gates, category, and whether a draft is warranted, for a
 * configured AI_AUTO_SEND campaign and an unflagged lead. Nothing is stored.
 */
export async function classifyReplyFile(ai: AiProvider, file: string): Promise<FileClassification> {
  const reply = await readReply(file);
  const gates = runGates({
    fromEmail: reply.from.email,
    ...(reply.from.name ? { fromName: reply.from.name } : {}),
    returnPath: reply.headers['return-path'],
    subject: reply.subject,
    text: reply.text,
    headers: reply.headers,
    platformFlags: reply.platformFlags,
  });
  if (gates.gate) {
    return {
      file,
      gate: gates.gate,
      category: null,
      draft: false,
      evidence: gates.evidence,
      reason: gates.gate,
    };
  }
  const classification = await ai.classify({
    newText: gates.newText,
    subject: reply.subject,
    fromEmail: reply.from.email,
    leadEmail: reply.lead.email,
    transcript: [
      {
        direction: 'inbound',
        from: reply.from.email,
        at: reply.receivedAt.toISOString(),
        text: gates.newText,
      },
    ],
  });
  const policy = shouldGenerateDraft({
    category: classification.category,
    lead: { optedOut: false, bounced: false, booked: false },
    campaign: { responseMode: 'AI_AUTO_SEND' },
  });
  return {
    file,
    gate: null,
    category: classification.category,
    draft: policy.draft,
    evidence: classification.evidence,
    ...(policy.draft ? {} : { reason: policy.reason }),
  };
}
