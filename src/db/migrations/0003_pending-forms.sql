CREATE TABLE "pending_forms" (
	"id" text PRIMARY KEY NOT NULL,
	"path" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
