import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../src/db/client.ts';
import { followupInstances, leads, messages } from '../../src/db/schema.ts';
import { enrolLeads } from '../../src/followups/enrol-leads.ts';
import { createSequence } from '../../src/followups/manage-sequences.ts';
import type { stepInputSchema } from '../../src/followups/sequence-input.ts';

type StepIn = z.input<typeof stepInputSchema>;

/** A lead who got the campaign's opening email `daysAgo` days before `now`. */
export async function seedLead(
  db: Db,
  ids: { workspaceId: string; campaignId: string },
  now: Date,
  lead: Partial<typeof leads.$inferInsert> = {},
  daysAgo = 10,
) {
  const n = randomUUID().slice(0, 8);
  const email = `lead.${n}@example.com`;
  const [row] = await db
    .insert(leads)
    .values({
      workspaceId: ids.workspaceId,
      email,
      firstName: 'Jane',
      timeZone: 'Europe/Berlin',
      ...lead,
    })
    .returning();
  const root = `<open-${n}@acme.io>`;
  await db.insert(messages).values({
    workspaceId: ids.workspaceId,
    leadId: row!.id,
    campaignId: ids.campaignId,
    direction: 'outbound',
    source: 'generic',
    providerMessageId: `open-${n}`,
    rfcMessageId: root,
    threadKey: root,
    fromEmail: 'sam@acme.io',
    toEmails: [email],
    subject: 'Quick question about Acme',
    text: 'Hi Jane, …',
    occurredAt: new Date(now.getTime() - daysAgo * 86_400_000),
  });
  return { id: row!.id, email, threadKey: root };
}

/** A sequence of the campaign, and the given leads enrolled in it at `now`. */
export async function seedSequence(
  db: Db,
  ids: { workspaceId: string; campaignId: string },
  steps: StepIn[],
  leadEmails: string[],
  now: Date,
  extra: { ghostDays?: number; name?: string } = {},
) {
  const sequence = await createSequence(
    db,
    { workspaceId: ids.workspaceId, actor: 'test' },
    {
      campaignId: ids.campaignId,
      name: extra.name ?? `seq-${randomUUID().slice(0, 6)}`,
      steps,
      ...extra,
    },
  );
  await enrolLeads(
    db,
    { workspaceId: ids.workspaceId, sequenceId: sequence.id, actor: 'test', by: 'hand' },
    { leads: leadEmails },
    now,
  );
  return sequence;
}

export async function instanceOf(db: Db, leadId: string, sequenceId?: string) {
  const rows = await db
    .select()
    .from(followupInstances)
    .where(eq(followupInstances.leadId, leadId));
  return sequenceId ? rows.find((r) => r.sequenceId === sequenceId)! : rows[0]!;
}
