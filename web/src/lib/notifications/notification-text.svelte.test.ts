import type { Notification } from '@spejl/shared';
import { notificationSamples } from '@spejl/shared/notifications.samples';
import { afterAll, describe, expect, it } from 'vitest';
import { i18n, t } from '../i18n/i18n.svelte.ts';
import { describeNotification } from './notification-text.ts';

// A rune module (the language), so this runs in the component project.

const wire = (type: string, data: unknown) =>
  ({ id: 'n1', createdAt: new Date().toISOString(), readAt: null, type, data }) as Notification;
const samples = Object.entries(notificationSamples).flatMap(([type, list]) =>
  (list as object[]).map((data) => wire(type, data)),
);

afterAll(() => i18n.apply('da'));

describe('notification texts', () => {
  for (const locale of ['da', 'en'] as const)
    it(`say something of their own for every type in ${locale}, with no placeholder left`, () => {
      i18n.apply(locale);
      const general = t('notification.other');
      for (const notification of samples) {
        const label = `${locale} ${notification.type} ${JSON.stringify(notification.data)}`;
        const shown = describeNotification(notification, t);
        expect(shown.text.length, label).toBeGreaterThan(0);
        expect(shown.text, label).not.toBe(general);
        expect(`${shown.text} ${shown.groupName} ${shown.linkText ?? ''}`, label).not.toMatch(
          /\{\w+\}|undefined|null/,
        );
        if (shown.href !== null) expect(shown.href, label).toMatch(/^\/[a-z]/);
      }
    });

  it('leads where each notification belongs', () => {
    i18n.apply('en');
    const [, directMention] = notificationSamples.mention;
    expect(describeNotification(wire('mention', directMention), t).href).toMatch(/^\/messages\//);
    expect(
      describeNotification(wire('direct.request', notificationSamples['direct.request'][0]), t),
    ).toMatchObject({
      href: `/messages/${notificationSamples['direct.request'][0]!.conversationId}`,
      linkText: t('direct.notification.toConversation'),
    });
    expect(
      describeNotification(wire('privacy.export_ready', notificationSamples['privacy.export_ready'][0]), t)
        .href,
    ).toBe('/api/me/exports/ABCDEFGH');
    const mentorship = describeNotification(
      wire('moderation.escalated', { space: 'mentorship', itemId: 'i1' }),
      t,
    );
    expect(mentorship).toMatchObject({
      groupName: t('moderation.mentoring.conversation'),
      href: '/moderation/items/i1',
    });
    expect(
      describeNotification(wire('membership.removed', notificationSamples['membership.removed'][1]), t),
    ).toMatchObject({ href: null, reason: 'Flyttet til en anden gruppe' });
  });

  it('gives a general text for a type this app does not know, and never throws', () => {
    i18n.apply('da');
    expect(describeNotification(wire('poll.closed', { pollId: 'p1' }), t)).toEqual({
      text: t('notification.other'),
      reason: null,
      href: null,
      groupName: t('notification.someGroup'),
    });
    const webinar = describeNotification(
      wire('webinar.moved_online', { webinarId: 'w1', title: 'Skolestart' }),
      t,
    );
    expect(webinar.text).toBe(t('notification.webinarGeneric', { title: 'Skolestart', when: '' }));
    expect(webinar.href).toBe('/events/w1');
    expect(() => describeNotification(wire('mention', null), t)).not.toThrow();
  });
});
