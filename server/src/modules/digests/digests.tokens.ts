import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Database, serverSecrets } from '@spejl/db';
import { eq } from 'drizzle-orm';

const keyName = 'digest_unsubscribe_key';
/** What a token may do; a token for another purpose signed with the same key is refused. */
const purpose = 'digest.unsubscribe';
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Signed unsubscribe links (RFC 8058 one-click): `base64url(userId) "." base64url(HMAC-SHA256(key, purpose:userId))`.
 * The key is made once and kept in `server_secrets`, so every node signs and checks alike and links survive restarts.
 * A link names only the person: it stops their digest and nothing else, so it needs no expiry.
 */
export function createDigestTokens(db: Database) {
  let key: Promise<Buffer> | null = null;

  async function loadKey(): Promise<Buffer> {
    // Whichever node gets here first makes the key; every other one reads that one back.
    await db
      .insert(serverSecrets)
      .values({ name: keyName, value: randomBytes(32).toString('base64url') })
      .onConflictDoNothing();
    const [row] = await db.select().from(serverSecrets).where(eq(serverSecrets.name, keyName));
    if (!row) throw new Error('the digest signing key could not be read');
    return Buffer.from(row.value, 'base64url');
  }

  function secret(): Promise<Buffer> {
    key ??= loadKey().catch((error: unknown) => {
      key = null;
      throw error;
    });
    return key;
  }

  const mac = (secretKey: Buffer, userId: string) =>
    createHmac('sha256', secretKey).update(`${purpose}:${userId}`).digest();

  return {
    /** The token for a person's unsubscribe link. */
    async sign(userId: string): Promise<string> {
      const signature = mac(await secret(), userId);
      return `${Buffer.from(userId).toString('base64url')}.${signature.toString('base64url')}`;
    },

    /** The person a token names, or null when it is malformed or its signature does not hold. */
    async verify(token: string): Promise<string | null> {
      const [encodedId, encodedSignature, ...rest] = token.split('.');
      if (!encodedId || !encodedSignature || rest.length > 0) return null;
      const userId = Buffer.from(encodedId, 'base64url').toString('utf8');
      if (!uuidPattern.test(userId)) return null;
      const given = Buffer.from(encodedSignature, 'base64url');
      const expected = mac(await secret(), userId);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      return userId;
    },
  };
}

export type DigestTokens = ReturnType<typeof createDigestTokens>;
