import { type Database, platformSettings, users } from '@spejl/db';
import {
  type Locale,
  moderationLimits,
  type PlatformSupport,
  type SupportResource,
  supportResource,
  type UpdatePlatformSupportBody,
} from '@spejl/shared';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { platformRefusal } from './moderation.policy.ts';
import type { Executor, ModerationRepository } from './moderation.repository.ts';
import { defaultHelplines } from './moderation.support.ts';

const helplinesKey = 'support.helplines';
const storedHelplines = z.array(supportResource).min(1).max(moderationLimits.platformHelplinesMax);

/** The stored list, or null when there is none or it no longer passes today's schema (the defaults apply). */
function parseHelplines(value: unknown): SupportResource[] | null {
  const parsed = storedHelplines.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The platform's helplines in `platform_settings`: one row, absent while the built-in list applies. */
export function createPlatformSupportRepository(db: Database) {
  return {
    async find() {
      const [row] = await db
        .select({ setting: platformSettings, updaterName: users.displayName })
        .from(platformSettings)
        .leftJoin(users, eq(users.id, platformSettings.updatedBy))
        .where(eq(platformSettings.key, helplinesKey));
      return row;
    },

    /** The stored value, locked for the rest of the transaction, so the audit's "before" is what was replaced. */
    async lockedValue(tx: Executor): Promise<unknown> {
      const [row] = await tx
        .select({ value: platformSettings.value })
        .from(platformSettings)
        .where(eq(platformSettings.key, helplinesKey))
        .for('update');
      return row?.value ?? null;
    },

    async save(helplines: SupportResource[], updatedBy: string, updatedAt: Date, tx: Executor) {
      await tx
        .insert(platformSettings)
        .values({ key: helplinesKey, value: helplines, updatedAt, updatedBy })
        .onConflictDoUpdate({
          target: platformSettings.key,
          set: { value: helplines, updatedAt, updatedBy },
        });
    },

    async clear(tx: Executor) {
      await tx.delete(platformSettings).where(eq(platformSettings.key, helplinesKey));
    },
  };
}

export type PlatformSupportRepository = ReturnType<typeof createPlatformSupportRepository>;

/** Compares lists by their content: jsonb does not keep the order of an object's keys. */
const sameList = (a: SupportResource[] | null, b: SupportResource[] | null) => {
  const flat = (list: SupportResource[] | null) =>
    JSON.stringify(
      list?.map((entry) => [entry.name, entry.phone ?? null, entry.url ?? null, entry.description ?? null]) ??
        null,
    );
  return flat(a) === flat(b);
};

/**
 * The platform's helplines: admins (with TOTP in the session, like the platform's watched words) replace the
 * built-in Danish list or go back to it; every change is in the audit log. A group's own list still comes first.
 */
export function createPlatformSupportService(deps: {
  platform: PlatformSupportRepository;
  moderation: Pick<ModerationRepository, 'audit' | 'transaction'>;
  clock: Clock;
}) {
  const { platform, moderation, clock } = deps;

  function refuseUnlessAdmin(actor: Actor) {
    const refusal = platformRefusal(actor);
    if (refusal) throw new AppError(refusal);
  }

  async function view(actor: Actor): Promise<PlatformSupport> {
    const row = await platform.find();
    const stored = row ? parseHelplines(row.setting.value) : null;
    const defaults = defaultHelplines(actor.user.locale);
    return {
      helplines: stored ?? defaults,
      customised: stored !== null,
      defaults,
      updatedAt: stored && row ? row.setting.updatedAt.toISOString() : null,
      updatedBy:
        stored && row?.setting.updatedBy
          ? { id: row.setting.updatedBy, displayName: row.updaterName ?? '' }
          : null,
      permissions: { canEdit: true },
    };
  }

  return {
    /** The helplines for a group without its own list: the platform's, else the built-in ones in `locale`. */
    async helplines(locale: Locale): Promise<SupportResource[]> {
      const row = await platform.find();
      return (row ? parseHelplines(row.setting.value) : null) ?? defaultHelplines(locale);
    },

    async get(actor: Actor): Promise<PlatformSupport> {
      refuseUnlessAdmin(actor);
      return view(actor);
    },

    /** Replaces the list, or (helplines null) goes back to the built-in one; an unchanged list writes nothing. */
    async update(actor: Actor, body: UpdatePlatformSupportBody): Promise<PlatformSupport> {
      refuseUnlessAdmin(actor);
      const next = body.helplines;
      const now = clock.now();
      await moderation.transaction(async (tx) => {
        const before = parseHelplines(await platform.lockedValue(tx));
        if (sameList(before, next)) return;
        if (next === null) await platform.clear(tx);
        else await platform.save(next, actor.user.id, now, tx);
        await moderation.audit(
          [
            {
              groupId: null,
              actorId: actor.user.id,
              action: 'support.updated',
              reason: body.reason ?? null,
              before: { helplines: before },
              after: { helplines: next },
              createdAt: now,
            },
          ],
          tx,
        );
      });
      return view(actor);
    },
  };
}

export type PlatformSupportService = ReturnType<typeof createPlatformSupportService>;
