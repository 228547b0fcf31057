-- Indexes for the hot queries (issue 16) and one invariant the code already
-- relies on. Each index is named for the query it serves; test/integration/
-- hot-query-plans.test.ts runs EXPLAIN on those queries against a seeded
-- database and fails on a sequential scan of a large table.
--
-- Plain CREATE INDEX (not CONCURRENTLY): migrations run in a transaction. On a
-- large existing database, run this migration in a quiet window.

-- A lead's follow-up instances (pause on reply, lead show, erasure): the unique
-- index leads with sequence_id and cannot serve lead_id alone.
CREATE INDEX IF NOT EXISTS "followup_instances_lead_idx" ON "followup_instances" USING btree ("lead_id");--> statement-breakpoint
-- A campaign's messages (activity filter, the daily cap join, campaign reports).
CREATE INDEX "messages_campaign_idx" ON "messages" USING btree ("campaign_id","occurred_at");--> statement-breakpoint
-- The daily automatic-send cap counts today's drafts: a short range on send_after.
CREATE INDEX "drafts_send_after_idx" ON "drafts" USING btree ("send_after") WHERE "drafts"."send_after" IS NOT NULL;--> statement-breakpoint
-- Draft activity, newest first.
CREATE INDEX "drafts_created_idx" ON "drafts" USING btree ("created_at","id");--> statement-breakpoint
-- Sends since a time, counted under the per-campaign advisory lock in reply.send.
CREATE INDEX "send_ledger_started_idx" ON "send_ledger" USING btree ("started_at");--> statement-breakpoint
-- Foreign keys that had no index: deleting or looking up the parent row scanned the child table.
CREATE INDEX "decision_events_draft_idx" ON "decision_events" USING btree ("draft_id") WHERE "decision_events"."draft_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "drafts_sent_message_idx" ON "drafts" USING btree ("sent_message_id") WHERE "drafts"."sent_message_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "slot_offers_draft_idx" ON "slot_offers" USING btree ("draft_id") WHERE "slot_offers"."draft_id" IS NOT NULL;--> statement-breakpoint
-- One ledger row per draft (the idempotency key is derived from the draft id;
-- this makes the invariant the database's, not only the key format's).
DROP INDEX "send_ledger_draft_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "send_ledger_draft_unique" ON "send_ledger" USING btree ("draft_id");
