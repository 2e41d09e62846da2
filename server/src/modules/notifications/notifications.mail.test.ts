import type { NotificationPayload } from '@spejl/shared';
import { notificationSamples } from '@spejl/shared/notifications.samples';
import { describe, expect, it } from 'vitest';
import { renderNotificationMail } from './notifications.mail.ts';

const origin = 'https://spejl.example';
/** The types this module mails; mentoring, events and moderation mail their own. */
const mailableNotificationTypes = [
  'mention',
  'reply',
  'join_request.approved',
  'join_request.declined',
  'join_request.created',
  'membership.added',
  'direct.request',
  'direct.accepted',
];
const samples = Object.entries(notificationSamples).flatMap(([type, list]) =>
  (list as object[]).map((data) => ({ type, data }) as NotificationPayload),
);

describe('notification mails', () => {
  it('renders every mailable type in both languages, with no placeholder left', () => {
    for (const locale of ['da', 'en'] as const)
      for (const sample of samples.filter((item) =>
        (mailableNotificationTypes as readonly string[]).includes(item.type),
      )) {
        const mail = renderNotificationMail(sample, locale, origin);
        expect(mail, `${locale} ${sample.type}`).not.toBeNull();
        expect(mail!.subject.length).toBeGreaterThan(0);
        expect(`${mail!.subject}\n${mail!.body}`).not.toMatch(/\{\w+\}/);
        // A declined request has nothing to open.
        if (sample.type !== 'join_request.declined') expect(mail!.body).toContain(origin);
      }
  });

  it('mails nothing from here for the types that are not mailable', () => {
    for (const sample of samples.filter(
      (item) => !(mailableNotificationTypes as readonly string[]).includes(item.type),
    ))
      expect(renderNotificationMail(sample, 'da', origin), sample.type).toBeNull();
  });

  it('links a mention to its message and a join outcome to the group by its slug', () => {
    const mention = renderNotificationMail(
      { type: 'mention', data: { groupId: 'g1', groupName: 'CF', messageId: 'm1', authorName: 'Anna' } },
      'en',
      origin,
    );
    expect(mention?.body).toContain(`${origin}/groups/g1/chat?message=m1`);
    expect(mention?.subject).toContain('Anna');
    const approved = renderNotificationMail(
      {
        type: 'join_request.approved',
        data: { groupId: 'g1', groupSlug: 'cf', groupName: 'CF', reason: null },
      },
      'da',
      origin,
    );
    expect(approved?.body).toContain(`${origin}/groups/cf`);
  });
});
