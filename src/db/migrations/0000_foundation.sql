CREATE TYPE "public"."availability_source" AS ENUM('weekly_hours', 'calendly', 'calcom', 'ghl');--> statement-breakpoint
CREATE TYPE "public"."backfill_status" AS ENUM('pending', 'drafting', 'sending', 'paused', 'completed', 'failed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."draft_status" AS ENUM('generated', 'approved', 'rejected', 'sending', 'sent', 'send_unknown', 'superseded', 'failed');--> statement-breakpoint
CREATE TYPE "public"."followup_status" AS ENUM('active', 'paused', 'completed', 'stopped');--> statement-breakpoint
CREATE TYPE "public"."member_role" AS ENUM('admin', 'reviewer');--> statement-breakpoint
CREATE TYPE "public"."message_channel" AS ENUM('email', 'sms', 'linkedin');--> statement-breakpoint
CREATE TYPE "public"."message_direction" AS ENUM('inbound', 'outbound');--> statement-breakpoint
CREATE TYPE "public"."pause_reason" AS ENUM('lead_replied', 'awaiting_approval', 'awaiting_enrichment');--> statement-breakpoint
CREATE TYPE "public"."platform" AS ENUM('generic', 'smartlead', 'instantly', 'emailbison');--> statement-breakpoint
CREATE TYPE "public"."response_mode" AS ENUM('MANUAL', 'AI_AUTO_SEND');--> statement-breakpoint
CREATE TYPE "public"."review_status" AS ENUM('open', 'approved', 'rejected', 'superseded');--> statement-breakpoint
CREATE TYPE "public"."reviewer_kind" AS ENUM('email', 'slack_member', 'slack_channel');--> statement-breakpoint
CREATE TYPE "public"."send_status" AS ENUM('sending', 'sent', 'unknown', 'failed');--> statement-breakpoint
CREATE TYPE "public"."slot_offer_status" AS ENUM('offered', 'declined', 'booked', 'expired');--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"role" "member_role" NOT NULL,
	"workspace_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" uuid,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "availability_cache" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"source" "availability_source" NOT NULL,
	"slots" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"fetched_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"stale" boolean DEFAULT false NOT NULL,
	"last_error" text,
	"last_error_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "backfill_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"draft_id" uuid,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "backfill_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"status" "backfill_status" DEFAULT 'pending' NOT NULL,
	"selection" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"log_path" text,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" text,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_reviewers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"kind" "reviewer_kind" NOT NULL,
	"target" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_reviewers_target_form" CHECK (case "campaign_reviewers"."kind"
        when 'email' then "campaign_reviewers"."target" ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'
        when 'slack_member' then "campaign_reviewers"."target" ~ '^[UW][A-Z0-9]{2,}$'
        when 'slack_channel' then "campaign_reviewers"."target" ~ '^(#[a-z0-9][a-z0-9._-]*|[CG][A-Z0-9]{2,})$'
      end)
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"platform" "platform" NOT NULL,
	"external_id" text NOT NULL,
	"name" text NOT NULL,
	"response_mode" "response_mode" DEFAULT 'MANUAL' NOT NULL,
	"confidence_gate" integer DEFAULT 85 NOT NULL,
	"send_delay_min_seconds" integer DEFAULT 180 NOT NULL,
	"send_delay_max_seconds" integer DEFAULT 420 NOT NULL,
	"booking_link" text,
	"availability_source" "availability_source",
	"knowledge" text DEFAULT '' NOT NULL,
	"sender_name" text,
	"sender_email" text,
	"signature" text DEFAULT '' NOT NULL,
	"sending_hours_start" integer,
	"sending_hours_end" integer,
	"daily_auto_send_cap" integer,
	"configured_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaigns_gate_percent" CHECK ("campaigns"."confidence_gate" between 0 and 100),
	CONSTRAINT "campaigns_delay_window" CHECK ("campaigns"."send_delay_min_seconds" >= 0 and "campaigns"."send_delay_max_seconds" >= "campaigns"."send_delay_min_seconds"),
	CONSTRAINT "campaigns_sending_hours" CHECK (("campaigns"."sending_hours_start" is null) = ("campaigns"."sending_hours_end" is null)
        and coalesce("campaigns"."sending_hours_start" between 0 and 1439, true)
        and coalesce("campaigns"."sending_hours_end" between 1 and 1440, true)
        and coalesce("campaigns"."sending_hours_start" < "campaigns"."sending_hours_end", true)),
	CONSTRAINT "campaigns_daily_cap" CHECK (coalesce("campaigns"."daily_auto_send_cap" >= 0, true))
);
--> statement-breakpoint
CREATE TABLE "decision_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"message_id" uuid NOT NULL,
	"draft_id" uuid,
	"step" text NOT NULL,
	"outcome" text NOT NULL,
	"reason" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "drafts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"body" text NOT NULL,
	"offered_slots" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" "draft_status" DEFAULT 'generated' NOT NULL,
	"confidence" real,
	"safe_to_send" boolean,
	"requires_human_review" boolean,
	"evaluator_reason" text,
	"guard_failures" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"model" text NOT NULL,
	"timings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"send_after" timestamp with time zone,
	"sent_message_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "drafts_confidence_range" CHECK (coalesce("drafts"."confidence" between 0 and 1, true)),
	CONSTRAINT "drafts_version_positive" CHECK ("drafts"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "followup_instances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sequence_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"status" "followup_status" DEFAULT 'active' NOT NULL,
	"pause_reason" "pause_reason",
	"stop_reason" text,
	"next_step" integer DEFAULT 1 NOT NULL,
	"next_run_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "followup_instances_pause_reason" CHECK (("followup_instances"."status" = 'paused') = ("followup_instances"."pause_reason" is not null)),
	CONSTRAINT "followup_instances_stop_reason" CHECK (("followup_instances"."status" = 'stopped') = ("followup_instances"."stop_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "followup_sequences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"campaign_id" uuid,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "followup_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sequence_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"delay_seconds" integer NOT NULL,
	"body" text NOT NULL,
	CONSTRAINT "followup_steps_delay" CHECK ("followup_steps"."delay_seconds" >= 0)
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"email" text NOT NULL,
	"first_name" text,
	"last_name" text,
	"company" text,
	"time_zone" text,
	"phone" text,
	"linkedin_url" text,
	"opted_out_at" timestamp with time zone,
	"opted_out_reason" text,
	"bounced_at" timestamp with time zone,
	"bounced_reason" text,
	"booked_at" timestamp with time zone,
	"booked_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leads_email_form" CHECK ("leads"."email" ~ '^[^@\s]+@[^@\s]+$'),
	CONSTRAINT "leads_opted_out_why" CHECK (("leads"."opted_out_at" is null) = ("leads"."opted_out_reason" is null)),
	CONSTRAINT "leads_bounced_why" CHECK (("leads"."bounced_at" is null) = ("leads"."bounced_reason" is null)),
	CONSTRAINT "leads_booked_why" CHECK (("leads"."booked_at" is null) = ("leads"."booked_reason" is null))
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"campaign_id" uuid,
	"direction" "message_direction" NOT NULL,
	"channel" "message_channel" DEFAULT 'email' NOT NULL,
	"source" text NOT NULL,
	"provider_message_id" text NOT NULL,
	"rfc_message_id" text,
	"in_reply_to" text,
	"references" text[] DEFAULT '{}'::text[] NOT NULL,
	"thread_key" text NOT NULL,
	"from_email" text NOT NULL,
	"from_name" text,
	"to_emails" text[] DEFAULT '{}'::text[] NOT NULL,
	"cc_emails" text[] DEFAULT '{}'::text[] NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"headers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"platform_flags" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"html" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"raw" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_request_id" uuid,
	"channel" text DEFAULT 'slack' NOT NULL,
	"target" text NOT NULL,
	"method" text NOT NULL,
	"ok" boolean NOT NULL,
	"error_code" text,
	"error_message" text,
	"needed_scopes" text,
	"provided_scopes" text,
	"provider_channel" text,
	"provider_ts" text,
	"latency_ms" integer,
	"attempted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_request_id" uuid NOT NULL,
	"target" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"method" text,
	"provider_channel" text,
	"provider_ts" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_notifications_status" CHECK ("review_notifications"."status" in ('pending','sent','failed'))
);
--> statement-breakpoint
CREATE TABLE "review_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"draft_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" "review_status" DEFAULT 'open' NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"edited_body" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_requests_decided" CHECK (("review_requests"."status" in ('approved','rejected')) = ("review_requests"."decided_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "send_ledger" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"idempotency_key" text NOT NULL,
	"draft_id" uuid NOT NULL,
	"status" "send_status" DEFAULT 'sending' NOT NULL,
	"sender" text NOT NULL,
	"provider_message_id" text,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "slot_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"draft_id" uuid,
	"slot_start" timestamp with time zone NOT NULL,
	"slot_end" timestamp with time zone NOT NULL,
	"status" "slot_offer_status" DEFAULT 'offered' NOT NULL,
	"offered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "slot_offers_range" CHECK ("slot_offers"."slot_end" > "slot_offers"."slot_start")
);
--> statement-breakpoint
CREATE TABLE "system_checks" (
	"name" text PRIMARY KEY NOT NULL,
	"ok" boolean NOT NULL,
	"summary" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workspace_members" (
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "member_role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workspace_members_workspace_id_user_id_pk" PRIMARY KEY("workspace_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "workspaces" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"webhook_key" text NOT NULL,
	"webhook_secret" text NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"availability_source" "availability_source" DEFAULT 'weekly_hours' NOT NULL,
	"availability_config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"slack_bot_token_encrypted" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workspaces_name_not_blank" CHECK (btrim("workspaces"."name") <> '')
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "availability_cache" ADD CONSTRAINT "availability_cache_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backfill_items" ADD CONSTRAINT "backfill_items_run_id_backfill_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."backfill_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backfill_items" ADD CONSTRAINT "backfill_items_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backfill_items" ADD CONSTRAINT "backfill_items_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backfill_runs" ADD CONSTRAINT "backfill_runs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_reviewers" ADD CONSTRAINT "campaign_reviewers_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_events" ADD CONSTRAINT "decision_events_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_events" ADD CONSTRAINT "decision_events_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_sent_message_id_messages_id_fk" FOREIGN KEY ("sent_message_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_instances" ADD CONSTRAINT "followup_instances_sequence_id_followup_sequences_id_fk" FOREIGN KEY ("sequence_id") REFERENCES "public"."followup_sequences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_instances" ADD CONSTRAINT "followup_instances_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_sequences" ADD CONSTRAINT "followup_sequences_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_sequences" ADD CONSTRAINT "followup_sequences_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_steps" ADD CONSTRAINT "followup_steps_sequence_id_followup_sequences_id_fk" FOREIGN KEY ("sequence_id") REFERENCES "public"."followup_sequences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_review_request_id_review_requests_id_fk" FOREIGN KEY ("review_request_id") REFERENCES "public"."review_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_notifications" ADD CONSTRAINT "review_notifications_review_request_id_review_requests_id_fk" FOREIGN KEY ("review_request_id") REFERENCES "public"."review_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_requests" ADD CONSTRAINT "review_requests_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_requests" ADD CONSTRAINT "review_requests_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "send_ledger" ADD CONSTRAINT "send_ledger_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_offers" ADD CONSTRAINT "slot_offers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_offers" ADD CONSTRAINT "slot_offers_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_offers" ADD CONSTRAINT "slot_offers_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_members" ADD CONSTRAINT "workspace_members_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_members" ADD CONSTRAINT "workspace_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_hash_unique" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "audit_log_workspace_idx" ON "audit_log" USING btree ("workspace_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "backfill_items_message_unique" ON "backfill_items" USING btree ("run_id","message_id");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_reviewers_unique" ON "campaign_reviewers" USING btree ("campaign_id","kind",lower("target"));--> statement-breakpoint
CREATE UNIQUE INDEX "campaigns_platform_external_unique" ON "campaigns" USING btree ("workspace_id","platform","external_id");--> statement-breakpoint
CREATE INDEX "decision_events_message_idx" ON "decision_events" USING btree ("message_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "drafts_message_version_unique" ON "drafts" USING btree ("message_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "followup_instances_lead_unique" ON "followup_instances" USING btree ("sequence_id","lead_id");--> statement-breakpoint
CREATE UNIQUE INDEX "followup_steps_position_unique" ON "followup_steps" USING btree ("sequence_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "leads_workspace_email_unique" ON "leads" USING btree ("workspace_id",lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "messages_provider_id_unique" ON "messages" USING btree ("workspace_id","provider_message_id");--> statement-breakpoint
CREATE INDEX "messages_thread_idx" ON "messages" USING btree ("workspace_id","thread_key","occurred_at");--> statement-breakpoint
CREATE INDEX "messages_lead_idx" ON "messages" USING btree ("lead_id","occurred_at");--> statement-breakpoint
CREATE INDEX "messages_rfc_id_idx" ON "messages" USING btree ("workspace_id","rfc_message_id");--> statement-breakpoint
CREATE INDEX "notification_deliveries_review_idx" ON "notification_deliveries" USING btree ("review_request_id","attempted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "review_notifications_unique" ON "review_notifications" USING btree ("review_request_id","target");--> statement-breakpoint
CREATE UNIQUE INDEX "review_requests_draft_unique" ON "review_requests" USING btree ("draft_id");--> statement-breakpoint
CREATE INDEX "review_requests_open_idx" ON "review_requests" USING btree ("workspace_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "send_ledger_idempotency_key_unique" ON "send_ledger" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "send_ledger_draft_idx" ON "send_ledger" USING btree ("draft_id");--> statement-breakpoint
CREATE INDEX "slot_offers_live_idx" ON "slot_offers" USING btree ("workspace_id","slot_start") WHERE "slot_offers"."status" = 'offered';--> statement-breakpoint
CREATE INDEX "slot_offers_lead_idx" ON "slot_offers" USING btree ("lead_id","slot_start");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_unique" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "workspaces_webhook_key_unique" ON "workspaces" USING btree ("webhook_key");