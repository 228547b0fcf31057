CREATE TABLE "suppressions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid,
	"address_hash" text NOT NULL,
	"created_by" text NOT NULL,
	"refused_count" integer DEFAULT 0 NOT NULL,
	"last_refused_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suppressions_hash_form" CHECK ("address_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "suppressions" ADD CONSTRAINT "suppressions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "suppressions_scope_hash_unique" ON "suppressions" USING btree (coalesce("workspace_id", '00000000-0000-0000-0000-000000000000'::uuid),"address_hash");--> statement-breakpoint
CREATE INDEX "suppressions_hash_idx" ON "suppressions" USING btree ("address_hash");--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "content_purged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "drafts" ADD COLUMN "content_purged_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "messages_retention_idx" ON "messages" USING btree ("occurred_at") WHERE "content_purged_at" IS NULL;--> statement-breakpoint
CREATE INDEX "drafts_retention_idx" ON "drafts" USING btree ("created_at") WHERE "content_purged_at" IS NULL;
