-- Backfill: shadow drafts (never sendable), runs over several workspaces, and
-- the item columns the runner orders and resumes by.
ALTER TYPE "public"."draft_status" ADD VALUE IF NOT EXISTS 'shadow';--> statement-breakpoint
ALTER TABLE "backfill_runs" ALTER COLUMN "workspace_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "backfill_runs" ADD COLUMN "mode" text DEFAULT 'apply' NOT NULL;--> statement-breakpoint
ALTER TABLE "backfill_runs" ADD COLUMN "phase" text DEFAULT 'select' NOT NULL;--> statement-breakpoint
ALTER TABLE "backfill_runs" ADD CONSTRAINT "backfill_runs_mode" CHECK ("backfill_runs"."mode" in ('shadow','apply'));--> statement-breakpoint
ALTER TABLE "backfill_items" ADD COLUMN "campaign_id" uuid;--> statement-breakpoint
ALTER TABLE "backfill_items" ADD COLUMN "reply_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "backfill_items" ADD CONSTRAINT "backfill_items_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "backfill_items_run_state_idx" ON "backfill_items" USING btree ("run_id","state","reply_at");
