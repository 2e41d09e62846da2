import { describe, expect, expectTypeOf, it } from 'vitest';
import { notificationChannelKeys } from './notification-types.ts';
import {
  channelOf,
  type NotificationPayload,
  notification,
  notificationPayload,
  notificationTypes,
  parseNotificationPayload,
} from './notifications.ts';
import { notificationSamples } from './notifications.samples.ts';

const samples = Object.entries(notificationSamples).flatMap(([type, list]) =>
  (list as object[]).map((data) => ({ type, data })),
);

describe('the notification union', () => {
  it('has one member per type, and a sample of what every producer writes', () => {
    expect(new Set(notificationTypes).size).toBe(notificationTypes.length);
    expect([...notificationTypes].sort()).toEqual(Object.keys(notificationSamples).sort());
  });

  it('accepts every type with the data its producer writes', () => {
    for (const sample of samples)
      expect(notificationPayload.safeParse(sample).success, JSON.stringify(sample)).toBe(true);
  });

  it('refuses an unknown type, a missing or extra field, and a value of the wrong kind', () => {
    const groupId = '0b7f8c1e-2d3a-4b5c-9d6e-7f8091a2b3c4';
    const refused = [
      { type: 'news', data: {} },
      { type: 'mention', data: { groupId, groupName: 'CF', authorName: 'Anna' } },
      {
        type: 'mention',
        data: { groupId, groupName: 'CF', messageId: groupId, authorName: 'Anna', body: 'Hej' },
      },
      {
        type: 'mention',
        data: { groupId, groupName: 'CF', messageId: groupId, authorName: 'Anna', space: 'group' },
      },
      { type: 'membership.role_changed', data: { groupId, groupName: 'CF', role: 'admin' } },
      { type: 'mentoring.check_in', data: { matchId: groupId, weeks: '2' } },
      { type: 'mentoring.approved', data: { note: 'x' } },
      {
        type: 'webinar.reminder',
        data: {
          webinarId: groupId,
          title: 'T',
          startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
        },
      },
      { type: 'direct.request', data: null },
      { type: 'mention' },
    ];
    for (const wrong of refused)
      expect(notificationPayload.safeParse(wrong).success, JSON.stringify(wrong)).toBe(false);
  });

  it('makes a wrong shape a compile error', () => {
    expectTypeOf({
      type: 'mentoring.proposed' as const,
      data: { matchId: 'm' },
    }).toExtend<NotificationPayload>();
    expectTypeOf({
      type: 'mentoring.proposed' as const,
      data: { requestId: 'r' },
    }).not.toExtend<NotificationPayload>();
  });

  it('puts every type under one of the channel choices a person makes, and uses every choice', () => {
    for (const type of notificationTypes) expect(notificationChannelKeys).toContain(channelOf[type]);
    const used = new Set(Object.values(channelOf));
    // `direct` and `mentorship` also carry new conversation messages, which are not stored notifications.
    for (const key of notificationChannelKeys) expect(used.has(key), key).toBe(true);
  });
});

describe('reading a stored notification', () => {
  it('reads every sample as it was written', () => {
    for (const sample of samples) expect(parseNotificationPayload(sample.type, sample.data)).toEqual(sample);
  });

  it('drops fields a member no longer has, so an older row still reads', () => {
    const data = { conversationId: 'c1', name: 'Mette', body: 'Vores datter har lige fået diagnosen' };
    expect(parseNotificationPayload('direct.request', data)).toEqual({
      type: 'direct.request',
      data: { conversationId: 'c1', name: 'Mette' },
    });
  });

  it('gives null for an unknown type or data that does not fit', () => {
    expect(parseNotificationPayload('retired.type', { groupId: 'g' })).toBeNull();
    expect(parseNotificationPayload('mention', { groupId: 'g' })).toBeNull();
    expect(
      parseNotificationPayload('membership.role_changed', { groupId: 'g', groupName: 'G', role: 7 }),
    ).toBeNull();
    expect(parseNotificationPayload('mentoring.approved', null)).toBeNull();
    expect(parseNotificationPayload('mentoring.approved', [])).toBeNull();
    expect(parseNotificationPayload('mentoring.approved', 'text')).toBeNull();
    expect(parseNotificationPayload('toString', {})).toBeNull();
  });
});

describe('a notification on the wire', () => {
  it('keeps the shape {id, type, data, readAt, createdAt}', () => {
    const wire = {
      id: 'n1',
      type: 'mentoring.proposed',
      data: { matchId: 'm1' },
      readAt: null,
      createdAt: new Date().toISOString(),
    };
    const parsed = notification.parse(wire);
    expect(parsed).toEqual(wire);
    expect(Object.keys(parsed).sort()).toEqual(['createdAt', 'data', 'id', 'readAt', 'type']);
    expect(notification.safeParse({ ...wire, data: { matchId: 'm1', extra: true } }).success).toBe(false);
  });
});
