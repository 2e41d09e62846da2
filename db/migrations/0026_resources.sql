CREATE TABLE "association_editors" (
	"association_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "association_editors_association_id_user_id_pk" PRIMARY KEY("association_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "resources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body" text,
	"url" text,
	"file_id" uuid,
	"topic" text NOT NULL,
	"audiences" text[] NOT NULL,
	"scope_type" text NOT NULL,
	"association_id" uuid,
	"group_id" uuid,
	"region" text,
	"valid_year" integer,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"language" text DEFAULT 'da' NOT NULL,
	"owner_id" uuid,
	"public" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'published' NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_reason" text,
	"last_checked_on" date NOT NULL,
	"review_due_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('danish'::regconfig, title || ' ' || summary || ' ' || coalesce(body, '')) || to_tsvector('english'::regconfig, title || ' ' || summary || ' ' || coalesce(body, ''))) STORED,
	"search_folded" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('danish'::regconfig, replace(replace(replace(translate(replace(replace(replace(replace(replace(replace(replace(replace(replace(normalize(lower(coalesce(title, '')), NFC), 'æ', 'ae'), 'Æ', 'ae'), 'ø', 'oe'), 'Ø', 'oe'), 'å', 'aa'), 'Å', 'aa'), 'œ', 'oe'), 'Œ', 'oe'), 'ß', 'ss'), 'àáâãäāăąÀÁÂÃÄĀĂĄçćčÇĆČďđĎĐèéêëēėęěÈÉÊËĒĖĘĚğĞìíîïīįÌÍÎÏĪĮłŁñńňÑŃŇòóôõöōőÒÓÔÕÖŌŐřŘśšşŚŠŞťŤùúûüūůűÙÚÛÜŪŮŰýÿÝŸźżžŹŻŽ', 'aaaaaaaaaaaaaaaaccccccddddeeeeeeeeeeeeeeeeggiiiiiiiiiiiillnnnnnnoooooooooooooorrssssssttuuuuuuuuuuuuuuyyyyzzzzzz'), 'ae', 'e'), 'oe', 'o'), 'aa', 'a')), 'A') || setweight(to_tsvector('simple'::regconfig, replace(replace(replace(translate(replace(replace(replace(replace(replace(replace(replace(replace(replace(normalize(lower(coalesce(title, '')), NFC), 'æ', 'ae'), 'Æ', 'ae'), 'ø', 'oe'), 'Ø', 'oe'), 'å', 'aa'), 'Å', 'aa'), 'œ', 'oe'), 'Œ', 'oe'), 'ß', 'ss'), 'àáâãäāăąÀÁÂÃÄĀĂĄçćčÇĆČďđĎĐèéêëēėęěÈÉÊËĒĖĘĚğĞìíîïīįÌÍÎÏĪĮłŁñńňÑŃŇòóôõöōőÒÓÔÕÖŌŐřŘśšşŚŠŞťŤùúûüūůűÙÚÛÜŪŮŰýÿÝŸźżžŹŻŽ', 'aaaaaaaaaaaaaaaaccccccddddeeeeeeeeeeeeeeeeggiiiiiiiiiiiillnnnnnnoooooooooooooorrssssssttuuuuuuuuuuuuuuyyyyzzzzzz'), 'ae', 'e'), 'oe', 'o'), 'aa', 'a')), 'A') || setweight(to_tsvector('danish'::regconfig, replace(replace(replace(translate(replace(replace(replace(replace(replace(replace(replace(replace(replace(normalize(lower(coalesce(summary, '')), NFC), 'æ', 'ae'), 'Æ', 'ae'), 'ø', 'oe'), 'Ø', 'oe'), 'å', 'aa'), 'Å', 'aa'), 'œ', 'oe'), 'Œ', 'oe'), 'ß', 'ss'), 'àáâãäāăąÀÁÂÃÄĀĂĄçćčÇĆČďđĎĐèéêëēėęěÈÉÊËĒĖĘĚğĞìíîïīįÌÍÎÏĪĮłŁñńňÑŃŇòóôõöōőÒÓÔÕÖŌŐřŘśšşŚŠŞťŤùúûüūůűÙÚÛÜŪŮŰýÿÝŸźżžŹŻŽ', 'aaaaaaaaaaaaaaaaccccccddddeeeeeeeeeeeeeeeeggiiiiiiiiiiiillnnnnnnoooooooooooooorrssssssttuuuuuuuuuuuuuuyyyyzzzzzz'), 'ae', 'e'), 'oe', 'o'), 'aa', 'a')), 'B') || setweight(to_tsvector('simple'::regconfig, replace(replace(replace(translate(replace(replace(replace(replace(replace(replace(replace(replace(replace(normalize(lower(coalesce(summary, '')), NFC), 'æ', 'ae'), 'Æ', 'ae'), 'ø', 'oe'), 'Ø', 'oe'), 'å', 'aa'), 'Å', 'aa'), 'œ', 'oe'), 'Œ', 'oe'), 'ß', 'ss'), 'àáâãäāăąÀÁÂÃÄĀĂĄçćčÇĆČďđĎĐèéêëēėęěÈÉÊËĒĖĘĚğĞìíîïīįÌÍÎÏĪĮłŁñńňÑŃŇòóôõöōőÒÓÔÕÖŌŐřŘśšşŚŠŞťŤùúûüūůűÙÚÛÜŪŮŰýÿÝŸźżžŹŻŽ', 'aaaaaaaaaaaaaaaaccccccddddeeeeeeeeeeeeeeeeggiiiiiiiiiiiillnnnnnnoooooooooooooorrssssssttuuuuuuuuuuuuuuyyyyzzzzzz'), 'ae', 'e'), 'oe', 'o'), 'aa', 'a')), 'B') || setweight(to_tsvector('danish'::regconfig, replace(replace(replace(translate(replace(replace(replace(replace(replace(replace(replace(replace(replace(normalize(lower(coalesce(body, '')), NFC), 'æ', 'ae'), 'Æ', 'ae'), 'ø', 'oe'), 'Ø', 'oe'), 'å', 'aa'), 'Å', 'aa'), 'œ', 'oe'), 'Œ', 'oe'), 'ß', 'ss'), 'àáâãäāăąÀÁÂÃÄĀĂĄçćčÇĆČďđĎĐèéêëēėęěÈÉÊËĒĖĘĚğĞìíîïīįÌÍÎÏĪĮłŁñńňÑŃŇòóôõöōőÒÓÔÕÖŌŐřŘśšşŚŠŞťŤùúûüūůűÙÚÛÜŪŮŰýÿÝŸźżžŹŻŽ', 'aaaaaaaaaaaaaaaaccccccddddeeeeeeeeeeeeeeeeggiiiiiiiiiiiillnnnnnnoooooooooooooorrssssssttuuuuuuuuuuuuuuyyyyzzzzzz'), 'ae', 'e'), 'oe', 'o'), 'aa', 'a')), 'D') || setweight(to_tsvector('simple'::regconfig, replace(replace(replace(translate(replace(replace(replace(replace(replace(replace(replace(replace(replace(normalize(lower(coalesce(body, '')), NFC), 'æ', 'ae'), 'Æ', 'ae'), 'ø', 'oe'), 'Ø', 'oe'), 'å', 'aa'), 'Å', 'aa'), 'œ', 'oe'), 'Œ', 'oe'), 'ß', 'ss'), 'àáâãäāăąÀÁÂÃÄĀĂĄçćčÇĆČďđĎĐèéêëēėęěÈÉÊËĒĖĘĚğĞìíîïīįÌÍÎÏĪĮłŁñńňÑŃŇòóôõöōőÒÓÔÕÖŌŐřŘśšşŚŠŞťŤùúûüūůűÙÚÛÜŪŮŰýÿÝŸźżžŹŻŽ', 'aaaaaaaaaaaaaaaaccccccddddeeeeeeeeeeeeeeeeggiiiiiiiiiiiillnnnnnnoooooooooooooorrssssssttuuuuuuuuuuuuuuyyyyzzzzzz'), 'ae', 'e'), 'oe', 'o'), 'aa', 'a')), 'D')) STORED,
	CONSTRAINT "resources_kind_check" CHECK ("resources"."kind" in ('article', 'link', 'file')),
	CONSTRAINT "resources_topic_check" CHECK ("resources"."topic" in ('rights_and_benefits', 'school_and_daycare', 'hospital_and_treatment', 'everyday_life_and_siblings', 'work', 'associations_and_offers', 'research')),
	CONSTRAINT "resources_audiences_check" CHECK (cardinality("resources"."audiences") > 0 and "resources"."audiences" <@ array['families', 'adults_with_diagnosis', 'hospital_staff', 'municipal_caseworkers']::text[]),
	CONSTRAINT "resources_scope_type_check" CHECK ("resources"."scope_type" in ('platform', 'association', 'group')),
	CONSTRAINT "resources_scope_check" CHECK (("resources"."scope_type" = 'platform' and "resources"."association_id" is null and "resources"."group_id" is null) or ("resources"."scope_type" = 'association' and "resources"."association_id" is not null and "resources"."group_id" is null) or ("resources"."scope_type" = 'group' and "resources"."group_id" is not null and "resources"."association_id" is null)),
	CONSTRAINT "resources_public_check" CHECK (not ("resources"."public" and "resources"."scope_type" = 'group')),
	CONSTRAINT "resources_content_check" CHECK (("resources"."kind" = 'article' and "resources"."body" is not null) or ("resources"."kind" = 'link' and "resources"."url" is not null) or "resources"."kind" = 'file'),
	CONSTRAINT "resources_status_check" CHECK ("resources"."status" in ('published', 'withdrawn')),
	CONSTRAINT "resources_language_check" CHECK ("resources"."language" in ('da', 'en'))
);
--> statement-breakpoint
ALTER TABLE "association_editors" ADD CONSTRAINT "association_editors_association_id_organisations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "association_editors" ADD CONSTRAINT "association_editors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "association_editors" ADD CONSTRAINT "association_editors_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_association_id_organisations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "association_editors_user_idx" ON "association_editors" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "resources_scope_idx" ON "resources" USING btree ("scope_type","association_id","group_id");--> statement-breakpoint
CREATE INDEX "resources_review_idx" ON "resources" USING btree ("review_due_on") WHERE "resources"."status" = 'published';--> statement-breakpoint
CREATE INDEX "resources_search_idx" ON "resources" USING gin ("search");--> statement-breakpoint
CREATE INDEX "resources_search_folded_idx" ON "resources" USING gin ("search_folded");