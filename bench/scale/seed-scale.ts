import type pg from 'pg';

/** Row counts of the seeded database: the issue's, times BENCH_SCALE_FACTOR. */
export interface ScaleCounts {
  workspaces: number;
  leads: number;
  messages: number;
  decisionEvents: number;
  drafts: number;
}

export const ISSUE_COUNTS: ScaleCounts = {
  workspaces: 50,
  leads: 100_000,
  messages: 1_000_000,
  decisionEvents: 3_000_000,
  drafts: 200_000,
};

/** The issue's counts scaled by `factor` (workspaces stay 50); a clear error on a bad factor. */
export function scaleCounts(factor: number): ScaleCounts {
  if (!Number.isFinite(factor) || factor <= 0 || factor > 10) {
    throw new Error(`BENCH_SCALE_FACTOR must be a number in (0, 10], got ${factor}`);
  }
  const n = (x: number) => Math.max(ISSUE_COUNTS.workspaces * 4, Math.round(x * factor));
  return {
    workspaces: ISSUE_COUNTS.workspaces,
    leads: n(ISSUE_COUNTS.leads),
    messages: n(ISSUE_COUNTS.messages),
    decisionEvents: n(ISSUE_COUNTS.decisionEvents),
    drafts: Math.min(n(ISSUE_COUNTS.drafts), Math.floor(n(ISSUE_COUNTS.messages) / 5)),
  };
}

/** The plain webhook secret of every seeded workspace (stored unsealed, as without AUTOSEND_SECRET_KEY). */
export const SEED_SECRET = 'whsec-bench-scale';

/*
 * Ids are md5-derived uuids of a row's number, so rows reference each other by
 * arithmetic rather than joins: lead l belongs to workspace l % W; message m
 * to lead m % L (thread 't-' || lead) and campaign (m % 2) of that workspace;
 * draft d answers message 5d (inbound); event e belongs to message e % M.
 * Timestamps spread over 180 days by a multiplicative hash of the number.
 */
const uid = (kind: string, n: string) => `md5('${kind}-' || (${n}))::uuid`;
const spread = (n: string) =>
  `now() - ((((${n})::bigint * 2654435761) % 15552000) || ' seconds')::interval`;

/**
 * Seeds a migrated database with realistic rows through `insert … select
 * generate_series` (one statement per table, no per-row round trips), then
 * ANALYZE. Returns seconds per table.
 */
export async function seedScale(
  client: pg.ClientBase,
  c: ScaleCounts,
  /** `workspaces`: workspaces, campaigns, sequences; `rows`: everything else. */
  part: 'workspaces' | 'rows',
): Promise<Record<string, number>> {
  const W = c.workspaces;
  const L = c.leads;
  const M = c.messages;
  const D = c.drafts;
  const lead = (m: string) => `((${m}) % ${L})`;
  const ws = (l: string) => `((${l}) % ${W})`;
  // Direction by the message number: 7 in 10 inbound (every 5th is, for drafts).
  const inbound = (m: string) => `((${m}) % 10 not in (1, 3, 7))`;
  const all: Array<[string, string]> = [
    [
      'workspaces',
      `insert into workspaces (id, name, webhook_key, webhook_secret)
       select ${uid('ws', 'g')}, 'Scale ' || g, 'scale-ws-' || g, '${SEED_SECRET}' from generate_series(0, ${W - 1}) g
       on conflict do nothing`,
    ],
    [
      'campaigns',
      `insert into campaigns (id, workspace_id, platform, external_id, name, response_mode, configured_at, daily_auto_send_cap)
       select ${uid('c', "w || '-' || k")}, ${uid('ws', 'w')}, 'generic', 'c-' || w || '-' || k, 'Campaign ' || w || '/' || k,
              'AI_AUTO_SEND', now() - interval '200 days', 500
       from generate_series(0, ${W - 1}) w, generate_series(0, 1) k`,
    ],
    [
      'leads',
      `insert into leads (id, workspace_id, email, first_name, company, time_zone, created_at,
                          opted_out_at, opted_out_reason, bounced_at, bounced_reason)
       select ${uid('l', 'g')}, ${uid('ws', ws('g'))}, 'lead' || g || '@scale-ws-' || ${ws('g')} || '.example',
              'Lead' || g, 'Company ' || (g % 997), (array['Europe/Berlin','America/New_York','UTC'])[1 + g % 3],
              ${spread('g')},
              case when g % 40 = 0 then ${spread('g')} end, case when g % 40 = 0 then 'opt_out' end,
              case when g % 53 = 0 then ${spread('g')} end, case when g % 53 = 0 then 'bounce' end
       from generate_series(0, ${L - 1}) g`,
    ],
    [
      'messages',
      `insert into messages (id, workspace_id, lead_id, campaign_id, direction, source, provider_message_id,
                             rfc_message_id, in_reply_to, thread_key, from_email, to_emails, subject, headers, text, occurred_at)
       select ${uid('m', 'g')}, ${uid('ws', ws(lead('g')))}, ${uid('l', lead('g'))},
              ${uid('c', `${ws(lead('g'))} || '-' || (g % 2)`)},
              (case when ${inbound('g')} then 'inbound' else 'outbound' end)::message_direction,
              case when ${inbound('g')} then 'generic' else 'autosend' end,
              'pm-' || g, '<m-' || g || '@mail.example>',
              case when g >= ${L} then '<m-' || (g - ${L}) || '@mail.example>' end,
              't-' || ${lead('g')},
              case when ${inbound('g')} then 'lead' || ${lead('g')} || '@scale-ws-' || ${ws(lead('g'))} || '.example'
                   else 'tom@agency.example' end,
              array['tom@agency.example'], 'Re: Quick question ' || (g % 311),
              jsonb_build_object('message-id', '<m-' || g || '@mail.example>', 'x-mailer', 'bench',
                                 'received', 'from mx' || (g % 7) || '.example'),
              'Thanks for reaching out, message ' || g || '. Could we talk next week?',
              ${spread('g')}
       from generate_series(0, ${M - 1}) g`,
    ],
    [
      'drafts',
      // 40% sent, 15% rejected, 15% superseded, 10% generated (held), 10% failed, 10% approved.
      `insert into drafts (id, message_id, body, model, status, confidence, send_after, created_at, guard_failures)
       select ${uid('d', 'g')}, ${uid('m', 'g * 5')}, 'Happy to talk. How is Tuesday at 10:00?', 'seed',
              (array['sent','sent','sent','sent','rejected','rejected','superseded','generated','failed','approved',
                     'sent','sent','sent','sent','rejected','superseded','superseded','generated','failed','approved'])[1 + g % 20]::draft_status,
              ((g * 37) % 100) / 100.0, ${spread('g * 5')} + interval '5 minutes', ${spread('g * 5')},
              case when g % 9 = 0 then '["unknown_link"]'::jsonb else '[]'::jsonb end
       from generate_series(0, ${D - 1}) g`,
    ],
    [
      'send_ledger',
      `insert into send_ledger (idempotency_key, draft_id, sender, status, started_at, finished_at)
       select 'draft:' || d.id, d.id, 'outbox', 'sent', d.send_after, d.send_after + interval '2 seconds'
       from drafts d where d.status = 'sent' and d.model = 'seed'`,
    ],
    [
      'review_requests',
      // Held drafts wait (open); rejected, approved and a share of sent ones were decided.
      `insert into review_requests (workspace_id, draft_id, reason, status, decided_by, decided_at, created_at)
       select m.workspace_id, d.id, 'below_threshold',
              (case d.status when 'generated' then 'open' when 'rejected' then 'rejected'
                             when 'superseded' then 'superseded' else 'approved' end)::review_status,
              case when d.status not in ('generated', 'superseded') then 'reviewer@agency.example' end,
              case when d.status not in ('generated', 'superseded') then d.created_at + interval '1 hour' end, d.created_at
       from drafts d join messages m on m.id = d.message_id
       where d.model = 'seed' and (d.status in ('generated', 'rejected', 'superseded', 'approved')
          or (d.status = 'sent' and d.confidence < 0.5))`,
    ],
    [
      'decision_events',
      `insert into decision_events (message_id, draft_id, step, outcome, reason, detail, at)
       select ${uid('m', `g % ${M}`)},
              case when (g % ${M}) % 5 = 0 and (g % ${M}) / 5 < ${D} then ${uid('d', `(g % ${M}) / 5`)} end,
              (array['gates','classify','draft','evaluate','decide'])[1 + (g / ${M}) % 5],
              case when g % 97 = 0 then 'hit' else 'passed' end,
              case when g % 97 = 0 then (array['opt_out','bounce','auto_reply'])[1 + g % 3] end,
              jsonb_build_object('evidence', null, 'ms', g % 900),
              ${spread(`g % ${M}`)} + ((g / ${M}) || ' seconds')::interval
       from generate_series(0, ${c.decisionEvents - 1}) g`,
    ],
    [
      'followup_sequences',
      `insert into followup_sequences (id, workspace_id, name) select ${uid('s', 'w')}, ${uid('ws', 'w')}, 'Nudge' from generate_series(0, ${W - 1}) w`,
    ],
    [
      'followup_instances',
      `insert into followup_instances (sequence_id, lead_id, status, next_run_at)
       select ${uid('s', ws('g'))}, ${uid('l', 'g')}, 'active', now() + ((g % 30) || ' days')::interval
       from generate_series(0, ${L - 1}, 2) g`,
    ],
    ['analyze', 'analyze'],
  ];
  const first = new Set(['workspaces', 'campaigns', 'followup_sequences']);
  const steps = all.filter(
    ([name]) => name === 'analyze' || first.has(name) === (part === 'workspaces'),
  );
  const seconds: Record<string, number> = {};
  for (const [name, text] of steps) {
    const started = performance.now();
    await client.query(text);
    seconds[name] = (performance.now() - started) / 1000;
  }
  return seconds;
}
