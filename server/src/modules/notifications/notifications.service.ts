import { type Database, notifications, userPreferences, users } from '@spejl/db';
import {
  channelOf,
  type Notification,
  type NotificationDataMap,
  type NotificationPayload,
  type NotificationType,
  notificationPayload,
  parseNotificationPayload,
  translate,
} from '@spejl/shared';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Bus } from '../../bus/bus.ts';
import type { Clock } from '../../clock.ts';
import type { Actor } from '../auth/auth.policy.ts';
import type { Mailer } from '../mail/mail.service.ts';
import { channelsOf } from '../preferences/preferences.service.ts';
import { renderNotificationMail } from './notifications.mail.ts';

type NotificationRow = typeof notifications.$inferSelect;
type Executor = Pick<Database, 'insert'>;
/** One notification to write: whom it is for, and a member of the union (a wrong data shape does not compile). */
export type NotificationInput = { userId: string } & NotificationPayload;

/** One notification of one type, its data checked against that type's member: `notificationFor(id, 'mention', {…})`. */
export function notificationFor<Type extends NotificationType>(
  userId: string,
  type: Type,
  data: NotificationDataMap[Type],
): NotificationInput {
  return { userId, type, data } as NotificationInput;
}

/**
 * A stored row as the API sends it, its data read through the union; null for a row whose type is unknown or whose
 * data no longer fits (written by an older version), which the list leaves out rather than fail.
 */
export function toNotification(row: NotificationRow): Notification | null {
  const payload = parseNotificationPayload(row.type, row.data);
  if (!payload) return null;
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
    ...payload,
  };
}

/** In-app notifications: written with the change that causes them, delivered live on `user:<id>` after commit. */
export function createNotificationService(deps: {
  db: Database;
  clock: Clock;
  bus: Bus;
  /** Mails the types each person chose (their preferences); without it nothing is mailed. */
  mailer?: Mailer;
  publicOrigin?: string;
  onMailError?: (error: unknown) => void;
  /** Pushes to the devices of those who chose push for the type (in the background; it never throws). */
  push?: { notify(rows: NotificationRow[]): void };
}) {
  const { db, clock, bus } = deps;

  /** Mails each notification whose type its recipient chose to get by email. */
  async function mail(rows: NotificationRow[]) {
    const mailer = deps.mailer;
    if (!mailer || rows.length === 0) return;
    const userIds = [...new Set(rows.map((row) => row.userId))];
    const recipients = await db
      .select({
        id: users.id,
        email: users.email,
        displayName: users.displayName,
        locale: users.locale,
        channels: userPreferences.notificationChannels,
      })
      .from(users)
      .leftJoin(userPreferences, eq(userPreferences.userId, users.id))
      .where(inArray(users.id, userIds));
    const byId = new Map(recipients.map((recipient) => [recipient.id, recipient]));
    for (const row of rows) {
      const recipient = byId.get(row.userId);
      if (!recipient) continue;
      const payload = parseNotificationPayload(row.type, row.data);
      if (!payload) continue;
      if (!channelsOf(recipient.channels)[channelOf[payload.type]].includes('mail')) continue;
      const rendered = renderNotificationMail(payload, recipient.locale, deps.publicOrigin ?? '');
      if (!rendered) continue;
      const locale = recipient.locale;
      await mailer
        .send({
          to: recipient.email,
          subject: rendered.subject,
          text: `${translate(locale, 'mail.greeting', { name: recipient.displayName })}\n\n${rendered.body}\n\n${translate(locale, 'mail.notificationFooter', { url: `${deps.publicOrigin ?? ''}/account#notifications-heading` })}\n\n${translate(locale, 'mail.signature')}`,
        })
        .catch((error: unknown) => deps.onMailError?.(error));
    }
  }

  return {
    /** Writes notifications (inside the caller's transaction when given); call `deliver` after commit. */
    async create(items: NotificationInput[], executor: Executor = db): Promise<NotificationRow[]> {
      if (items.length === 0) return [];
      const now = clock.now();
      // The types already forbid a wrong shape; parsing also refuses one built around them (a spread, a cast).
      const values = items.map(({ userId, ...payload }) => ({
        userId,
        ...notificationPayload.parse(payload),
        createdAt: now,
      }));
      return executor.insert(notifications).values(values).returning();
    },

    /**
     * Publishes written notifications to their users' live connections, pushes and mails those they chose to get
     * that way (push in the background).
     */
    async deliver(rows: NotificationRow[]): Promise<void> {
      for (const row of rows) {
        const notification = toNotification(row);
        if (notification) await bus.publish(`user:${row.userId}`, { type: 'notification', notification });
      }
      deps.push?.notify(rows);
      await mail(rows);
    },

    /** The actor's notifications, newest first; only ever their own. */
    async list(actor: Actor, options: { unreadOnly: boolean; offset: number; limit: number }) {
      const conditions = [eq(notifications.userId, actor.user.id)];
      if (options.unreadOnly) conditions.push(isNull(notifications.readAt));
      const rows = await db
        .select()
        .from(notifications)
        .where(and(...conditions))
        .orderBy(desc(notifications.seq))
        .limit(options.limit + 1)
        .offset(options.offset);
      return rows;
    },

    /** Marks the actor's own notifications read; ids that are not theirs are ignored. */
    async markRead(actor: Actor, selection: { ids: string[] } | { all: true }): Promise<void> {
      const own = and(eq(notifications.userId, actor.user.id), isNull(notifications.readAt));
      const uuids = 'ids' in selection ? selection.ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id)) : [];
      if ('ids' in selection && uuids.length === 0) return;
      await db
        .update(notifications)
        .set({ readAt: clock.now() })
        .where('ids' in selection ? and(own, inArray(notifications.id, uuids)) : own);
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
