-- A message is posted in one round trip: the clientId check, the next seq, the insert and the author's read position.
-- A clientId sent before (a retry racing the first send) rolls the block back to its savepoint, seq included, so seqs
-- stay without gaps, and answers with the first message's id and duplicate = true.
CREATE FUNCTION "spejl_post_message"(
  p_group_id uuid,
  p_author_id uuid,
  p_client_id text,
  p_body text,
  p_thread_id uuid,
  p_mentions uuid[],
  p_created_at timestamptz,
  p_hidden_at timestamptz
) RETURNS TABLE ("message_id" uuid, "message_seq" bigint, "duplicate" boolean) LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_seq bigint;
  v_id uuid;
BEGIN
  BEGIN
    INSERT INTO "group_sequences" AS s ("group_id", "last_seq") VALUES (p_group_id, 1)
      ON CONFLICT ("group_id") DO UPDATE SET "last_seq" = s."last_seq" + 1
      RETURNING s."last_seq" INTO v_seq;
    INSERT INTO "messages" AS m
        ("group_id", "seq", "author_id", "client_id", "body", "thread_id", "mentions", "created_at", "hidden_at")
      VALUES (p_group_id, v_seq, p_author_id, p_client_id, p_body, p_thread_id, p_mentions, p_created_at, p_hidden_at)
      RETURNING m."id" INTO v_id;
  EXCEPTION WHEN unique_violation THEN
    SELECT m."id" INTO v_id FROM "messages" m
      WHERE m."group_id" = p_group_id AND m."author_id" = p_author_id AND m."client_id" = p_client_id;
    IF v_id IS NULL THEN
      RAISE;
    END IF;
    RETURN QUERY SELECT v_id, NULL::bigint, true;
    RETURN;
  END;
  INSERT INTO "read_positions" AS r ("group_id", "user_id", "last_read_seq", "updated_at")
    VALUES (p_group_id, p_author_id, v_seq, p_created_at)
    ON CONFLICT ("group_id", "user_id")
    DO UPDATE SET "last_read_seq" = greatest(r."last_read_seq", v_seq), "updated_at" = p_created_at;
  RETURN QUERY SELECT v_id, v_seq, false;
END $$;
