import http from 'node:http';
import https from 'node:https';
import type { notifications } from '@spejl/db';
import {
  channelOf,
  defaultTimeZone,
  type NotificationChannelKey,
  type PushPayload,
  parseNotificationPayload,
} from '@spejl/shared';
import webpush from 'web-push';
import type { Clock } from '../../clock.ts';
import { channelsOf } from '../preferences/preferences.service.ts';
import type { EndpointGuard } from './push.endpoints.ts';
import type { VapidKeys } from './push.keys.ts';
import { conversationMessagePush, notificationPush } from './push.payload.ts';
import type { PushRepository, PushSubscriptionRow } from './push.repository.ts';

type NotificationRow = typeof notifications.$inferSelect;
type Recipient = Awaited<ReturnType<PushRepository['recipients']>>[number];

/** Someone seen in a visible tab this recently is using the app: they see it there, so nothing is pushed. */
export const activeWindowMs = 90_000;
/** A subscription that has failed since this long ago (and not answered 404/410) is removed. */
export const failingLimitMs = 24 * 60 * 60 * 1000;
/** How long a push service keeps trying to reach an offline device: a day, a ringing call a minute. */
const dayTtlSeconds = 24 * 60 * 60;
const callTtlSeconds = 60;
/** Pushes sent at once by this process, and how long one may take. */
const concurrentSends = 8;
const sendTimeoutMs = 10_000;

/** Minutes after local midnight at that moment in the time zone (the default zone when it is not a known one). */
export function localMinutes(at: Date, timeZone: string): number {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  } catch {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: defaultTimeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  }
  const parts = format.formatToParts(at);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return value('hour') * 60 + value('minute');
}

/** Within the quiet hours [start, end) at that moment; a start after the end runs overnight (22:00–07:00). */
export function inQuietHours(
  at: Date,
  quiet: { start: number | null; end: number | null; timeZone: string },
): boolean {
  if (quiet.start === null || quiet.end === null || quiet.start === quiet.end) return false;
  const now = localMinutes(at, quiet.timeZone);
  return quiet.start < quiet.end
    ? now >= quiet.start && now < quiet.end
    : now >= quiet.start || now < quiet.end;
}

/** Whether this person wants a push about this now: push chosen for the kind, outside quiet hours, not in the app. */
export function pushWanted(recipient: Recipient, channel: NotificationChannelKey, now: Date): boolean {
  const preferences = recipient.preferences;
  if (!channelsOf(preferences?.notificationChannels)[channel].includes('push')) return false;
  if (recipient.activeAt && now.getTime() - recipient.activeAt.getTime() < activeWindowMs) return false;
  return !inQuietHours(now, {
    start: preferences?.quietHoursStart ?? null,
    end: preferences?.quietHoursEnd ?? null,
    timeZone: preferences?.timeZone ?? defaultTimeZone,
  });
}

interface Push {
  payload: PushPayload;
  ttlSeconds: number;
  urgency: 'normal' | 'high';
  /** RFC 8030 Topic: a push service replaces an undelivered push with the same topic. */
  topic?: string;
}

/** A new message in a direct or mentorship conversation, for its other members. */
export interface ConversationMessage {
  kind: 'direct' | 'mentorship';
  groupId: string;
  authorName: string;
  /** The author, and anyone a mention or reply about this message told already. */
  exclude: string[];
}

/**
 * Sends Web Push (RFC 8030, encrypted per RFC 8291, signed per RFC 8292 by `web-push`) after commit, in the
 * background: a push service that is slow or down never holds up the request that caused it, and no failure
 * reaches the caller (it is logged). Our own HTTP request, not `web-push`'s, so the connection goes through the
 * endpoint guard's `lookup` and http:// works outside production.
 */
export function createPushSender(deps: {
  repository: PushRepository;
  keys: VapidKeys;
  guard: EndpointGuard;
  clock: Clock;
  logger: { error(object: object, message: string): void; warn(object: object, message: string): void };
  /** The members of a conversation (its group). */
  membersOf: (groupId: string) => Promise<string[]>;
  /** The mentorship a conversation belongs to, for the link; null when unknown. */
  matchOfConversation?: (groupId: string) => Promise<string | null>;
}) {
  const { repository, clock, guard } = deps;
  const inFlight = new Set<Promise<void>>();
  const agents = {
    'http:': new http.Agent({ keepAlive: true }),
    'https:': new https.Agent({ keepAlive: true }),
  };
  let running = 0;
  const waiting: Array<() => void> = [];

  async function slot<Result>(work: () => Promise<Result>): Promise<Result> {
    if (running >= concurrentSends) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await work();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  }

  function track(work: () => Promise<void>) {
    const promise: Promise<void> = work()
      .catch((error: unknown) => deps.logger.error({ err: error }, 'push delivery failed'))
      .finally(() => inFlight.delete(promise));
    inFlight.add(promise);
  }

  /** POSTs the encrypted push; resolves with the push service's status. */
  function post(url: URL, headers: Record<string, string | number>, body: Buffer | null): Promise<number> {
    return new Promise((resolve, reject) => {
      const protocol = url.protocol === 'https:' ? https : http;
      const request = protocol.request(
        url,
        {
          method: 'POST',
          headers,
          agent: agents[url.protocol as 'http:' | 'https:'],
          lookup: guard.lookup,
          timeout: sendTimeoutMs,
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
          response.on('error', reject);
        },
      );
      request.on('timeout', () => request.destroy(new Error('the push service did not answer in time')));
      request.on('error', reject);
      request.end(body ?? undefined);
    });
  }

  async function sendTo(subscription: PushSubscriptionRow, push: Push): Promise<void> {
    const vapid = await deps.keys.get();
    let status = 0;
    try {
      const url = guard.assertSendable(subscription.endpoint);
      const details = webpush.generateRequestDetails(
        { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
        JSON.stringify(push.payload),
        {
          vapidDetails: vapid,
          TTL: push.ttlSeconds,
          urgency: push.urgency,
          ...(push.topic ? { topic: push.topic } : {}),
        },
      );
      status = await slot(() =>
        post(url, details.headers as Record<string, string | number>, details.body as Buffer | null),
      );
    } catch (error) {
      deps.logger.warn({ err: error, subscriptionId: subscription.id }, 'push not delivered');
    }
    const now = clock.now();
    if (status >= 200 && status < 300) return repository.markSuccess(subscription.id, now);
    // Gone for good: the browser unsubscribed or the push service forgot it.
    if (status === 404 || status === 410) return repository.delete(subscription.id);
    const failingSince = await repository.markFailure(subscription.id, now);
    if (failingSince && now.getTime() - failingSince.getTime() > failingLimitMs)
      await repository.delete(subscription.id);
  }

  async function pushTo(recipient: Recipient, build: (recipient: Recipient) => Push): Promise<void> {
    const push = build(recipient);
    await Promise.all(recipient.subscriptions.map((subscription) => sendTo(subscription, push)));
  }

  return {
    /** Pushes stored notifications to the devices of those who chose push for their kind. */
    notify(rows: NotificationRow[]): void {
      if (rows.length === 0) return;
      track(async () => {
        const recipients = await repository.recipients([...new Set(rows.map((row) => row.userId))]);
        const byId = new Map(recipients.map((recipient) => [recipient.userId, recipient]));
        const now = clock.now();
        await Promise.all(
          rows.map(async (row) => {
            const recipient = byId.get(row.userId);
            const payload = parseNotificationPayload(row.type, row.data);
            if (!recipient || !payload || !pushWanted(recipient, channelOf[payload.type], now)) return;
            const call = payload.type === 'mentoring.call_started';
            await pushTo(recipient, ({ locale, preferences }) => ({
              payload: notificationPush(
                { ...payload, id: row.id },
                { locale, previews: preferences?.pushPreviews ?? false },
              ),
              ttlSeconds: call ? callTtlSeconds : dayTtlSeconds,
              urgency: call || payload.type === 'moderation.self_harm' ? 'high' : 'normal',
            }));
          }),
        );
      });
    },

    /** Pushes a new direct or mentorship message to the conversation's other members (channel `direct`/`mentorship`). */
    conversationMessage(message: ConversationMessage): void {
      track(async () => {
        const exclude = new Set(message.exclude);
        const members = await deps.membersOf(message.groupId);
        const recipients = await repository.recipients(members.filter((userId) => !exclude.has(userId)));
        const now = clock.now();
        const wanting = recipients.filter((recipient) => pushWanted(recipient, message.kind, now));
        if (wanting.length === 0) return;
        const matchId =
          message.kind === 'mentorship'
            ? ((await deps.matchOfConversation?.(message.groupId)) ?? null)
            : null;
        await Promise.all(
          wanting.map((recipient) =>
            pushTo(recipient, ({ locale, preferences }) => ({
              payload: conversationMessagePush(
                { kind: message.kind, groupId: message.groupId, matchId, authorName: message.authorName },
                { locale, previews: preferences?.pushPreviews ?? false },
              ),
              ttlSeconds: dayTtlSeconds,
              urgency: 'normal',
              topic: message.groupId.replaceAll('-', '').slice(0, 32),
            })),
          ),
        );
      });
    },

    /** Resolves once every push started so far has been sent or given up (tests, and shutdown). */
    async settled(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },

    /** Waits for pushes in flight, then closes the kept-alive connections to push services. */
    async close(): Promise<void> {
      await this.settled();
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}

export type PushSender = ReturnType<typeof createPushSender>;
