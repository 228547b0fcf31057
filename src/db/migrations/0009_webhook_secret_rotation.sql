ALTER TABLE "workspaces" ADD COLUMN "webhook_secret_previous" text;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "webhook_secret_previous_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "workspaces" ADD CONSTRAINT "workspaces_previous_secret_has_deadline" CHECK (("webhook_secret_previous" IS NULL) = ("webhook_secret_previous_until" IS NULL));
