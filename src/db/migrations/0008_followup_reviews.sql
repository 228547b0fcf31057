-- A review request is for a reply's draft or for a follow-up step awaiting approval.
ALTER TABLE "review_requests" ALTER COLUMN "draft_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "review_requests" ADD COLUMN "followup_instance_id" uuid REFERENCES "followup_instances"("id") ON DELETE cascade;--> statement-breakpoint
ALTER TABLE "review_requests" ADD COLUMN "followup_step" integer;--> statement-breakpoint
ALTER TABLE "review_requests" ADD CONSTRAINT "review_requests_one_subject" CHECK (("draft_id" is null) <> ("followup_instance_id" is null) and ("followup_instance_id" is null) = ("followup_step" is null));--> statement-breakpoint
-- One OPEN review per follow-up step: a step held again after a superseded review gets a new one.
CREATE UNIQUE INDEX "review_requests_followup_open_unique" ON "review_requests" ("followup_instance_id","followup_step") WHERE "followup_instance_id" is not null and "status" = 'open';
