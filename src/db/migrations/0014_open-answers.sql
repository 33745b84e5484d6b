CREATE TABLE "answer_codings" (
	"codebook_id" integer NOT NULL,
	"municipality_code" text NOT NULL,
	"coder_id" integer NOT NULL,
	"theme_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"coded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "answer_codings_codebook_id_municipality_code_coder_id_pk" PRIMARY KEY("codebook_id","municipality_code","coder_id")
);
--> statement-breakpoint
CREATE TABLE "answer_quotes" (
	"round_id" text NOT NULL,
	"questionnaire" text NOT NULL,
	"question" smallint NOT NULL,
	"part" text NOT NULL,
	"municipality_code" text NOT NULL,
	"marked_by" integer,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "answer_quotes_round_id_questionnaire_question_part_municipality_code_pk" PRIMARY KEY("round_id","questionnaire","question","part","municipality_code")
);
--> statement-breakpoint
CREATE TABLE "answer_settlements" (
	"codebook_id" integer NOT NULL,
	"municipality_code" text NOT NULL,
	"theme_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"settled_by" integer,
	"settled_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "answer_settlements_codebook_id_municipality_code_pk" PRIMARY KEY("codebook_id","municipality_code")
);
--> statement-breakpoint
CREATE TABLE "codebook_themes" (
	"id" serial PRIMARY KEY NOT NULL,
	"codebook_id" integer NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "codebook_themes_name_filled" CHECK (length(trim("codebook_themes"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "codebooks" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" text NOT NULL,
	"questionnaire" text NOT NULL,
	"question" smallint NOT NULL,
	"part" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "answers" ADD COLUMN "text_search" "tsvector" GENERATED ALWAYS AS (to_tsvector('dutch'::regconfig, coalesce("text", ''))) STORED;--> statement-breakpoint
ALTER TABLE "answers" ADD COLUMN "note_search" "tsvector" GENERATED ALWAYS AS (to_tsvector('dutch'::regconfig, coalesce("note", ''))) STORED;--> statement-breakpoint
ALTER TABLE "rounds" ADD COLUMN "answer_key_salt" text DEFAULT md5(random()::text || clock_timestamp()::text) NOT NULL;--> statement-breakpoint
ALTER TABLE "answer_codings" ADD CONSTRAINT "answer_codings_codebook_id_codebooks_id_fk" FOREIGN KEY ("codebook_id") REFERENCES "public"."codebooks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_codings" ADD CONSTRAINT "answer_codings_coder_id_users_id_fk" FOREIGN KEY ("coder_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_quotes" ADD CONSTRAINT "answer_quotes_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_quotes" ADD CONSTRAINT "answer_quotes_marked_by_users_id_fk" FOREIGN KEY ("marked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_settlements" ADD CONSTRAINT "answer_settlements_codebook_id_codebooks_id_fk" FOREIGN KEY ("codebook_id") REFERENCES "public"."codebooks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_settlements" ADD CONSTRAINT "answer_settlements_settled_by_users_id_fk" FOREIGN KEY ("settled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "codebook_themes" ADD CONSTRAINT "codebook_themes_codebook_id_codebooks_id_fk" FOREIGN KEY ("codebook_id") REFERENCES "public"."codebooks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "codebooks" ADD CONSTRAINT "codebooks_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "codebooks" ADD CONSTRAINT "codebooks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "codebook_themes_name" ON "codebook_themes" USING btree ("codebook_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "codebooks_source" ON "codebooks" USING btree ("round_id","questionnaire","question","part");--> statement-breakpoint
CREATE INDEX "answers_text_search" ON "answers" USING gin ("text_search");--> statement-breakpoint
CREATE INDEX "answers_note_search" ON "answers" USING gin ("note_search");--> statement-breakpoint
CREATE INDEX "answers_round_texts" ON "answers" USING btree ("round_id") WHERE "answers"."text" is not null;--> statement-breakpoint
CREATE INDEX "answers_round_notes" ON "answers" USING btree ("round_id") WHERE "answers"."note" is not null;