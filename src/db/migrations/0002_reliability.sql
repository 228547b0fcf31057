-- Issue 17: a reply is deduplicated per source (and platform account), not per workspace alone.
ALTER TABLE "messages" ADD COLUMN "dedupe_scope" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- EmailBison numbers replies per instance: existing rows take the instance they came from.
UPDATE "messages" SET "dedupe_scope" = lower(coalesce("raw"->'platformRefs'->>'instanceUrl', ''))
  WHERE "source" = 'emailbison';--> statement-breakpoint
-- Rows unique on the old (workspace, id) key stay unique on the finer one.
DROP INDEX "messages_provider_id_unique";--> statement-breakpoint
CREATE UNIQUE INDEX "messages_provider_id_unique" ON "messages" USING btree ("workspace_id","source","dedupe_scope","provider_message_id");
