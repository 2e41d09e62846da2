CREATE TABLE "association_logos" (
	"association_id" uuid PRIMARY KEY NOT NULL,
	"image" "bytea" NOT NULL,
	"content_type" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "association_logos_content_type_check" CHECK ("association_logos"."content_type" in ('image/webp', 'image/png')),
	CONSTRAINT "association_logos_image_size_check" CHECK (octet_length("association_logos"."image") <= 524288)
);
--> statement-breakpoint
ALTER TABLE "association_logos" ADD CONSTRAINT "association_logos_association_id_organisations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;