ALTER TABLE "groups" ADD COLUMN "member_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "pending_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "groups" SET
  "member_count" = (SELECT count(*) FROM "group_memberships" m WHERE m."group_id" = "groups"."id"),
  "pending_count" = (SELECT count(*) FROM "group_join_requests" r WHERE r."group_id" = "groups"."id" AND r."status" = 'pending');--> statement-breakpoint
CREATE FUNCTION "spejl_count_memberships"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "groups" g SET "member_count" = g."member_count" + c.n
      FROM (SELECT "group_id", count(*)::int AS n FROM new_rows GROUP BY "group_id") c WHERE g."id" = c."group_id";
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE "groups" g SET "member_count" = g."member_count" - c.n
      FROM (SELECT "group_id", count(*)::int AS n FROM old_rows GROUP BY "group_id") c WHERE g."id" = c."group_id";
  ELSE
    UPDATE "groups" g SET "member_count" = g."member_count" + c.n
      FROM (
        SELECT "group_id", sum(d)::int AS n FROM (
          SELECT "group_id", 1 AS d FROM new_rows UNION ALL SELECT "group_id", -1 AS d FROM old_rows
        ) moved GROUP BY "group_id"
      ) c WHERE g."id" = c."group_id" AND c.n <> 0;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "group_memberships_count_insert" AFTER INSERT ON "group_memberships"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "spejl_count_memberships"();--> statement-breakpoint
CREATE TRIGGER "group_memberships_count_delete" AFTER DELETE ON "group_memberships"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "spejl_count_memberships"();--> statement-breakpoint
CREATE TRIGGER "group_memberships_count_update" AFTER UPDATE ON "group_memberships"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "spejl_count_memberships"();--> statement-breakpoint
CREATE FUNCTION "spejl_count_join_requests"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "groups" g SET "pending_count" = g."pending_count" + c.n
      FROM (SELECT "group_id", count(*)::int AS n FROM new_rows WHERE "status" = 'pending' GROUP BY "group_id") c
      WHERE g."id" = c."group_id";
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE "groups" g SET "pending_count" = g."pending_count" - c.n
      FROM (SELECT "group_id", count(*)::int AS n FROM old_rows WHERE "status" = 'pending' GROUP BY "group_id") c
      WHERE g."id" = c."group_id";
  ELSE
    UPDATE "groups" g SET "pending_count" = g."pending_count" + c.n
      FROM (
        SELECT "group_id", sum(d)::int AS n FROM (
          SELECT "group_id", 1 AS d FROM new_rows WHERE "status" = 'pending'
          UNION ALL SELECT "group_id", -1 AS d FROM old_rows WHERE "status" = 'pending'
        ) moved GROUP BY "group_id"
      ) c WHERE g."id" = c."group_id" AND c.n <> 0;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "group_join_requests_count_insert" AFTER INSERT ON "group_join_requests"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "spejl_count_join_requests"();--> statement-breakpoint
CREATE TRIGGER "group_join_requests_count_delete" AFTER DELETE ON "group_join_requests"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "spejl_count_join_requests"();--> statement-breakpoint
CREATE TRIGGER "group_join_requests_count_update" AFTER UPDATE ON "group_join_requests"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "spejl_count_join_requests"();
