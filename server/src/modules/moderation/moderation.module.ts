import { createActionsService } from './moderation.actions.ts';
import { createAppealsService } from './moderation.appeals.ts';
import type { ModerationDeps } from './moderation.context.ts';
import { createRecordsService } from './moderation.records.ts';
import { createModerationService } from './moderation.service.ts';
import { createSettingsService } from './moderation.settings.ts';

/** The moderation services, built from one set of dependencies (see moderation.context.ts). */
export function createModeration(deps: ModerationDeps) {
  const moderation = createModerationService(deps);
  return {
    moderation,
    actions: createActionsService(deps, moderation),
    appeals: createAppealsService(deps),
    settings: createSettingsService(deps),
    records: createRecordsService(deps),
  };
}

export type ModerationServices = ReturnType<typeof createModeration>;
