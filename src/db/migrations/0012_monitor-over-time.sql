CREATE TABLE "instrument_versions" (
	"version" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"derived_from" text,
	"definition" jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"frozen_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "answer_revisions" ADD COLUMN "prefilled_from" text;--> statement-breakpoint
ALTER TABLE "answer_revisions" ADD COLUMN "confirmed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "answers" ADD COLUMN "prefilled_from" text;--> statement-breakpoint
ALTER TABLE "answers" ADD COLUMN "confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "answers" ADD COLUMN "confirmed_by" integer;--> statement-breakpoint
ALTER TABLE "municipality_successors" ADD COLUMN "overlay_primary_share" double precision;--> statement-breakpoint
ALTER TABLE "rounds" ADD COLUMN "previous_round_id" text;--> statement-breakpoint
ALTER TABLE "rounds" ADD COLUMN "prefill" boolean DEFAULT false NOT NULL;