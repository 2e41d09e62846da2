CREATE TABLE "page_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"locale" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"reason" text NOT NULL,
	"requires_consent" boolean DEFAULT false NOT NULL,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "page_versions_slug_check" CHECK ("page_versions"."slug" in ('terms', 'privacy', 'help')),
	CONSTRAINT "page_versions_locale_check" CHECK ("page_versions"."locale" in ('da', 'en'))
);
--> statement-breakpoint
ALTER TABLE "page_versions" ADD CONSTRAINT "page_versions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "page_versions_slug_version_key" ON "page_versions" USING btree ("slug","version");--> statement-breakpoint
CREATE INDEX "page_versions_slug_locale_idx" ON "page_versions" USING btree ("slug","locale","version");