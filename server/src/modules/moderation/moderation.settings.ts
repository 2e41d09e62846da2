import {
  type ModerationFilter,
  type ModerationSettings,
  moderationLimits,
  type UpdateModerationSettingsBody,
} from '@spejl/shared';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { authorize, loadGroup } from '../groups/groups.context.ts';
import { isUuid } from '../groups/groups.repository.ts';
import { type ModerationDeps, standingIn } from './moderation.context.ts';
import { words } from './moderation.filters.ts';
import type { PlatformSupportService } from './moderation.platform-support.ts';
import { groupModerationRefusal, platformRefusal } from './moderation.policy.ts';
import type { SettingsRow } from './moderation.repository.ts';
import { rulesChangedChannel } from './moderation.rules-cache.ts';

const person = (id: string | null, name: string | null) => (id ? { id, displayName: name ?? '' } : null);

/**
 * A group's moderation settings, watched words (group and platform) and support resources. Helplines: the group's
 * own list, else the platform's (`platformSupport`), else the built-in one.
 */
export function createSettingsService(
  deps: ModerationDeps,
  platformSupport: Pick<PlatformSupportService, 'helplines'>,
) {
  const { repository, clock } = deps;
  /** After a change is written: the chat gate on every process reads the group's rules afresh. */
  const rulesChanged = async (groupId: string | null) => {
    if (deps.rules) await deps.rules.changed(groupId);
    else await deps.bus.publish(rulesChangedChannel, { groupId });
  };

  async function moderatedGroup(actor: Actor, groupId: string) {
    const { standing, group } = await standingIn(deps.groupsRepository, actor, groupId);
    const refusal = groupModerationRefusal(actor, standing);
    if (refusal) throw new AppError(refusal);
    return group;
  }

  async function toSettings(actor: Actor, row: SettingsRow): Promise<ModerationSettings> {
    return {
      groupId: row.groupId,
      hideThreshold: row.hideThreshold,
      slowModeSeconds: row.slowModeSeconds,
      newMemberMessageCount: row.newMemberMessageCount,
      holdNewMemberMessages: row.holdNewMemberMessages,
      newMemberLinkLimit: row.newMemberLinkLimit,
      helplines: row.helplines ?? (await platformSupport.helplines(actor.user.locale)),
      helplinesCustomised: row.helplines !== null,
      contacts: row.contacts,
      updatedAt: row.updatedAt?.toISOString() ?? null,
      permissions: { canEdit: true },
    };
  }

  return {
    async settings(actor: Actor, groupId: string) {
      const group = await moderatedGroup(actor, groupId);
      return toSettings(actor, await repository.settingsOf(group.id));
    },

    /** Changes settings; the audit log keeps what each changed value was before and after. */
    async updateSettings(actor: Actor, groupId: string, body: UpdateModerationSettingsBody) {
      const group = await moderatedGroup(actor, groupId);
      const current = await repository.settingsOf(group.id);
      const changes = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
      const now = clock.now();
      await repository.saveSettings(group.id, { ...changes, updatedAt: now, updatedBy: actor.user.id });
      await rulesChanged(group.id);
      const before = Object.fromEntries(
        Object.keys(changes).map((key) => [key, current[key as keyof SettingsRow]]),
      );
      await repository.audit([
        {
          groupId: group.id,
          actorId: actor.user.id,
          action: 'settings.update',
          reason: null,
          before,
          after: changes,
          createdAt: now,
        },
      ]);
      return toSettings(actor, await repository.settingsOf(group.id));
    },

    /** A group's watched words, or the platform's (admins) when no group is given. */
    async filters(actor: Actor, groupId: string | undefined): Promise<ModerationFilter[]> {
      let scope: string | null = null;
      if (groupId === undefined) {
        const refusal = platformRefusal(actor);
        if (refusal) throw new AppError(refusal);
      } else {
        scope = (await moderatedGroup(actor, groupId)).id;
      }
      const rows = await repository.listFilters(scope);
      return rows.map(({ filter, creatorName }) => ({
        id: filter.id,
        groupId: filter.groupId,
        kind: filter.kind,
        pattern: filter.pattern,
        action: filter.action,
        createdAt: filter.createdAt.toISOString(),
        createdBy: person(filter.createdBy, creatorName),
      }));
    },

    async addFilter(
      actor: Actor,
      body: {
        groupId?: string | undefined;
        kind: 'word' | 'pattern';
        pattern: string;
        action: 'block' | 'hold' | 'flag';
      },
    ): Promise<ModerationFilter> {
      let scope: string | null = null;
      if (body.groupId === undefined) {
        const refusal = platformRefusal(actor);
        if (refusal) throw new AppError(refusal);
      } else {
        scope = (await moderatedGroup(actor, body.groupId)).id;
      }
      if (words(body.pattern).join('').replaceAll('*', '').length === 0)
        throw new AppError('validation.failed', {
          details: [{ path: ['pattern'], message: 'needs a letter or digit' }],
        });
      const existing = await repository.listFilters(scope);
      if (existing.length >= moderationLimits.filtersMax)
        throw new AppError('validation.failed', {
          details: [{ path: ['pattern'], message: 'too many filters' }],
        });
      const folded = words(body.pattern).join(' ');
      if (
        existing.some(({ filter }) => filter.kind === body.kind && words(filter.pattern).join(' ') === folded)
      )
        throw new AppError('moderation.filter_exists');
      const now = clock.now();
      const row = await repository.transaction(async (tx) => {
        const inserted = await repository.insertFilter(
          {
            groupId: scope,
            kind: body.kind,
            pattern: body.pattern,
            action: body.action,
            createdBy: actor.user.id,
            createdAt: now,
          },
          tx,
        );
        await repository.audit(
          [
            {
              groupId: scope,
              actorId: actor.user.id,
              action: 'filter.create',
              reason: null,
              after: { kind: body.kind, pattern: body.pattern, action: body.action },
              createdAt: now,
            },
          ],
          tx,
        );
        return inserted;
      });
      await rulesChanged(scope);
      return {
        id: row.id,
        groupId: row.groupId,
        kind: row.kind,
        pattern: row.pattern,
        action: row.action,
        createdAt: row.createdAt.toISOString(),
        createdBy: { id: actor.user.id, displayName: actor.user.displayName },
      };
    },

    async removeFilter(actor: Actor, id: string) {
      const filter = isUuid(id) ? await repository.findFilter(id) : undefined;
      if (!filter) throw new AppError('not_found');
      if (filter.groupId === null) {
        const refusal = platformRefusal(actor);
        if (refusal) throw new AppError(refusal === 'auth.forbidden' ? 'not_found' : refusal);
      } else {
        const { standing } = await standingIn(deps.groupsRepository, actor, filter.groupId);
        const refusal = groupModerationRefusal(actor, standing);
        if (refusal) throw new AppError(refusal === 'auth.forbidden' ? 'not_found' : refusal);
      }
      const now = clock.now();
      await repository.transaction(async (tx) => {
        await repository.deleteFilter(filter.id, tx);
        await repository.audit(
          [
            {
              groupId: filter.groupId,
              actorId: actor.user.id,
              action: 'filter.delete',
              reason: null,
              before: { kind: filter.kind, pattern: filter.pattern, action: filter.action },
              createdAt: now,
            },
          ],
          tx,
        );
      });
      await rulesChanged(filter.groupId);
    },

    /** Helplines and the group's contacts, for any member of the group (without a group: the platform's helplines). */
    async support(actor: Actor, groupId: string | undefined) {
      if (groupId === undefined)
        return { group: null, helplines: await platformSupport.helplines(actor.user.locale), contacts: [] };
      const context = await loadGroup(deps.groupsRepository, actor, groupId);
      authorize(actor, 'read', context);
      const group = context.row.group;
      const settings = await repository.settingsOf(group.id);
      return {
        group: { id: group.id, name: group.name, slug: group.slug },
        helplines: settings.helplines ?? (await platformSupport.helplines(actor.user.locale)),
        contacts: settings.contacts,
      };
    },
  };
}
