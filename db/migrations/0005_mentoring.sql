CREATE TABLE "mentor_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"group_ids" uuid[] DEFAULT '{}' NOT NULL,
	"relation" text NOT NULL,
	"child_age_years" integer,
	"region" text NOT NULL,
	"municipality" text,
	"languages" text[] NOT NULL,
	"topics" text[] NOT NULL,
	"capacity" integer NOT NULL,
	"gender" text,
	"bio" text,
	"share_note" text,
	"paused_by_mentor" boolean DEFAULT false NOT NULL,
	"paused_by_coordinator_at" timestamp with time zone,
	"pause_reason" text,
	"training_completed_at" timestamp with time zone,
	"training_note" text,
	"approved_at" timestamp with time zone,
	"approved_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentoring_blocks" (
	"user_id" uuid NOT NULL,
	"blocked_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mentoring_blocks_user_id_blocked_user_id_pk" PRIMARY KEY("user_id","blocked_user_id")
);
--> statement-breakpoint
CREATE TABLE "mentoring_check_ins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"match_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"mood" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentoring_feedback" (
	"match_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"feedback" text,
	"do_not_match_again" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mentoring_feedback_match_id_user_id_pk" PRIMARY KEY("match_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "mentoring_job_runs" (
	"match_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"ran_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mentoring_job_runs_match_id_kind_pk" PRIMARY KEY("match_id","kind")
);
--> statement-breakpoint
CREATE TABLE "mentoring_matches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"mentor_id" uuid NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"score" real,
	"proposed_by" uuid,
	"proposed_at" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone,
	"decline_reason" text,
	"accepted_at" timestamp with time zone,
	"first_contact_at" timestamp with time zone,
	"group_id" uuid,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"close_reason" text
);
--> statement-breakpoint
CREATE TABLE "mentoring_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentoring_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"requester_id" uuid NOT NULL,
	"group_id" uuid,
	"diagnosis_text" text,
	"child_age_years" integer,
	"region" text NOT NULL,
	"municipality" text,
	"languages" text[] NOT NULL,
	"topics" text[] NOT NULL,
	"in_person" boolean DEFAULT false NOT NULL,
	"same_diagnosis_required" boolean DEFAULT false NOT NULL,
	"mentor_gender" text,
	"needs" text,
	"consent_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "mentoring_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "read_only_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mentor_profiles" ADD CONSTRAINT "mentor_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_profiles" ADD CONSTRAINT "mentor_profiles_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_blocks" ADD CONSTRAINT "mentoring_blocks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_blocks" ADD CONSTRAINT "mentoring_blocks_blocked_user_id_users_id_fk" FOREIGN KEY ("blocked_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_check_ins" ADD CONSTRAINT "mentoring_check_ins_match_id_mentoring_matches_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."mentoring_matches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_check_ins" ADD CONSTRAINT "mentoring_check_ins_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_feedback" ADD CONSTRAINT "mentoring_feedback_match_id_mentoring_matches_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."mentoring_matches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_feedback" ADD CONSTRAINT "mentoring_feedback_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_job_runs" ADD CONSTRAINT "mentoring_job_runs_match_id_mentoring_matches_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."mentoring_matches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_matches" ADD CONSTRAINT "mentoring_matches_request_id_mentoring_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."mentoring_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_matches" ADD CONSTRAINT "mentoring_matches_mentor_id_users_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_matches" ADD CONSTRAINT "mentoring_matches_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_matches" ADD CONSTRAINT "mentoring_matches_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_matches" ADD CONSTRAINT "mentoring_matches_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_notes" ADD CONSTRAINT "mentoring_notes_request_id_mentoring_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."mentoring_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_notes" ADD CONSTRAINT "mentoring_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_requests" ADD CONSTRAINT "mentoring_requests_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_requests" ADD CONSTRAINT "mentoring_requests_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_settings" ADD CONSTRAINT "mentoring_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mentoring_check_ins_match_idx" ON "mentoring_check_ins" USING btree ("match_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "mentoring_matches_open_key" ON "mentoring_matches" USING btree ("request_id") WHERE "mentoring_matches"."status" in ('proposed', 'active');--> statement-breakpoint
CREATE INDEX "mentoring_matches_mentor_idx" ON "mentoring_matches" USING btree ("mentor_id","status");--> statement-breakpoint
CREATE INDEX "mentoring_matches_status_idx" ON "mentoring_matches" USING btree ("status");--> statement-breakpoint
CREATE INDEX "mentoring_notes_request_idx" ON "mentoring_notes" USING btree ("request_id","created_at");--> statement-breakpoint
CREATE INDEX "mentoring_requests_status_idx" ON "mentoring_requests" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "mentoring_requests_requester_idx" ON "mentoring_requests" USING btree ("requester_id");