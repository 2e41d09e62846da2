import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBus } from '../../bus/bus.ts';
import {
  Client,
  createGroupWith,
  createSharedTestApps,
  enableTotp,
  signUp,
  signUpAdmin,
} from '../../testing/app.ts';
import type { FilterRow, SettingsRow } from './moderation.repository.ts';
import { createRulesCache } from './moderation.rules-cache.ts';

describe('the chat gate’s rules across processes (two apps, one PostgreSQL, postgres buses)', () => {
  let apps: Awaited<ReturnType<typeof createSharedTestApps>>;
  let groupId: string;
  let moderator: Awaited<ReturnType<typeof signUp>>;
  let reporter: Awaited<ReturnType<typeof signUp>>;
  /** The member's browser, talking to the second process. */
  let member: Client;
  let counter = 0;
  const send = (body: string) =>
    member.post(`/api/groups/${groupId}/messages`, { clientId: `rules-cache-${++counter}`, body });
  // The other process hears of it through LISTEN/NOTIFY: within the bus's delivery, well under a second.
  const soon = { timeout: 1_000, interval: 20 };

  beforeAll(async () => {
    apps = await createSharedTestApps();
    const admin = await signUpAdmin(apps.first);
    moderator = await signUp(apps.first.app, { displayName: 'Mads Mortensen' });
    await enableTotp(moderator.client, apps.clock);
    const person = await signUp(apps.first.app, { displayName: 'Maja Medlem' });
    reporter = await signUp(apps.first.app, { displayName: 'Rasmus Rask' });
    groupId = await createGroupWith(admin, { name: 'Regler på tværs' }, [
      { person: moderator, role: 'moderator' },
      { person },
      { person: reporter },
    ]);
    member = new Client(apps.second.app, person.client.remoteAddress);
    member.cookie = person.client.cookie;
  });
  afterAll(async () => {
    await apps?.close();
  });

  it('refuses a word blocked on the other process at once, and lets it through once the filter is gone', async () => {
    // The second process reads the group's rules and keeps them.
    const first = await send('Kom til købmandsgården');
    expect(first.statusCode, first.body).toBe(201);
    const added = await moderator.client.post('/api/moderation/filters', {
      groupId,
      kind: 'word',
      pattern: 'købmandsgården',
      action: 'block',
    });
    expect(added.statusCode, added.body).toBe(201);
    await expect.poll(async () => (await send('Kom til købmandsgården igen')).statusCode, soon).toBe(400);
    expect((await send('Kom til købmandsgården')).json().error.code).toBe('moderation.blocked');
    expect(
      (await moderator.client.delete(`/api/moderation/filters/${added.json().filter.id}`)).statusCode,
    ).toBe(204);
    await expect.poll(async () => (await send('Kom til købmandsgården nu')).statusCode, soon).toBe(201);
  });

  it('applies slow mode set on the other process at once', async () => {
    expect((await send('Før langsom tilstand')).statusCode).toBe(201);
    const settled = await moderator.client.patch(`/api/moderation/groups/${groupId}/settings`, {
      slowModeSeconds: 60,
    });
    expect(settled.statusCode, settled.body).toBe(200);
    await expect.poll(async () => (await send('Langsomt')).statusCode, soon).toBe(429);
    expect((await send('Igen')).json().error.code).toBe('moderation.slow_mode');
  });

  it('refuses a member muted on the other process at once', async () => {
    // The second process keeps the group's rules, its mutes among them.
    await settleSlowMode(0);
    const sent = await send('Inden pausen');
    expect(sent.statusCode, sent.body).toBe(201);
    const flagged = await reporter.client.post(`/api/messages/${sent.json().message.id}/flags`, {
      reason: 'harassment',
    });
    expect(flagged.statusCode, flagged.body).toBe(201);
    const queue = await moderator.client.get(`/api/moderation/queue?groupId=${groupId}`);
    const item = (queue.json().items as Array<{ id: string; message: { id: string } }>).find(
      (entry) => entry.message.id === sent.json().message.id,
    );
    const muted = await moderator.client.post(`/api/moderation/items/${item!.id}/actions`, {
      action: 'mute',
      reason: 'Pause',
      durationHours: 1,
    });
    expect(muted.statusCode, muted.body).toBe(200);
    await expect.poll(async () => (await send('Under pausen')).statusCode, soon).toBe(403);
    expect((await send('Stadig under pausen')).json().error.code).toBe('moderation.muted');
    // Until it runs out, by the clock both processes share.
    apps.clock.advance(60 * 60 * 1000 + 1000);
    expect((await send('Efter pausen')).statusCode).toBe(201);
  });

  async function settleSlowMode(seconds: number) {
    const settled = await moderator.client.patch(`/api/moderation/groups/${groupId}/settings`, {
      slowModeSeconds: seconds,
    });
    expect(settled.statusCode, settled.body).toBe(200);
  }
});

describe('createRulesCache', () => {
  const now = new Date(0);
  const settings = { groupId: 'g1', slowModeSeconds: 0 } as SettingsRow;
  function counting() {
    let reads = 0;
    const repository = {
      async settingsOf() {
        reads += 1;
        return settings;
      },
      async filtersFor(): Promise<FilterRow[]> {
        return [];
      },
      mutesIn: async () => [],
    };
    return { repository, reads: () => reads };
  }

  it('reads a group once, and again after a change to it or to the platform’s filters', async () => {
    const source = counting();
    const bus = createMemoryBus();
    const cache = createRulesCache({ repository: source.repository, bus });
    const other = createRulesCache({ repository: counting().repository, bus });
    await cache.of('g1', now);
    await cache.of('g1', now);
    expect(source.reads()).toBe(1);
    await other.changed('g2');
    await cache.of('g1', now);
    expect(source.reads(), 'another group changed').toBe(1);
    await other.changed('g1');
    await cache.of('g1', now);
    expect(source.reads()).toBe(2);
    await other.changed(null);
    await cache.of('g1', now);
    expect(source.reads(), 'the platform’s filters changed').toBe(3);
  });

  it('forgets a read that fails', async () => {
    let fail = true;
    const cache = createRulesCache({
      repository: {
        async settingsOf() {
          if (fail) throw new Error('database gone');
          return settings;
        },
        async filtersFor() {
          return [];
        },
        mutesIn: async () => [],
      },
    });
    await expect(cache.of('g1', now)).rejects.toThrow('database gone');
    fail = false;
    await expect(cache.of('g1', now)).resolves.toMatchObject({ settings });
  });
});
