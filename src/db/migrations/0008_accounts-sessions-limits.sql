-- Forms kept before this release belong to no account (they were kept for anyone): drop them.
DELETE FROM "pending_forms";--> statement-breakpoint
-- Counters of the old limiter have another meaning: start afresh.
DELETE FROM "login_attempts";--> statement-breakpoint
ALTER TABLE "login_attempts" ADD COLUMN "last_failure_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "login_attempts" ADD COLUMN "trusted_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "pending_forms" ADD COLUMN "user_id" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "pending_forms" ADD COLUMN "size" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "last_seen_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "pending_forms" ADD CONSTRAINT "pending_forms_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pending_forms_user_path" ON "pending_forms" USING btree ("user_id","path");