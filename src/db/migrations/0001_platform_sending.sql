CREATE TYPE "public"."sending_connection_kind" AS ENUM('smartlead', 'instantly', 'emailbison', 'smtp', 'outbox');--> statement-breakpoint
CREATE TABLE "sending_connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kind" "sending_connection_kind" NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"credentials_sealed" text,
	"last_checked_at" timestamp with time zone,
	"last_check_ok" boolean,
	"last_error_code" text,
	"last_error" text,
	"last_sync_at" timestamp with time zone,
	"last_sync_error" text,
	"last_reconcile_at" timestamp with time zone,
	"last_reconcile_recovered" integer,
	"last_reconcile_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sending_connections_credentials" CHECK (("kind" = 'outbox') = ("credentials_sealed" is null)),
	CONSTRAINT "sending_connections_check_error" CHECK (coalesce("last_check_ok", true) or "last_error_code" is not null)
);
--> statement-breakpoint
ALTER TABLE "sending_connections" ADD CONSTRAINT "sending_connections_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sending_connections_workspace_kind_unique" ON "sending_connections" USING btree ("workspace_id","kind");
