CREATE TABLE "digest_runs" (
	"user_id" uuid NOT NULL,
	"period" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"items" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "digest_runs_user_id_period_pk" PRIMARY KEY("user_id","period"),
	CONSTRAINT "digest_runs_period_check" CHECK ("digest_runs"."period" ~ '^(day|week):')
);
--> statement-breakpoint
CREATE TABLE "push_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"endpoint" text NOT NULL,
	"p256dh" text NOT NULL,
	"auth" text NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_success_at" timestamp with time zone,
	"failing_since" timestamp with time zone,
	"failure_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "push_subscriptions_endpoint_unique" UNIQUE("endpoint")
);
--> statement-breakpoint
CREATE TABLE "server_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_activity" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"active_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "user_preferences" ALTER COLUMN "email_notification_types" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "user_preferences" ALTER COLUMN "email_notification_types" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "html" text;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "headers" jsonb;--> statement-breakpoint
ALTER TABLE "user_preferences" ADD COLUMN "notification_channels" jsonb DEFAULT '{"mention":["push","mail"],"reply":["push"],"direct":["push","mail"],"mentorship":["push","mail"],"call":["push"],"event":["push","mail"],"membership":["push","mail"],"moderation":["push","mail"],"account":["push","mail"]}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "user_preferences" ADD COLUMN "digest" text DEFAULT 'off' NOT NULL;--> statement-breakpoint
ALTER TABLE "user_preferences" ADD COLUMN "digest_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "user_preferences" ADD COLUMN "quiet_hours_start" smallint;--> statement-breakpoint
ALTER TABLE "user_preferences" ADD COLUMN "quiet_hours_end" smallint;--> statement-breakpoint
ALTER TABLE "user_preferences" ADD COLUMN "time_zone" text DEFAULT 'Europe/Copenhagen' NOT NULL;--> statement-breakpoint
ALTER TABLE "user_preferences" ADD COLUMN "push_previews" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "digest_runs" ADD CONSTRAINT "digest_runs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_activity" ADD CONSTRAINT "user_activity_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "push_subscriptions_user_idx" ON "push_subscriptions" USING btree ("user_id");--> statement-breakpoint
-- Whoever chose which notifications to mail keeps that choice: mail stays on where the old list had the type.
UPDATE "user_preferences" SET "notification_channels" = "notification_channels" || jsonb_build_object(
	'mention', CASE WHEN 'mention' = ANY("email_notification_types") THEN '["push","mail"]'::jsonb ELSE '["push"]'::jsonb END,
	'reply', CASE WHEN 'reply' = ANY("email_notification_types") THEN '["push","mail"]'::jsonb ELSE '["push"]'::jsonb END,
	'direct', CASE WHEN 'direct.request' = ANY("email_notification_types") THEN '["push","mail"]'::jsonb ELSE '["push"]'::jsonb END,
	'membership', CASE WHEN "email_notification_types" && ARRAY['join_request.approved', 'join_request.declined', 'membership.added'] THEN '["push","mail"]'::jsonb ELSE '["push"]'::jsonb END
) WHERE "email_notification_types" IS NOT NULL;
