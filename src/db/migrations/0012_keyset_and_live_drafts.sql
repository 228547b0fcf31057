-- Issue 16: one live draft per message, and indexes that serve the keyset
-- (cursor) order of every paged list. Runs in the migrator's one transaction.
--
-- A live draft can still be sent or reviewed: generated, approved, sending,
-- send_unknown. Backfill shadow drafts are never sendable and do not count.
-- Duplicates left by older versions are resolved first: per message the draft
-- furthest along is kept (sending / send_unknown, then approved, then
-- generated; the newest version among equals), the others become superseded,
-- their open reviews close, and each gets a line in its decision trail.
CREATE TEMPORARY TABLE "superseded_by_0012" ON COMMIT DROP AS
  SELECT "id", "message_id", "kept" FROM (
    SELECT d."id", d."message_id",
           first_value(d."id") OVER w AS "kept",
           row_number() OVER w AS "rank"
      FROM "drafts" d
     WHERE d."status" IN ('generated', 'approved', 'sending', 'send_unknown')
    WINDOW w AS (PARTITION BY d."message_id"
                 ORDER BY CASE d."status" WHEN 'sending' THEN 3 WHEN 'send_unknown' THEN 3
                                           WHEN 'approved' THEN 2 ELSE 1 END DESC,
                          d."version" DESC)
  ) ranked
  WHERE "rank" > 1;--> statement-breakpoint
UPDATE "drafts" SET "status" = 'superseded', "updated_at" = now()
  WHERE "id" IN (SELECT "id" FROM "superseded_by_0012");--> statement-breakpoint
UPDATE "review_requests" SET "status" = 'superseded'
  WHERE "status" = 'open' AND "draft_id" IN (SELECT "id" FROM "superseded_by_0012");--> statement-breakpoint
INSERT INTO "decision_events" ("message_id", "draft_id", "step", "outcome", "reason", "detail")
  SELECT "message_id", "id", 'decide', 'superseded', 'superseded',
         jsonb_build_object('by', "kept", 'migration', '0012_keyset_and_live_drafts')
    FROM "superseded_by_0012";--> statement-breakpoint
CREATE UNIQUE INDEX "drafts_one_live_per_message" ON "drafts" USING btree ("message_id") WHERE "drafts"."status" IN ('generated', 'approved', 'sending', 'send_unknown');--> statement-breakpoint
-- Keyset order (newest first, id breaking ties) of each paged list.
CREATE INDEX "messages_workspace_occurred_idx" ON "messages" USING btree ("workspace_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "leads_workspace_created_idx" ON "leads" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
DROP INDEX "review_requests_open_idx";--> statement-breakpoint
CREATE INDEX "review_requests_status_created_idx" ON "review_requests" USING btree ("workspace_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "review_requests_workspace_created_idx" ON "review_requests" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "notification_deliveries_attempted_idx" ON "notification_deliveries" USING btree ("attempted_at","id");--> statement-breakpoint
CREATE INDEX "followup_instances_updated_idx" ON "followup_instances" USING btree ("updated_at","id");
