CREATE TABLE "programme_cohorts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"coordinator_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"cohort_id" uuid,
	"association_id" uuid,
	"family_label" text,
	"status" text DEFAULT 'active' NOT NULL,
	"enrolled_at" timestamp with time zone NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"paused_at" timestamp with time zone,
	"left_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	CONSTRAINT "programme_enrolments_status_check" CHECK ("programme_enrolments"."status" in ('active', 'paused', 'left', 'completed'))
);
--> statement-breakpoint
CREATE TABLE "programme_evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"phase" text NOT NULL,
	"answers" jsonb NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "programme_evaluations_phase_check" CHECK ("programme_evaluations"."phase" in ('before', 'after', 'follow_up'))
);
--> statement-breakpoint
CREATE TABLE "programme_progress" (
	"enrolment_id" uuid NOT NULL,
	"step_id" uuid NOT NULL,
	"done_at" timestamp with time zone NOT NULL,
	"how" text NOT NULL,
	"confirmed_by" uuid,
	CONSTRAINT "programme_progress_enrolment_id_step_id_pk" PRIMARY KEY("enrolment_id","step_id"),
	CONSTRAINT "programme_progress_how_check" CHECK ("programme_progress"."how" in ('read', 'marked_done', 'attended', 'confirmed'))
);
--> statement-breakpoint
CREATE TABLE "programme_reminders" (
	"enrolment_id" uuid NOT NULL,
	"step_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "programme_reminders_enrolment_id_step_id_kind_pk" PRIMARY KEY("enrolment_id","step_id","kind")
);
--> statement-breakpoint
CREATE TABLE "programme_step_resources" (
	"step_id" uuid NOT NULL,
	"resource_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "programme_step_resources_step_id_resource_id_pk" PRIMARY KEY("step_id","resource_id")
);
--> statement-breakpoint
CREATE TABLE "programme_step_webinars" (
	"step_id" uuid NOT NULL,
	"webinar_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "programme_step_webinars_step_id_webinar_id_pk" PRIMARY KEY("step_id","webinar_id")
);
--> statement-breakpoint
CREATE TABLE "programme_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"completion" text NOT NULL,
	"opens_rule" text DEFAULT 'after_previous' NOT NULL,
	"opens_after_days" integer,
	"opens_on" date,
	"due_after_days" integer DEFAULT 7 NOT NULL,
	"group_id" uuid,
	"place" text,
	"starts_at" timestamp with time zone,
	"webinar_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_steps_kind_check" CHECK ("programme_steps"."kind" in ('read', 'join_group', 'attend_webinar', 'meeting', 'meet_mentor')),
	CONSTRAINT "programme_steps_completion_check" CHECK ("programme_steps"."completion" in ('read', 'marked_done', 'attended', 'confirmed')),
	CONSTRAINT "programme_steps_opens_rule_check" CHECK ("programme_steps"."opens_rule" in ('at_once', 'after_previous', 'days_after_enrolling', 'on_date')),
	CONSTRAINT "programme_steps_opening_check" CHECK (("programme_steps"."opens_rule" <> 'days_after_enrolling' or "programme_steps"."opens_after_days" is not null) and ("programme_steps"."opens_rule" <> 'on_date' or "programme_steps"."opens_on" is not null)),
	CONSTRAINT "programme_steps_due_check" CHECK ("programme_steps"."due_after_days" > 0)
);
--> statement-breakpoint
CREATE TABLE "programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"owner_id" uuid,
	"association_id" uuid,
	"final_group_id" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programmes_status_check" CHECK ("programmes"."status" in ('draft', 'open', 'closed'))
);
--> statement-breakpoint
ALTER TABLE "programme_cohorts" ADD CONSTRAINT "programme_cohorts_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_cohorts" ADD CONSTRAINT "programme_cohorts_coordinator_id_users_id_fk" FOREIGN KEY ("coordinator_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_enrolments" ADD CONSTRAINT "programme_enrolments_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_enrolments" ADD CONSTRAINT "programme_enrolments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_enrolments" ADD CONSTRAINT "programme_enrolments_cohort_id_programme_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."programme_cohorts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_enrolments" ADD CONSTRAINT "programme_enrolments_association_id_organisations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_evaluations" ADD CONSTRAINT "programme_evaluations_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_evaluations" ADD CONSTRAINT "programme_evaluations_enrolment_id_programme_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."programme_enrolments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_progress" ADD CONSTRAINT "programme_progress_enrolment_id_programme_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."programme_enrolments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_progress" ADD CONSTRAINT "programme_progress_step_id_programme_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."programme_steps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_progress" ADD CONSTRAINT "programme_progress_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_reminders" ADD CONSTRAINT "programme_reminders_enrolment_id_programme_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."programme_enrolments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_reminders" ADD CONSTRAINT "programme_reminders_step_id_programme_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."programme_steps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_step_resources" ADD CONSTRAINT "programme_step_resources_step_id_programme_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."programme_steps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_step_resources" ADD CONSTRAINT "programme_step_resources_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_step_webinars" ADD CONSTRAINT "programme_step_webinars_step_id_programme_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."programme_steps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_step_webinars" ADD CONSTRAINT "programme_step_webinars_webinar_id_webinars_id_fk" FOREIGN KEY ("webinar_id") REFERENCES "public"."webinars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_steps" ADD CONSTRAINT "programme_steps_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_steps" ADD CONSTRAINT "programme_steps_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_steps" ADD CONSTRAINT "programme_steps_webinar_id_webinars_id_fk" FOREIGN KEY ("webinar_id") REFERENCES "public"."webinars"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_association_id_organisations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_final_group_id_groups_id_fk" FOREIGN KEY ("final_group_id") REFERENCES "public"."groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "programme_cohorts_programme_idx" ON "programme_cohorts" USING btree ("programme_id","starts_on");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_enrolments_person_key" ON "programme_enrolments" USING btree ("programme_id","user_id");--> statement-breakpoint
CREATE INDEX "programme_enrolments_user_idx" ON "programme_enrolments" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_evaluations_phase_key" ON "programme_evaluations" USING btree ("enrolment_id","phase");--> statement-breakpoint
CREATE INDEX "programme_evaluations_programme_idx" ON "programme_evaluations" USING btree ("programme_id","phase");--> statement-breakpoint
CREATE INDEX "programme_steps_programme_idx" ON "programme_steps" USING btree ("programme_id","position");--> statement-breakpoint
CREATE INDEX "programmes_status_idx" ON "programmes" USING btree ("status");