import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createSharedTestApps, signUp } from '../../testing/app.ts';

const downloadsPerHour = 120;
const hour = 60 * 60 * 1000;

/**
 * Two app instances on one database, as two processes behind a load balancer: a private calendar feed is served
 * 120 times an hour in total, not 120 per process, whoever asks for it.
 */
describe('calendar feed downloads shared by two app instances, bus=postgres', () => {
  let apps: Awaited<ReturnType<typeof createSharedTestApps>>;
  beforeAll(async () => {
    apps = await createSharedTestApps();
  });
  afterAll(async () => {
    await apps?.close();
  });

  async function feedPath() {
    const person = await signUp(apps.first.app);
    const created = await person.client.post('/api/me/calendar');
    expect(created.statusCode).toBe(201);
    return new URL(created.json().url as string).pathname;
  }

  it('serves one feed 120 times an hour over both instances and every address, then 429 on either', async () => {
    const path = await feedPath();
    const answers = await Promise.all(
      Array.from({ length: downloadsPerHour }, (_, index) =>
        new Client(index % 2 === 0 ? apps.first.app : apps.second.app).get(path),
      ),
    );
    expect(answers.map((answer) => answer.statusCode)).toEqual(Array(downloadsPerHour).fill(200));

    for (const app of [apps.first.app, apps.second.app]) {
      const refused = await new Client(app).get(path);
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('rate_limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(3600);
    }
    // Counted per feed: another person's feed is served.
    expect((await new Client(apps.second.app).get(await feedPath())).statusCode).toBe(200);

    apps.clock.advance(hour + 1000);
    expect((await new Client(apps.first.app).get(path)).statusCode).toBe(200);
  });
});
