-- Follow-up sequences: steps with delays, channels, templates and approval;
-- instances that say why they are paused and until when; a history of every
-- transition; follow-up sends in the same send ledger as replies.
ALTER TYPE "public"."followup_status" RENAME VALUE 'stopped' TO 'cancelled';--> statement-breakpoint
ALTER TYPE "public"."pause_reason" ADD VALUE IF NOT EXISTS 'out_of_office';--> statement-breakpoint
ALTER TYPE "public"."pause_reason" ADD VALUE IF NOT EXISTS 'lead_snoozed';--> statement-breakpoint
ALTER TYPE "public"."pause_reason" ADD VALUE IF NOT EXISTS 'missing_lead_data';--> statement-breakpoint
ALTER TYPE "public"."pause_reason" ADD VALUE IF NOT EXISTS 'send_uncertain';--> statement-breakpoint
CREATE TYPE "public"."followup_delay_unit" AS ENUM('business_days', 'hours');--> statement-breakpoint
ALTER TABLE "followup_sequences" ADD COLUMN "ghost_days" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "followup_sequences" ADD COLUMN "ooo_default_days" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "followup_sequences" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "followup_sequences" ADD CONSTRAINT "followup_sequences_name_not_blank" CHECK (btrim("followup_sequences"."name") <> '');--> statement-breakpoint
ALTER TABLE "followup_sequences" ADD CONSTRAINT "followup_sequences_periods" CHECK ("followup_sequences"."ghost_days" between 1 and 365 and "followup_sequences"."ooo_default_days" between 1 and 365);--> statement-breakpoint
CREATE UNIQUE INDEX "followup_sequences_campaign_name_unique" ON "followup_sequences" USING btree ("campaign_id",lower("name"));--> statement-breakpoint
ALTER TABLE "followup_steps" DROP CONSTRAINT "followup_steps_delay";--> statement-breakpoint
ALTER TABLE "followup_steps" DROP COLUMN "delay_seconds";--> statement-breakpoint
ALTER TABLE "followup_steps" ADD COLUMN "delay_amount" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "followup_steps" ADD COLUMN "delay_unit" "followup_delay_unit" DEFAULT 'business_days' NOT NULL;--> statement-breakpoint
ALTER TABLE "followup_steps" ADD COLUMN "channel" "message_channel" DEFAULT 'email' NOT NULL;--> statement-breakpoint
ALTER TABLE "followup_steps" ADD COLUMN "subject" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "followup_steps" ADD COLUMN "needs_approval" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "followup_steps" ADD CONSTRAINT "followup_steps_delay" CHECK ("followup_steps"."delay_amount" between 0 and 3650);--> statement-breakpoint
ALTER TABLE "followup_steps" ADD CONSTRAINT "followup_steps_position_positive" CHECK ("followup_steps"."position" >= 1);--> statement-breakpoint
ALTER TABLE "followup_steps" ADD CONSTRAINT "followup_steps_body_not_blank" CHECK (btrim("followup_steps"."body") <> '');--> statement-breakpoint
ALTER TABLE "followup_instances" DROP CONSTRAINT "followup_instances_stop_reason";--> statement-breakpoint
ALTER TABLE "followup_instances" ADD CONSTRAINT "followup_instances_stop_reason" CHECK (("followup_instances"."status" in ('completed', 'cancelled')) = ("followup_instances"."stop_reason" is not null));--> statement-breakpoint
ALTER TABLE "followup_instances" ADD COLUMN "paused_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "followup_instances" ADD COLUMN "paused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "followup_instances" ADD COLUMN "pause_detail" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "followup_instances" ADD COLUMN "approved_step" integer;--> statement-breakpoint
ALTER TABLE "followup_instances" ADD COLUMN "last_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "followup_instances" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "followup_instances" ADD COLUMN "last_error_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "followup_instances" ADD COLUMN "enrolled_by" text DEFAULT 'hand' NOT NULL;--> statement-breakpoint
ALTER TABLE "followup_instances" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "followup_instances" ADD CONSTRAINT "followup_instances_paused_until" CHECK ("followup_instances"."paused_until" is null or "followup_instances"."status" = 'paused');--> statement-breakpoint
CREATE INDEX "followup_instances_due_idx" ON "followup_instances" USING btree ("next_run_at") WHERE "followup_instances"."status" = 'active';--> statement-breakpoint
CREATE INDEX "followup_instances_lead_idx" ON "followup_instances" USING btree ("lead_id");--> statement-breakpoint
CREATE TABLE "followup_transitions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"instance_id" uuid NOT NULL,
	"from_status" "followup_status",
	"from_reason" text,
	"to_status" "followup_status" NOT NULL,
	"to_reason" text,
	"cause" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
ALTER TABLE "followup_transitions" ADD CONSTRAINT "followup_transitions_instance_id_followup_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."followup_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "followup_transitions_instance_idx" ON "followup_transitions" USING btree ("instance_id","id");--> statement-breakpoint
ALTER TABLE "send_ledger" ALTER COLUMN "draft_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "send_ledger" ADD COLUMN "followup_instance_id" uuid;--> statement-breakpoint
ALTER TABLE "send_ledger" ADD COLUMN "followup_step" integer;--> statement-breakpoint
ALTER TABLE "send_ledger" ADD CONSTRAINT "send_ledger_followup_instance_id_followup_instances_id_fk" FOREIGN KEY ("followup_instance_id") REFERENCES "public"."followup_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "send_ledger" ADD CONSTRAINT "send_ledger_one_subject" CHECK (("send_ledger"."draft_id" is null) <> ("send_ledger"."followup_instance_id" is null) and ("send_ledger"."followup_instance_id" is null) = ("send_ledger"."followup_step" is null));--> statement-breakpoint
CREATE INDEX "send_ledger_followup_idx" ON "send_ledger" USING btree ("followup_instance_id");
