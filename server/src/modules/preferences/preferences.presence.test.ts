import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSocket, type SocketClient, socketUrl, until } from '../../realtime/testing.ts';
import {
  createGroupWith,
  createSharedTestApps,
  sameBrowserOn,
  signUp,
  signUpAdmin,
  type TestApp,
} from '../../testing/app.ts';

type Person = Awaited<ReturnType<typeof signUp>>;

describe('presence and receipt choices read with the session (two processes, session caches on)', () => {
  let apps: Awaited<ReturnType<typeof createSharedTestApps>>;
  let admin: Person;
  let maja: Person;
  let bo: Person;
  let carl: Person;
  let groupId: string;
  const sockets: SocketClient[] = [];

  beforeAll(async () => {
    apps = await createSharedTestApps({ sessionCache: true });
    await apps.first.app.listen({ port: 0, host: '127.0.0.1' });
    await apps.second.app.listen({ port: 0, host: '127.0.0.1' });
    admin = await signUpAdmin(apps.first);
    maja = await signUp(apps.first.app, { displayName: 'Maja Medlem' });
    bo = await signUp(apps.first.app, { displayName: 'Bo Bech' });
    carl = await signUp(apps.first.app, { displayName: 'Carl Carlsen' });
    groupId = await createGroupWith(admin, { name: 'Til stede' }, [
      { person: maja },
      { person: bo },
      { person: carl },
    ]);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await apps?.close();
  });

  async function subscribed(t: TestApp, person: Person) {
    const socket = await openSocket(socketUrl(t), person.client.cookie!);
    sockets.push(socket);
    socket.send({ type: 'subscribe', groupId });
    await until(() => socket.of('subscribed').some((frame) => frame.groupId === groupId), 'subscribed');
    return socket;
  }

  it('keeps a person hidden on a new socket on the other process once they choose it there', async () => {
    // Maja's session is read, and kept, by the second process before she changes her mind on the first.
    expect((await sameBrowserOn(apps.second, maja.client).get('/api/me')).statusCode).toBe(200);
    const changed = await maja.client.patch('/api/me/preferences', { hidePresence: true });
    expect(changed.statusCode, changed.body).toBe(200);
    const watching = await subscribed(apps.first, bo);
    await subscribed(apps.second, maja);
    // Carl arriving is told to Bo; by then Maja's arrival would have been too, had she not been hidden.
    await subscribed(apps.second, carl);
    await until(
      () => watching.of('presence').some((frame) => frame.online.includes(carl.user.id)),
      'Carl online',
    );
    const latest = watching.of('presence').at(-1)!;
    expect(latest.online).toContain(carl.user.id);
    expect(latest.online).not.toContain(maja.user.id);
  });
});
