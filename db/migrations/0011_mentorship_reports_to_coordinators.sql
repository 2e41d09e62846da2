-- Custom migration (drizzle-kit generate --custom): data only.
-- Reports from a mentorship's private conversation used to land in the group queue (which a mentorship has nobody to
-- review) or, for illegal content, in the admins' platform queue with the pair's other messages as context. They
-- belong to the coordinators' queue: move every item of a mentorship's conversation there, released from any claim.
UPDATE "moderation_items"
SET "queue" = 'mentoring', "claimed_by" = NULL, "claimed_at" = NULL
WHERE "group_id" IN (SELECT "id" FROM "groups" WHERE "kind" = 'mentorship');
