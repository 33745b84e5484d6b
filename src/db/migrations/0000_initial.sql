CREATE TABLE "advisor_provinces" (
	"user_id" integer NOT NULL,
	"province_code" text NOT NULL,
	CONSTRAINT "advisor_provinces_user_id_province_code_pk" PRIMARY KEY("user_id","province_code")
);
--> statement-breakpoint
CREATE TABLE "answers" (
	"round_id" text NOT NULL,
	"municipality_code" text NOT NULL,
	"questionnaire" text NOT NULL,
	"question" smallint NOT NULL,
	"points" smallint,
	"options" text[],
	"text" text,
	"note" text,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	CONSTRAINT "answers_round_id_municipality_code_questionnaire_question_pk" PRIMARY KEY("round_id","municipality_code","questionnaire","question"),
	CONSTRAINT "answers_points_range" CHECK ("answers"."points" between 1 and 3),
	CONSTRAINT "answers_one_value" CHECK (num_nonnulls("answers"."points", "answers"."options", "answers"."text") <= 1),
	CONSTRAINT "answers_value_or_note" CHECK (num_nonnulls("answers"."points", "answers"."options", "answers"."text", "answers"."note") >= 1)
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" integer,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"round_id" text,
	"municipality_code" text,
	"subject" text NOT NULL,
	"old_value" jsonb,
	"new_value" jsonb
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"window_start" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "municipalities" (
	"register_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"province_code" text NOT NULL,
	"province_name" text NOT NULL,
	"population" integer,
	"g4" boolean DEFAULT false NOT NULL,
	"g27" boolean DEFAULT false NOT NULL,
	CONSTRAINT "municipalities_register_id_code_pk" PRIMARY KEY("register_id","code")
);
--> statement-breakpoint
CREATE TABLE "municipality_successors" (
	"code_2009" text PRIMARY KEY NOT NULL,
	"successor_code" text NOT NULL,
	"relation" text NOT NULL,
	"all_successor_codes" text[] NOT NULL,
	"dissolved_on" date
);
--> statement-breakpoint
CREATE TABLE "registers" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"reference_date" date NOT NULL,
	"population_date" date,
	"source" text NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "responses" (
	"round_id" text NOT NULL,
	"municipality_code" text NOT NULL,
	"questionnaire" text NOT NULL,
	"scale_vector" text NOT NULL,
	"choice_vector" text DEFAULT '' NOT NULL,
	"answer_count" integer DEFAULT 0 NOT NULL,
	"submitted_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "responses_round_id_municipality_code_questionnaire_pk" PRIMARY KEY("round_id","municipality_code","questionnaire"),
	CONSTRAINT "responses_scale_vector_digits" CHECK ("responses"."scale_vector" ~ '^[0-3]*$'),
	CONSTRAINT "responses_choice_vector_format" CHECK ("responses"."choice_vector" ~ '^[0-9a-f.]*$')
);
--> statement-breakpoint
CREATE TABLE "rounds" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"instrument_version" text NOT NULL,
	"register_id" text NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'closed' NOT NULL,
	"opens_on" date,
	"closes_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"municipality_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone,
	CONSTRAINT "users_municipality_role" CHECK (("users"."role" = 'municipality') = ("users"."municipality_code" is not null))
);
--> statement-breakpoint
ALTER TABLE "advisor_provinces" ADD CONSTRAINT "advisor_provinces_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_response_fk" FOREIGN KEY ("round_id","municipality_code","questionnaire") REFERENCES "public"."responses"("round_id","municipality_code","questionnaire") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipalities" ADD CONSTRAINT "municipalities_register_id_registers_id_fk" FOREIGN KEY ("register_id") REFERENCES "public"."registers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rounds" ADD CONSTRAINT "rounds_register_id_registers_id_fk" FOREIGN KEY ("register_id") REFERENCES "public"."registers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "answers_round_question" ON "answers" USING btree ("round_id","questionnaire","question");--> statement-breakpoint
CREATE INDEX "audit_events_municipality" ON "audit_events" USING btree ("round_id","municipality_code","at");--> statement-breakpoint
CREATE INDEX "sessions_user" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email" ON "users" USING btree ("email");