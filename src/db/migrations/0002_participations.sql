CREATE TABLE "participations" (
	"round_id" text NOT NULL,
	"municipality_code" text NOT NULL,
	"status" text NOT NULL,
	"reason" text NOT NULL,
	"reason_text" text,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "participations_round_id_municipality_code_pk" PRIMARY KEY("round_id","municipality_code")
);
--> statement-breakpoint
ALTER TABLE "participations" ADD CONSTRAINT "participations_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;