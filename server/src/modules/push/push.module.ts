import type { Database } from '@spejl/db';
import type { Clock } from '../../clock.ts';
import type { PushConfig } from '../../config.ts';
import { createActivityGateway } from './push.activity.ts';
import { createEndpointGuard } from './push.endpoints.ts';
import { createVapidKeys, vapidSubjectOf } from './push.keys.ts';
import { createPushRepository } from './push.repository.ts';
import { pushRoutes } from './push.routes.ts';
import { createPushSender } from './push.sender.ts';
import { createPushService } from './push.service.ts';

/** Web Push: VAPID keys, the routes for devices, the sender the notifications and conversations call, the activity frame. */
export function createPushModule(deps: {
  db: Database;
  clock: Clock;
  production: boolean;
  config: { push?: PushConfig | undefined; mailFrom: string; publicOrigin: string };
  logger: { error(object: object, message: string): void; warn(object: object, message: string): void };
  membersOf: (groupId: string) => Promise<string[]>;
  matchOfConversation?: (groupId: string) => Promise<string | null>;
  /** Resolves endpoint hosts (tests); the system resolver otherwise. */
  resolve?: (host: string) => Promise<string[]>;
}) {
  const repository = createPushRepository(deps.db);
  const keys = createVapidKeys({
    db: deps.db,
    configured: deps.config.push?.vapidKeys,
    subject: vapidSubjectOf({ ...deps.config, vapidSubject: deps.config.push?.vapidSubject }),
  });
  const guard = createEndpointGuard({
    production: deps.production,
    ...(deps.resolve ? { resolve: deps.resolve } : {}),
  });
  const service = createPushService({ repository, keys, guard, clock: deps.clock });
  const sender = createPushSender({
    repository,
    keys,
    guard,
    clock: deps.clock,
    logger: deps.logger,
    membersOf: deps.membersOf,
    ...(deps.matchOfConversation ? { matchOfConversation: deps.matchOfConversation } : {}),
  });
  return {
    service,
    sender,
    routes: pushRoutes({ push: service }),
    gateway: createActivityGateway({ repository, clock: deps.clock }),
  };
}

export type PushModule = ReturnType<typeof createPushModule>;
