CREATE TABLE "answer_revisions" (
	"round_id" text NOT NULL,
	"municipality_code" text NOT NULL,
	"questionnaire" text NOT NULL,
	"question" smallint NOT NULL,
	"revision" integer NOT NULL,
	"points" smallint,
	"options" text[],
	"text" text,
	"note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	CONSTRAINT "answer_revisions_round_id_municipality_code_questionnaire_question_revision_pk" PRIMARY KEY("round_id","municipality_code","questionnaire","question","revision")
);
--> statement-breakpoint
ALTER TABLE "answers" DROP CONSTRAINT "answers_value_or_note";--> statement-breakpoint
ALTER TABLE "answer_revisions" ADD CONSTRAINT "answer_revisions_response_fk" FOREIGN KEY ("round_id","municipality_code","questionnaire") REFERENCES "public"."responses"("round_id","municipality_code","questionnaire") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- The revisions stored so far become the first entries of the history.
INSERT INTO "answer_revisions" ("round_id", "municipality_code", "questionnaire", "question", "revision", "points", "options", "text", "note", "updated_at", "updated_by")
SELECT "round_id", "municipality_code", "questionnaire", "question", "revision", "points", "options", "text", "note", "updated_at", "updated_by" FROM "answers";
