ALTER TABLE "campaigns" ADD COLUMN "target_precision" integer DEFAULT 95 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "breaker_opened_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "breaker_reason" text;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "breaker_detail" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "breaker_closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_target_precision_percent" CHECK ("campaigns"."target_precision" between 50 and 100);--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_breaker_why" CHECK (("campaigns"."breaker_opened_at" is null) = ("campaigns"."breaker_reason" is null));--> statement-breakpoint
CREATE TABLE "review_outcomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL REFERENCES "workspaces"("id") ON DELETE CASCADE,
	"campaign_id" uuid REFERENCES "campaigns"("id") ON DELETE SET NULL,
	"draft_id" uuid NOT NULL REFERENCES "drafts"("id") ON DELETE CASCADE,
	"review_request_id" uuid NOT NULL REFERENCES "review_requests"("id") ON DELETE CASCADE,
	"outcome" text NOT NULL,
	"chars_changed" integer DEFAULT 0 NOT NULL,
	"sentence_added" boolean DEFAULT false NOT NULL,
	"sentence_removed" boolean DEFAULT false NOT NULL,
	"reject_reason" text,
	"reject_note" text,
	"confidence" real,
	"category" text,
	"model" text NOT NULL,
	"gate" integer NOT NULL,
	"review_reason" text NOT NULL,
	"decided_by" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	CONSTRAINT "review_outcomes_outcome" CHECK ("review_outcomes"."outcome" in ('approved_as_is','approved_edited','rejected')),
	CONSTRAINT "review_outcomes_reject_reason" CHECK (("review_outcomes"."outcome" = 'rejected') = ("review_outcomes"."reject_reason" is not null)),
	CONSTRAINT "review_outcomes_confidence_range" CHECK (coalesce("review_outcomes"."confidence" between 0 and 1, true))
);--> statement-breakpoint
CREATE UNIQUE INDEX "review_outcomes_draft_unique" ON "review_outcomes" USING btree ("draft_id");--> statement-breakpoint
CREATE INDEX "review_outcomes_campaign_idx" ON "review_outcomes" USING btree ("campaign_id","decided_at");--> statement-breakpoint
CREATE INDEX "review_outcomes_workspace_idx" ON "review_outcomes" USING btree ("workspace_id","decided_at");--> statement-breakpoint
CREATE TABLE "post_send_outcomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL REFERENCES "workspaces"("id") ON DELETE CASCADE,
	"campaign_id" uuid REFERENCES "campaigns"("id") ON DELETE SET NULL,
	"draft_id" uuid NOT NULL REFERENCES "drafts"("id") ON DELETE CASCADE,
	"sent_at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"reply_message_id" uuid REFERENCES "messages"("id") ON DELETE SET NULL,
	"category" text,
	"evidence" text,
	"classified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "post_send_outcomes_outcome" CHECK ("post_send_outcomes"."outcome" in ('positive','neutral','negative','complaint_or_opt_out','confused','no_reply')),
	CONSTRAINT "post_send_outcomes_reply" CHECK (("post_send_outcomes"."outcome" = 'no_reply') = ("post_send_outcomes"."reply_message_id" is null))
);--> statement-breakpoint
CREATE UNIQUE INDEX "post_send_outcomes_draft_unique" ON "post_send_outcomes" USING btree ("draft_id");--> statement-breakpoint
CREATE INDEX "post_send_outcomes_campaign_idx" ON "post_send_outcomes" USING btree ("campaign_id","sent_at");--> statement-breakpoint
CREATE TABLE "edit_examples" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL REFERENCES "workspaces"("id") ON DELETE CASCADE,
	"campaign_id" uuid NOT NULL REFERENCES "campaigns"("id") ON DELETE CASCADE,
	"draft_id" uuid NOT NULL REFERENCES "drafts"("id") ON DELETE CASCADE,
	"category" text,
	"reply_text" text NOT NULL,
	"draft_text" text NOT NULL,
	"sent_text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE UNIQUE INDEX "edit_examples_draft_unique" ON "edit_examples" USING btree ("draft_id");--> statement-breakpoint
CREATE INDEX "edit_examples_campaign_idx" ON "edit_examples" USING btree ("campaign_id","created_at");
