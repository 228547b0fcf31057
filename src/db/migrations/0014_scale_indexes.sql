-- Indexes found by bench/scale (issue 16, a million messages): each serves a
-- hot path that was beyond 2x of the empty database once seeded. The queries
-- are in test/integration/hot-query-plans.test.ts.
--
-- Plain CREATE INDEX (not CONCURRENTLY): migrations run in a transaction. On a
-- large existing database, run this migration in a quiet window.

-- explain by lead email (explain/explain-reply.ts) matches lower(email) without
-- the workspace leading: leads_workspace_email_unique cannot serve it.
CREATE INDEX IF NOT EXISTS "leads_email_lower_idx" ON "leads" USING btree (lower("email"));--> statement-breakpoint
-- The review list of every status, newest first (admin/list-activity.ts
-- listReviews without status): review_requests_open_idx has status second.
CREATE INDEX IF NOT EXISTS "review_requests_workspace_created_idx" ON "review_requests" USING btree ("workspace_id","created_at","id");
