import { createActionsService } from './moderation.actions.ts';
import { createAppealsService } from './moderation.appeals.ts';
import type { ModerationDeps } from './moderation.context.ts';
import {
  createPlatformSupportRepository,
  createPlatformSupportService,
} from './moderation.platform-support.ts';
import { createRecordsService } from './moderation.records.ts';
import { createModerationService } from './moderation.service.ts';
import { createSettingsService } from './moderation.settings.ts';

/** The moderation services, built from one set of dependencies (see moderation.context.ts). */
export function createModeration(deps: ModerationDeps) {
  const moderation = createModerationService(deps);
  const platformSupport = createPlatformSupportService({
    platform: createPlatformSupportRepository(deps.repository.db),
    moderation: deps.repository,
    clock: deps.clock,
  });
  return {
    moderation,
    actions: createActionsService(deps, moderation),
    appeals: createAppealsService(deps),
    settings: createSettingsService(deps, platformSupport),
    platformSupport,
    records: createRecordsService(deps),
  };
}

export type ModerationServices = ReturnType<typeof createModeration>;
