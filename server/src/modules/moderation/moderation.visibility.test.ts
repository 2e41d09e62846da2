import type { ServerFrame } from '@spejl/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createGroupWith,
  createTestApp,
  enableTotp,
  signUp,
  signUpAdmin,
  type TestApp,
} from '../../testing/app.ts';
import { activeMentorship, signUpCoordinator } from '../mentoring/mentoring.testing.ts';
import { act, connect, flag, type Person, post, type Socket, socketUrl } from './moderation.test-support.ts';

/**
 * Every moderation read path, for every kind of space and every role: which message texts can each person see?
 * Each space holds three messages with unique texts; the middle one is reported. The oracle below is the rule:
 * a group's reviewers (its moderators, and platform admins) see the reported message with its neighbours; a
 * mentorship's reviewers (coordinators, and admins once a coordinator escalates) see the reported message alone;
 * a reporter sees the start of what they reported while they may still read it; nobody else sees any text.
 *
 * Webinar rooms are not a space here: their chat and questions live in the webinar module's own tables, and
 * `POST /api/messages/:id/flags` reaches only group messages, so a room's chat cannot be reported.
 */

const spaces = ['group', 'subgroup', 'hidden', 'mentorship'] as const;
type Space = (typeof spaces)[number];
const positions = ['before', 'reported', 'after'] as const;
const text = (space: Space, position: (typeof positions)[number]) => `tekst-${space}-${position}-7q`;
const all = (space: Space) => positions.map((position) => text(space, position));
const everyText = spaces.flatMap(all);

let t: TestApp;
let url: string;
let people: Record<string, Person>;
const groupIds = {} as Record<Space, string>;
const itemIds = {} as Record<Space, string>;
const sockets: Record<string, Socket> = {};

beforeAll(async () => {
  t = await createTestApp();
  url = await socketUrl(t);
  const admin = await signUpAdmin(t);
  // Another admin creates the groups, so the admin under test owns none of them: what they see is an admin's.
  const creator = await signUpAdmin(t);
  const coordinator = await signUpCoordinator(t, 'Karen Kristensen');
  const named = async (displayName: string, totp = false) => {
    const person = await signUp(t.app, { displayName });
    if (totp) await enableTotp(person.client, t.clock);
    return person;
  };
  people = {
    admin,
    coordinator,
    author: await named('Anders Andersen'),
    member: await named('Maja Madsen'),
    reporter: await named('Rikke Rasmussen'),
    reporterWhoLeft: await named('Lars Larsen'),
    groupModerator: await named('Gitte Gram', true),
    subgroupModerator: await named('Søren Sø', true),
    hiddenModerator: await named('Hanne Hald', true),
  };
  const everyday = [{ person: people.author! }, { person: people.member! }, { person: people.reporter! }];
  groupIds.group = await createGroupWith(creator, { name: 'Bløderforeningen' }, [
    ...everyday,
    { person: people.groupModerator!, role: 'moderator' },
  ]);
  const sub = await creator.client.post('/api/groups', {
    name: 'Bløderforeningen: søskende',
    slug: `soeskende-${Date.now()}`,
    kind: 'subgroup',
    visibility: 'listed',
    joinPolicy: 'request',
    parentId: groupIds.group,
  });
  expect(sub.statusCode, sub.body).toBe(201);
  groupIds.subgroup = sub.json().group.id;
  const subgroupMembers: Array<{ person: Person; role?: 'moderator' }> = [
    ...everyday,
    { person: people.subgroupModerator!, role: 'moderator' },
  ];
  for (const { person, role } of subgroupMembers)
    expect(
      (
        await creator.client.post(`/api/groups/${groupIds.subgroup}/members`, {
          email: person.user.email,
          role: role ?? 'member',
        })
      ).statusCode,
    ).toBe(201);
  groupIds.hidden = await createGroupWith(creator, { name: 'Skjult netværk', visibility: 'hidden' }, [
    ...everyday,
    { person: people.reporterWhoLeft! },
    { person: people.hiddenModerator!, role: 'moderator' },
  ]);
  const mentorship = await activeMentorship(t, coordinator, {
    family: 'Familien Friis',
    mentor: 'Mette Mentor',
    groupId: groupIds.group,
  });
  people.family = mentorship.family;
  people.mentor = mentorship.mentor;
  groupIds.mentorship = mentorship.groupId;

  for (const [name, person] of Object.entries(people)) {
    sockets[name] = await connect(url, person);
    sockets[name]!.send({ type: 'moderation.subscribe' });
    await sockets[name]!.next('moderation.subscribed');
  }

  for (const space of spaces) {
    const [writer, reporter] =
      space === 'mentorship' ? [people.mentor!, people.family!] : [people.author!, people.reporter!];
    const other = space === 'mentorship' ? people.family! : people.member!;
    await post(other, groupIds[space], text(space, 'before'));
    const reported = await post(writer, groupIds[space], text(space, 'reported'));
    await post(other, groupIds[space], text(space, 'after'));
    expect((await flag(reporter, reported.id, 'harassment')).statusCode).toBe(201);
    if (space === 'hidden') {
      // A second reporter, who then leaves the group: from then on they may not read its messages.
      expect((await flag(people.reporterWhoLeft!, reported.id, 'misinformation')).statusCode).toBe(201);
      expect(
        (
          await people.reporterWhoLeft!.client.delete(
            `/api/groups/${groupIds.hidden}/members/${people.reporterWhoLeft!.user.id}`,
          )
        ).statusCode,
      ).toBeLessThan(300);
    }
    const [item] = (
      await t.database.raw.query('select id from moderation_items where message_id = $1', [reported.id])
    ).rows as Array<{ id: string }>;
    itemIds[space] = item!.id;
  }
  // PGlite answers in-process, so socket frames are read only when the test waits on a timer: wait for the last one.
  await sockets.coordinator!.next('moderation.queue', (frame) => frame.scope === 'mentoring');
});
afterAll(async () => {
  for (const socket of Object.values(sockets)) socket.close();
  await t?.close();
});

/** Every moderation read path a person can call, with every scope and item of this world. */
function readPaths(): string[] {
  const scopes = ['', ...spaces.map((space) => `groupId=${groupIds[space]}`), 'scope=mentoring'];
  const withStatus = (path: string, statuses: string[]) =>
    scopes.flatMap((scope) =>
      statuses.map((status) => `${path}?${[scope, `status=${status}`].filter(Boolean).join('&')}`),
    );
  return [
    '/api/moderation/summary',
    ...withStatus('/api/moderation/queue', ['open', 'resolved']),
    ...spaces.map((space) => `/api/moderation/items/${itemIds[space]}`),
    ...scopes.map((scope) => `/api/moderation/audit-log?${scope}`),
    ...scopes.map((scope) => `/api/moderation/audit-log.csv?${scope}`),
    ...scopes
      .filter((scope) => !scope.startsWith('scope='))
      .map((scope) => `/api/moderation/transparency?${scope}`),
    ...withStatus('/api/moderation/appeals', ['open', 'decided']),
    '/api/me/reports',
    '/api/me/moderation-actions',
    '/api/notifications?limit=100',
  ];
}

/** The texts of this world that appear anywhere in what the person can read, claims and live frames included. */
async function textsSeenBy(name: string): Promise<string[]> {
  const person = people[name]!;
  const bodies: string[] = [];
  for (const path of readPaths()) bodies.push((await person.client.get(path)).body);
  for (const space of spaces) {
    const claimed = await person.client.post(`/api/moderation/items/${itemIds[space]}/claim`);
    bodies.push(claimed.body);
    if (claimed.statusCode === 200)
      await person.client.delete(`/api/moderation/items/${itemIds[space]}/claim`);
  }
  bodies.push(JSON.stringify(sockets[name]!.frames));
  const seen = bodies.join('\n');
  return everyText.filter((candidate) => seen.includes(candidate));
}

/** The live scopes each person heard a change in. */
function scopesHeardBy(name: string): string[] {
  const frames = sockets[name]!.frames.filter(
    (frame): frame is Extract<ServerFrame, { type: 'moderation.queue' }> => frame.type === 'moderation.queue',
  );
  return [...new Set(frames.map((frame) => frame.scope))].sort();
}

const reported = (space: Space) => text(space, 'reported');

describe('what each person can read of reported messages', () => {
  it('while the reports are open', async () => {
    const expected: Record<string, string[]> = {
      author: [],
      member: [],
      reporter: [reported('group'), reported('subgroup'), reported('hidden')],
      reporterWhoLeft: [],
      groupModerator: all('group'),
      subgroupModerator: all('subgroup'),
      hiddenModerator: all('hidden'),
      family: [reported('mentorship')],
      mentor: [],
      coordinator: [reported('mentorship')],
      admin: [...all('group'), ...all('subgroup'), ...all('hidden')],
    };
    for (const name of Object.keys(people)) expect(await textsSeenBy(name), name).toEqual(expected[name]);
    expect(scopesHeardBy('coordinator')).toEqual(['mentoring']);
    expect(scopesHeardBy('groupModerator')).toEqual([groupIds.group]);
    expect(scopesHeardBy('admin')).toEqual([]);
    for (const name of ['author', 'member', 'reporter', 'family', 'mentor'])
      expect(scopesHeardBy(name), name).toEqual([]);
  });

  it('after each report is escalated to the admins, decided, and appealed', async () => {
    const escalations: Array<[Space, string]> = [
      ['group', 'groupModerator'],
      ['subgroup', 'subgroupModerator'],
      ['hidden', 'hiddenModerator'],
      ['mentorship', 'coordinator'],
    ];
    for (const [space, reviewer] of escalations) {
      const escalated = await act(people[reviewer]!, itemIds[space], {
        action: 'escalate',
        reason: 'Til administratorerne',
      });
      expect(escalated.statusCode, escalated.body).toBe(200);
      const warned = await act(people.admin!, itemIds[space], {
        action: 'warn',
        reason: 'Tonen er for hård',
      });
      expect(warned.statusCode, warned.body).toBe(200);
    }
    for (const name of ['author', 'mentor']) {
      const decisions = (await people[name]!.client.get('/api/me/moderation-actions')).json().items as Array<{
        id: string;
      }>;
      for (const decision of decisions)
        expect(
          (
            await people[name]!.client.post(`/api/moderation/actions/${decision.id}/appeals`, {
              statement: 'Jeg mente det ikke sådan, undskyld.',
            })
          ).statusCode,
        ).toBe(201);
    }
    const expected: Record<string, string[]> = {
      author: [],
      member: [],
      reporter: [reported('group'), reported('subgroup'), reported('hidden')],
      reporterWhoLeft: [],
      groupModerator: [],
      subgroupModerator: [],
      hiddenModerator: [],
      family: [reported('mentorship')],
      mentor: [],
      coordinator: [],
      admin: [...all('group'), ...all('subgroup'), ...all('hidden'), reported('mentorship')],
    };
    await sockets.admin!.next('moderation.queue', (frame) => frame.scope === 'platform');
    for (const name of Object.keys(people)) expect(await textsSeenBy(name), name).toEqual(expected[name]);
    expect(scopesHeardBy('admin')).toEqual(['platform']);
    expect(scopesHeardBy('coordinator')).toEqual(['mentoring']);
  });
});
