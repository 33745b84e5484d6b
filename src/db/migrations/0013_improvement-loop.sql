CREATE TABLE "advice_action_comments" (
	"id" serial PRIMARY KEY NOT NULL,
	"action_id" integer NOT NULL,
	"author_id" integer,
	"author_name" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "advice_actions" (
	"id" serial PRIMARY KEY NOT NULL,
	"talk_id" integer NOT NULL,
	"questionnaire" text NOT NULL,
	"basisfunctie" text NOT NULL,
	"description" text NOT NULL,
	"activity" text,
	"owner" text DEFAULT '' NOT NULL,
	"due_on" date,
	"status" text DEFAULT 'planned' NOT NULL,
	"status_reason" text,
	"status_changed_at" timestamp with time zone,
	"position" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" integer,
	"updated_by_name" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "advice_actions_dropped_reason" CHECK ("advice_actions"."status" <> 'dropped' or coalesce("advice_actions"."status_reason", '') <> '')
);
--> statement-breakpoint
CREATE TABLE "advice_talk_topics" (
	"talk_id" integer NOT NULL,
	"questionnaire" text NOT NULL,
	"basisfunctie" text NOT NULL,
	"points" text NOT NULL,
	CONSTRAINT "advice_talk_topics_talk_id_questionnaire_basisfunctie_pk" PRIMARY KEY("talk_id","questionnaire","basisfunctie")
);
--> statement-breakpoint
CREATE TABLE "advice_talks" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" text NOT NULL,
	"municipality_code" text NOT NULL,
	"held_on" date NOT NULL,
	"start_time" text,
	"duration_minutes" integer,
	"location" text,
	"participants" text DEFAULT '' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"calendar_uid" text NOT NULL,
	"calendar_sequence" integer DEFAULT 0 NOT NULL,
	"invited_at" timestamp with time zone,
	"created_by" integer,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	"updated_by_name" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "digest_deliveries" (
	"week" text NOT NULL,
	"user_id" integer NOT NULL,
	"actions" integer NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "digest_deliveries_week_user_id_pk" PRIMARY KEY("week","user_id")
);
--> statement-breakpoint
CREATE TABLE "wmo_plans" (
	"round_id" text NOT NULL,
	"municipality_code" text NOT NULL,
	"included" text NOT NULL,
	"period_from" integer,
	"period_to" integer,
	"title" text DEFAULT '' NOT NULL,
	"url" text,
	"basisfuncties" text[] DEFAULT '{}'::text[] NOT NULL,
	"source" text DEFAULT 'form' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" integer,
	"updated_by_name" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_by" integer,
	"confirmed_by_name" text,
	"confirmed_at" timestamp with time zone,
	CONSTRAINT "wmo_plans_round_id_municipality_code_pk" PRIMARY KEY("round_id","municipality_code"),
	CONSTRAINT "wmo_plans_period" CHECK ("wmo_plans"."period_from" is null or "wmo_plans"."period_to" is null or "wmo_plans"."period_from" <= "wmo_plans"."period_to")
);
--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "attachments" jsonb;--> statement-breakpoint
ALTER TABLE "rounds" ADD COLUMN "wmo_plan_target" double precision DEFAULT 75 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "weekly_digest" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "advice_action_comments" ADD CONSTRAINT "advice_action_comments_action_id_advice_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."advice_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_action_comments" ADD CONSTRAINT "advice_action_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_actions" ADD CONSTRAINT "advice_actions_talk_id_advice_talks_id_fk" FOREIGN KEY ("talk_id") REFERENCES "public"."advice_talks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_actions" ADD CONSTRAINT "advice_actions_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_talk_topics" ADD CONSTRAINT "advice_talk_topics_talk_id_advice_talks_id_fk" FOREIGN KEY ("talk_id") REFERENCES "public"."advice_talks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_talks" ADD CONSTRAINT "advice_talks_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_talks" ADD CONSTRAINT "advice_talks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_talks" ADD CONSTRAINT "advice_talks_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_deliveries" ADD CONSTRAINT "digest_deliveries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wmo_plans" ADD CONSTRAINT "wmo_plans_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wmo_plans" ADD CONSTRAINT "wmo_plans_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wmo_plans" ADD CONSTRAINT "wmo_plans_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "advice_action_comments_action" ON "advice_action_comments" USING btree ("action_id","created_at");--> statement-breakpoint
CREATE INDEX "advice_actions_talk" ON "advice_actions" USING btree ("talk_id");--> statement-breakpoint
CREATE INDEX "advice_actions_due" ON "advice_actions" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "advice_talks_municipality" ON "advice_talks" USING btree ("municipality_code","held_on");--> statement-breakpoint
CREATE INDEX "advice_talks_round" ON "advice_talks" USING btree ("round_id");--> statement-breakpoint
CREATE UNIQUE INDEX "advice_talks_calendar_uid" ON "advice_talks" USING btree ("calendar_uid");--> statement-breakpoint
ALTER TABLE "rounds" ADD CONSTRAINT "rounds_wmo_plan_target" CHECK ("rounds"."wmo_plan_target" >= 0 and "rounds"."wmo_plan_target" <= 100);