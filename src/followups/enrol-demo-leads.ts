import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { campaigns } from '../db/schema.ts';
import { enrolLeadsInTx } from './enrol-leads.ts';
import { createSequence } from './manage-sequences.ts';

/** Leads of the demo who have not answered yet: their follow-ups stay active. */
const QUIET_LEADS = ['nora@quiet-one.example', 'omar@quiet-two.example', 'pia@quiet-three.example'];

/**
 * Gives the demo campaign a follow-up sequence and enrols the demo's leads
 * (before their replies arrive, so the replies pause them) plus a few who
 * stay quiet, so `autosend followups report` shows real figures.
 */
export async function enrolDemoLeads(
  db: Db,
  input: { workspaceId: string; externalId: string; emails: string[]; now: Date },
): Promise<void> {
  const [campaign] = await db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(
      and(eq(campaigns.workspaceId, input.workspaceId), eq(campaigns.externalId, input.externalId)),
    );
  if (!campaign) return;
  const sequence = await createSequence(
    db,
    { workspaceId: input.workspaceId, actor: 'demo' },
    {
      campaignId: campaign.id,
      name: 'Demo nudges',
      steps: [
        {
          delay: '3 business days',
          body: '{Hi|Hello} {{first_name|there}}, did my note about onboarding reach you?',
        },
        {
          delay: '4 business days',
          body: 'Last note from me, {{first_name|there}}: happy to send a two-minute video instead.',
          needsApproval: true,
        },
      ],
    },
  );
  await db.transaction(async (tx) => {
    const ids: string[] = [];
    for (const email of [...new Set([...input.emails, ...QUIET_LEADS])]) {
      const rows = await tx.execute<{ id: string }>(sql`
        insert into leads (workspace_id, email) values (${input.workspaceId}, ${email})
        on conflict (workspace_id, lower(email)) do update set email = leads.email
        returning id`);
      ids.push(rows.rows[0]!.id);
    }
    await enrolLeadsInTx(tx, {
      workspaceId: input.workspaceId,
      sequenceId: sequence.id,
      leadIds: ids,
      by: 'hand',
      now: input.now,
    });
  });
}
