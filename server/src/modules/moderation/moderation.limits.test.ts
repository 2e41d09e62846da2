import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createSharedTestApps } from '../../testing/app.ts';

const linksPerHour = 30;
const hour = 60 * 60 * 1000;

/** A token of the link's shape that no suspension has: answered 404, and counted as every attempt is. */
const someToken = () => randomBytes(16).toString('hex');

/**
 * Two app instances on one database, as two processes behind a load balancer: someone trying appeal links from one
 * address gets 30 an hour in total, not 30 per process.
 */
describe('suspension appeal links shared by two app instances, bus=postgres', () => {
  let apps: Awaited<ReturnType<typeof createSharedTestApps>>;
  beforeAll(async () => {
    apps = await createSharedTestApps();
  });
  afterAll(async () => {
    await apps?.close();
  });

  it('allows 30 an hour per address over both routes and both instances, then 429 with Retry-After on either', async () => {
    const address = '10.210.0.1';
    const viaFirst = new Client(apps.first.app, address);
    const viaSecond = new Client(apps.second.app, address);
    const read = (client: Client) => client.get(`/api/moderation/appeal-tokens/${someToken()}`);
    const appeal = (client: Client) =>
      client.post(`/api/moderation/appeal-tokens/${someToken()}/appeal`, {
        statement: 'Jeg mener, afgørelsen er forkert.',
      });

    const answers = await Promise.all(
      Array.from({ length: linksPerHour }, (_, index) =>
        [read, appeal][index % 2]!(index % 4 < 2 ? viaFirst : viaSecond),
      ),
    );
    expect(answers.map((answer) => answer.statusCode)).toEqual(Array(linksPerHour).fill(404));

    for (const refused of [await read(viaFirst), await appeal(viaSecond), await read(viaSecond)]) {
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('rate_limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(3600);
    }
    // Another address has a budget of its own.
    expect((await read(new Client(apps.second.app, '10.210.0.2'))).statusCode).toBe(404);

    apps.clock.advance(hour + 1000);
    expect((await read(viaSecond)).statusCode).toBe(404);
  });
});
