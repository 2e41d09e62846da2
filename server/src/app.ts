import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import type { DatabaseHandle } from '@spejl/db';
import { limits, pickLocale } from '@spejl/shared';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { requestValidatorCompiler } from './http/validation.ts';
import type { Bus } from './bus/bus.ts';
import type { Jobs } from './jobs/jobs.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { registerErrorHandler } from './http/error-handler.ts';
import { registerOpenApi } from './http/openapi.ts';
import { createLimitStore, type LimitStore } from './http/limits.ts';
import { RateLimiter } from './http/rate-limit.ts';
import { registerRouteLimits } from './http/route-limits.ts';
import { registerSecurity } from './http/security.ts';
import { registerGateway } from './realtime/gateway.ts';
import { createAdminUsersRepository } from './modules/admin-users/admin-users.repository.ts';
import { adminUsersRoutes } from './modules/admin-users/admin-users.routes.ts';
import { createAdminUsersService } from './modules/admin-users/admin-users.service.ts';
import { createAccountCommands } from './modules/auth/auth.accounts.ts';
import { readSessionCookie } from './modules/auth/auth.cookies.ts';
import { createAuthRepository } from './modules/auth/auth.repository.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { createAuthService } from './modules/auth/auth.service.ts';
import { createSessionCache } from './modules/auth/auth.session-cache.ts';
import { createWelcomeService, welcomeRoutes } from './modules/auth/auth.welcome.ts';
import { createGroupsRepository } from './modules/groups/groups.repository.ts';
import { createJoiningService } from './modules/groups/groups.joining.ts';
import { groupRoutes } from './modules/groups/groups.routes.ts';
import { createGroupListMemory, publishDirectoryChange } from './modules/groups/groups.list-memory.ts';
import { createGroupsService } from './modules/groups/groups.service.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { mailRoutes } from './modules/mail/mail.routes.ts';
import { digestRoutes } from './modules/digests/digests.routes.ts';
import { createDigestsService, digestQueue, type DigestsService } from './modules/digests/digests.service.ts';
import { createMailer, type Mailer } from './modules/mail/mail.service.ts';
import { createMessagesRepository } from './modules/messages/messages.repository.ts';
import { attachmentsSection } from './modules/messages/messages.attachments.personal-data.ts';
import { createAttachmentsRepository } from './modules/messages/messages.attachments.repository.ts';
import { attachmentRoutes } from './modules/messages/messages.attachments.routes.ts';
import {
  attachmentSweepQueue,
  type AttachmentsService,
  createAttachmentsService,
} from './modules/messages/messages.attachments.ts';
import type { FileStorage } from './files/storage.ts';
import { messageRoutes } from './modules/messages/messages.routes.ts';
import { createChatGateway } from './modules/messages/messages.gateway.ts';
import { createChatMemory } from './modules/messages/messages.memory.ts';
import { createMessagesService } from './modules/messages/messages.service.ts';
import { type AccessLog, createAccessLog } from './modules/privacy/privacy.access-log.ts';
import { requireConsent } from './modules/privacy/privacy.consents.ts';
import { coreSections } from './modules/privacy/privacy.personal-data.ts';
import { createRetention, type Retention, retentionQueue } from './modules/privacy/privacy.retention.ts';
import { leaveAllGroups } from './modules/privacy/privacy.withdrawal.ts';
import { privacyRoutes } from './modules/privacy/privacy.routes.ts';
import { createAssociationLogosService } from './modules/associations/associations.logo.ts';
import { createAssociationLogosRepository } from './modules/associations/associations.logo.repository.ts';
import { associationLogoRoutes } from './modules/associations/associations.logo.routes.ts';
import { createAssociationsRepository } from './modules/associations/associations.repository.ts';
import { associationsRoutes } from './modules/associations/associations.routes.ts';
import { createAssociationsService } from './modules/associations/associations.service.ts';
import { createGroupsAdminRepository } from './modules/groups/groups.admin.repository.ts';
import { groupAdminRoutes } from './modules/groups/groups.admin.routes.ts';
import { createGroupsAdminService } from './modules/groups/groups.admin.ts';
import { pagesSection } from './modules/pages/pages.personal-data.ts';
import { createPagesRepository } from './modules/pages/pages.repository.ts';
import { pagesRoutes } from './modules/pages/pages.routes.ts';
import { createPagesService } from './modules/pages/pages.service.ts';
import { resourcesSection } from './modules/resources/resources.personal-data.ts';
import { createResourcesRepository } from './modules/resources/resources.repository.ts';
import { createResourceKitService } from './modules/resources/resources.kit.ts';
import { resourcesRoutes } from './modules/resources/resources.routes.ts';
import { createResourcesService, type ResourcesDeps } from './modules/resources/resources.service.ts';
import { createAssociationEditorsService } from './modules/resources/resources.editors.ts';
import { createPrivacyService, type PrivacyService } from './modules/privacy/privacy.service.ts';
import { preferencesRoutes } from './modules/preferences/preferences.routes.ts';
import { directSection } from './modules/direct/direct.personal-data.ts';
import { createDirectRepository } from './modules/direct/direct.repository.ts';
import { directRoutes } from './modules/direct/direct.routes.ts';
import { createDirectService, directWriting } from './modules/direct/direct.service.ts';
import { createPreferencesService } from './modules/preferences/preferences.service.ts';
import { createCoordinationService } from './modules/mentoring/mentoring.coordination.ts';
import { registerLifecycleJobs } from './modules/mentoring/mentoring.lifecycle.ts';
import { webinarsSection } from './modules/webinars/webinars.personal-data.ts';
import { leaveMentoring, mentoringSection } from './modules/mentoring/mentoring.personal-data.ts';
import { createMatchesService } from './modules/mentoring/mentoring.matches.ts';
import { createMentorshipModeration } from './modules/mentoring/mentoring.moderation.ts';
import { createMentoringRepository } from './modules/mentoring/mentoring.repository.ts';
import { mentoringRoutes } from './modules/mentoring/mentoring.routes.ts';
import { createMentoringService } from './modules/mentoring/mentoring.service.ts';
import { createMessageGate } from './modules/moderation/moderation.gate.ts';
import { moderationSection } from './modules/moderation/moderation.personal-data.ts';
import { createModerationGateway } from './modules/moderation/moderation.gateway.ts';
import { createModeration } from './modules/moderation/moderation.module.ts';
import {
  moderationRecordRoutes,
  suspensionAppealRoutes,
} from './modules/moderation/moderation.records.routes.ts';
import { createModerationRecordsRepository } from './modules/moderation/moderation.records.repository.ts';
import { createModerationRepository } from './modules/moderation/moderation.repository.ts';
import { createRulesCache } from './modules/moderation/moderation.rules-cache.ts';
import { moderationRoutes } from './modules/moderation/moderation.routes.ts';
import { notificationRoutes } from './modules/notifications/notifications.routes.ts';
import { createNotificationService } from './modules/notifications/notifications.service.ts';
import { createPushModule, type PushModule } from './modules/push/push.module.ts';
import { pushSection } from './modules/push/push.personal-data.ts';
import { calendarFeedRoutes, webinarRoutes } from './modules/webinars/webinars.routes.ts';
import { createWebinarsModule, type WebinarsModule } from './modules/webinars/webinars.module.ts';
import { createProgrammesModule, type ProgrammesModule } from './modules/programmes/programmes.module.ts';
import { programmesSection } from './modules/programmes/programmes.personal-data.ts';
import { createMentorshipLookup } from './modules/programmes/programmes.mentoring.ts';
import { createVideoModule, type VideoOptions } from './modules/video/video.module.ts';
import { version } from './version.ts';
import { attachmentLimits } from '@spejl/shared';
import { safeUrl, serializeError } from './logging.ts';

export interface AppDeps {
  database: DatabaseHandle;
  bus: Bus;
  /** The durable job queue (reminders, follow-ups, retention); handlers are registered by the modules. */
  jobs: Jobs;
  config: Pick<Config, 'publicOrigin' | 'nodeEnv' | 'smtpUrl' | 'mailFrom' | 'trustProxy'> &
    Partial<Pick<Config, 'realtime' | 'redisUrl' | 'controller' | 'uploadMaxBytes' | 'push'>>;
  /** Where uploaded files' bytes go (files/storage.ts): SPEJL_DATA_DIR/files in main.ts, a temporary folder in tests. */
  storage: FileStorage;
  logLevel?: string;
  /** Where log lines go (main.ts: an asynchronous stdout that never blocks shutdown); pino's default otherwise. */
  logStream?: { write(line: string): void };
  /** Whose rate-limit counters these are in a shared Redis; the public origin unless a test keeps its runs apart. */
  limitNamespace?: string;
  clock?: Clock;
  mailer?: Mailer;
  /** WebSocket heartbeat interval; tests shorten it. */
  heartbeatMs?: number;
  /**
   * How long a signed-in session is kept between requests (auth.session-cache.ts; 30 s unless given). 0 keeps none:
   * tests that write users and sessions straight into the database, past the bus, use that.
   */
  sessionCacheTtlMs?: number;
  /**
   * How long group chat and the group list trust what they keep in memory without an announcement
   * (messages.memory.ts, groups.list-memory.ts; 30 s unless given). 0 keeps nothing: tests that write memberships,
   * groups or messages straight into the database use that.
   */
  chatMemoryTtlMs?: number;
  /** Video in rooms and calls; without it, p2p with public defaults and no STUN or TURN. */
  video?: VideoOptions;
}

/** Builds the Fastify app with every /api route; the caller listens and mounts the web. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const clock = deps.clock ?? systemClock;
  const production = deps.config.nodeEnv === 'production';
  const db = deps.database.db;
  const app = Fastify({
    logger: {
      level: deps.logLevel ?? 'info',
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password'],
      serializers: {
        req: (request: { method: string; url: string; ip?: string; id?: string }) => ({
          method: request.method,
          url: safeUrl(request.url),
        }),
        err: serializeError,
      },
      ...(deps.logStream ? { stream: deps.logStream } : {}),
    },
    genReqId: () => randomUUID(),
    bodyLimit: limits.bodyBytes,
    trustProxy: deps.config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(requestValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const mailer =
    deps.mailer ??
    createMailer({ db, clock, smtpUrl: deps.config.smtpUrl, from: deps.config.mailFrom, logger: app.log });
  const limiter = new RateLimiter(clock);
  // Route limits count where the bus runs: in this process, or in PostgreSQL or Redis shared by every process.
  const routeLimits = await createLimitStore({
    kind: deps.bus.kind,
    clock,
    raw: deps.database.raw,
    redisUrl: deps.config.redisUrl,
    namespace: deps.limitNamespace ?? deps.config.publicOrigin,
    onError: (error, context) => app.log.error({ err: error }, `rate limits: ${context}`),
  });
  // What group chat keeps in memory (messages.memory.ts): its own repositories' reads, forgotten as the bus announces
  // changes. Every service publishes through `bus`, which lets this process forget at publish.
  const groupsRepository = createGroupsRepository(db);
  const messagesRepository = createMessagesRepository(db);
  const chatMemory = createChatMemory({
    groups: groupsRepository,
    messages: messagesRepository,
    bus: deps.bus,
    ttlMs: deps.chatMemoryTtlMs,
  });
  // The group list's answers per person (groups.list-memory.ts), forgotten by the same announcements.
  const groupListMemory = createGroupListMemory({ bus: deps.bus, ttlMs: deps.chatMemoryTtlMs });
  const bus = groupListMemory.watch(chatMemory.watch(deps.bus));
  const authRepository = createAuthRepository(db);
  const moderationRepository = createModerationRepository(db);
  // Each group's moderation settings and filters, kept for the chat gate and told of every change by the settings service.
  const moderationRules = createRulesCache({ repository: moderationRepository, bus });
  const sessionCache = createSessionCache({ bus, ttlMs: deps.sessionCacheTtlMs });
  const auth = createAuthService({
    repository: authRepository,
    sessionCache,
    clock,
    mailer,
    onBackgroundError: (error) => app.log.error({ err: error }, 'auth mail work failed'),
    publicOrigin: deps.config.publicOrigin,
    bus,
    // Through the moderation module's own insert: the platform audit log is its table.
    recordSecurityEvent: (event) =>
      moderationRepository.audit([
        {
          groupId: null,
          actorId: event.userId,
          targetUserId: event.userId,
          action: event.action,
          after: event.details,
          createdAt: event.at,
        },
      ]),
  });
  const preferences = createPreferencesService({ db, bus, clock });
  // Web Push: people's devices, the sender notifications and conversations call after commit, the activity frame.
  const push = createPushModule({
    db,
    clock,
    production,
    config: deps.config,
    logger: app.log,
    membersOf: async (groupId) => {
      // A direct request is pushed as `direct.request`; its first message is not pushed a second time.
      const conversation = await directRepository.findByGroup(groupId);
      if (conversation && conversation.status !== 'accepted') return [];
      return (await groupsDeps.repository.listMembers(groupId)).map((member) => member.userId);
    },
    matchOfConversation: (groupId) => mentoringDeps.repository.matchIdOfConversation(groupId),
  });
  // The VAPID key pair is made (or read) at start, as the contract says, not by the first browser that asks.
  app.addHook('onReady', async () => {
    await push.service.publicKey();
  });
  app.addHook('onClose', () => push.sender.close());
  const notifications = createNotificationService({
    db,
    clock,
    bus,
    push: push.sender,
    mailer,
    publicOrigin: deps.config.publicOrigin,
    onMailError: (error) => app.log.error({ err: error }, 'notification mail failed'),
  });
  const accessLog = createAccessLog({ db, clock });
  const groupsDeps = {
    repository: groupsRepository,
    notifications,
    mailer,
    clock,
    bus,
    publicOrigin: deps.config.publicOrigin,
    requireConsent: (userId: string, kind: 'health_data_groups') => requireConsent(db, userId, kind),
    accessLog,
    audit: (entries: Parameters<typeof moderationRepository.audit>[0]) => moderationRepository.audit(entries),
    listMemory: groupListMemory,
  };
  const groups = createGroupsService(groupsDeps);
  const groupsAdmin = createGroupsAdminService({
    ...groupsDeps,
    admin: createGroupsAdminRepository(db),
    groups,
    audit: groupsDeps.audit,
  });
  const joining = createJoiningService(groupsDeps);
  const attachmentsRepository = createAttachmentsRepository(db);
  // Declared before the chat that calls it once a message is deleted; made right after it.
  let attachments: AttachmentsService | undefined;
  const removeDetachedFiles = () => attachments?.sweep() ?? Promise.resolve(0);
  const moderationRecords = createModerationRecordsRepository(db);
  // Direct messages: each conversation is a `direct` group; the chat asks the direct module who may write in one.
  const directRepository = createDirectRepository(db);
  const messages = createMessagesService({
    conversations: directWriting(directRepository),
    repository: messagesRepository,
    attachments: attachmentsRepository,
    removeDetachedFiles,
    groups: groupsDeps.repository,
    memory: chatMemory,
    notifications,
    clock,
    limiter,
    bus,
    accessLog,
    moderation: createMessageGate({
      repository: moderationRepository,
      clock,
      bus,
      rules: moderationRules,
    }),
    conversationPush: (message) => push.sender.conversationMessage(message),
  });
  attachments = createAttachmentsService({
    repository: attachmentsRepository,
    storage: deps.storage,
    messages,
    clock,
    // Moderation is made further down; a reviewer of a report sees the reported message's files.
    reviewsMessage: (actor, messageId) => moderation.moderation.reviewsMessage(actor, messageId),
    // A file resource's file goes to those the kit's policy lets read the resource.
    resourceFileAccess: (actor, resourceId, fileId) => resources.fileAccess(actor, resourceId, fileId),
  });
  const attachmentsService = attachments;
  // The information kit (issue 21): resources, their review queue and association editors; a file resource's file
  // is an upload the chat's attachments store and the sweep removes once the resource is gone.
  const resourcesDeps: ResourcesDeps = {
    repository: createResourcesRepository(db),
    clock,
    audit: (entries, executor) => moderationRepository.audit(entries, executor),
    transaction: (work) => db.transaction((tx) => work(tx)),
    files: {
      claim: (uploadId, target, tx) => attachmentsRepository.claimForResource(uploadId, target, tx),
      release: (resourceId, fileId, tx) => attachmentsRepository.releaseFromResource(resourceId, fileId, tx),
      removeReleased: removeDetachedFiles,
    },
  };
  const resources = createResourcesService(resourcesDeps);
  // Files of deleted messages, unsent uploads and erased accounts: hourly (main.ts), and after each deletion.
  await deps.jobs.work(attachmentSweepQueue, async () => {
    await attachmentsService.sweep();
  });
  const direct = createDirectService({
    repository: directRepository,
    bus,
    groups: groupsDeps.repository,
    messages,
    notifications,
    preferences,
    clock,
  });

  // The terms, the privacy policy and the help; a new version that needs consent asks everyone again.
  const pages = createPagesService({
    repository: createPagesRepository(db),
    clock,
    defaultContext: async () => ({
      controller: deps.config.controller ?? {},
      retention: await retention.settings(),
      publicOrigin: deps.config.publicOrigin,
    }),
    audit: (entries, executor) => moderationRepository.audit(entries, executor),
    transaction: (work) => db.transaction((tx) => work(tx)),
  });
  // People in the administration: the auth module's account commands, audited and mailed.
  const adminUsers = createAdminUsersService({
    repository: createAdminUsersRepository(db),
    accounts: createAccountCommands({ db, clock, bus }),
    clock,
    mailer,
    publicOrigin: deps.config.publicOrigin,
    audit: (entries, executor) => moderationRepository.audit(entries, executor),
    onMailError: (error) => app.log.error({ err: error }, 'admin account mail failed'),
  });
  const privacy = createPrivacyService({
    currentConsent: (kind) => pages.currentConsent(kind),
    db,
    clock,
    bus,
    jobs: deps.jobs,
    notifications,
    accessLog,
    publicOrigin: deps.config.publicOrigin,
    sections: [
      ...coreSections,
      mentoringSection,
      webinarsSection,
      moderationSection,
      pagesSection,
      directSection,
      resourcesSection,
      programmesSection,
      pushSection,
      attachmentsSection({ repository: attachmentsRepository, attachments: attachmentsService }),
    ],
    afterErase: removeDetachedFiles,
    onWithdraw: {
      health_data_groups: leaveAllGroups({ groups, joining, privacy: () => privacy }),
      health_data_mentoring: (actor) =>
        leaveMentoring({ repository: mentoringDeps.repository, mentoring })(actor),
    },
  });
  const retention = createRetention({
    db,
    clock,
    mailer,
    groups: groupsDeps.repository,
    publicOrigin: deps.config.publicOrigin,
    deleteAccount: async (userId) => {
      await privacy.eraseUser(userId, 'anonymise');
    },
    audit: (entries, executor) => moderationRepository.audit(entries, executor),
    removeDetachedFiles,
    bus,
  });
  await deps.jobs.work(retentionQueue, async () => {
    const report = await retention.run();
    app.log.info({ retention: report }, 'retention run');
  });
  // Email digests: hourly (main.ts), each person's once per day or week, claimed in the database.
  const digests = createDigestsService({
    db,
    clock,
    mailer,
    bus,
    publicOrigin: deps.config.publicOrigin,
    onError: (error, context) => app.log.error({ err: error }, `${context} failed`),
  });
  await deps.jobs.work(digestQueue, async () => {
    const sent = await digests.sendDueDigests();
    if (sent > 0) app.log.info({ digests: sent }, 'digests sent');
  });

  // Mentoring: profiles, requests, matches with their private conversation (a `mentorship` group), lifecycle jobs.
  const mentoringDeps = {
    repository: createMentoringRepository(db),
    groups: groupsDeps.repository,
    notifications,
    mailer,
    jobs: deps.jobs,
    clock,
    publicOrigin: deps.config.publicOrigin,
    logger: app.log,
    accessLog,
    bus,
  };
  const mentoring = createMentoringService(mentoringDeps);
  const matches = createMatchesService(mentoringDeps);
  const coordination = createCoordinationService({ ...mentoringDeps, matches });
  const mentorships = createMentorshipModeration(mentoringDeps, matches, coordination);
  await registerLifecycleJobs(mentoringDeps);
  const webinars = await createWebinarsModule({
    db,
    bus,
    jobs: deps.jobs,
    clock,
    limiter,
    mailer,
    notifications,
    publicOrigin: deps.config.publicOrigin,
    logger: app.log,
  });
  // The new-family programme (issue 21): steps, cohorts, enrolments, reminders through notifications, evaluations.
  const programmes = await createProgrammesModule({
    db,
    clock,
    jobs: deps.jobs,
    notifications,
    audit: (entries, executor) => moderationRepository.audit(entries, executor),
    logger: app.log,
    mentorshipOf: createMentorshipLookup(mentoringDeps.repository),
  });
  const moderation = createModeration({
    repository: moderationRepository,
    rules: moderationRules,
    records: moderationRecords,
    groupsRepository: groupsDeps.repository,
    groups,
    messages,
    messagesRepository,
    authRepository,
    notifications,
    mailer,
    clock,
    bus,
    publicOrigin: deps.config.publicOrigin,
    accessLog,
    mentorships,
    removeDetachedFiles,
  });

  // While shutting down, answers in flight close their connection so the process can exit promptly.
  let shuttingDown = false;
  app.addHook('preClose', async () => {
    shuttingDown = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (shuttingDown) reply.header('connection', 'close');
  });

  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'da');
  await app.register(fastifyCookie);
  registerErrorHandler(app);
  registerSecurity(app, { publicOrigin: deps.config.publicOrigin, production });
  registerRouteLimits(app, routeLimits, (error) =>
    app.log.error({ err: error }, 'rate limits: a refund failed'),
  );
  // Mail that auth sends after answering is finished before the database closes; then the limits' connections go.
  app.addHook('onClose', async () => {
    await auth.settled();
    await routeLimits.close();
    sessionCache.close();
    moderationRules.close();
    chatMemory.close();
    groupListMemory.close();
  });

  app.addHook('onRequest', async (request) => {
    request.locale = pickLocale(request.cookies.spejl_locale, request.headers['accept-language']);
    const token = readSessionCookie(request, production);
    if (token) request.actor = await auth.validateSession(token);
    if (request.actor) request.locale = request.actor.user.locale;
  });

  await registerOpenApi(app, { version });

  await app.register(
    async (api) => {
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      await api.register(
        healthRoutes({
          ping: async () => {
            await deps.database.raw.query('select 1');
          },
          dbKind: deps.database.kind,
          busKind: bus.kind,
          version,
        }),
      );
      await api.register(authRoutes({ auth, production, limits: routeLimits }));
      await api.register(mailRoutes({ db, environment: deps.config.nodeEnv }));
      await api.register(digestRoutes({ digests }));
      await api.register(groupRoutes({ groups, joining }));
      await api.register(groupAdminRoutes({ groupsAdmin }));
      await api.register(notificationRoutes({ notifications }));
      await api.register(messageRoutes({ messages }));
      await api.register(
        attachmentRoutes({
          attachments: attachmentsService,
          maxBytes: deps.config.uploadMaxBytes ?? attachmentLimits.defaultMaxMegabytes * 1024 * 1024,
        }),
      );
      await api.register(preferencesRoutes({ preferences }));
      await api.register(push.routes);
      await api.register(directRoutes({ direct }));
      await api.register(welcomeRoutes({ welcome: createWelcomeService({ db }) }));
      await api.register(privacyRoutes({ privacy, retention, production }));
      await api.register(pagesRoutes({ pages }));
      await api.register(adminUsersRoutes({ adminUsers }));
      const associationsRepository = createAssociationsRepository(db);
      const associations = createAssociationsService({
        repository: associationsRepository,
        clock,
        audit: (entries, executor) => moderationRepository.audit(entries, executor),
        transaction: (work) => db.transaction((tx) => work(tx)),
        changed: () => publishDirectoryChange(bus),
      });
      await api.register(associationsRoutes({ associations }));
      await api.register(
        associationLogoRoutes({
          logos: createAssociationLogosService({
            logos: createAssociationLogosRepository(db),
            associations: associationsRepository,
            present: (actor, id) => associations.get(actor, id),
            clock,
            audit: (entries, executor) => moderationRepository.audit(entries, executor),
            transaction: (work) => db.transaction((tx) => work(tx)),
            changed: () => publishDirectoryChange(bus),
          }),
        }),
      );
      await api.register(
        resourcesRoutes({
          resources,
          editors: createAssociationEditorsService(resourcesDeps),
          kit: createResourceKitService({
            repository: resourcesDeps.repository,
            clock,
            publicOrigin: deps.config.publicOrigin,
          }),
        }),
      );
      await api.register(programmes.routes);
      await api.register(mentoringRoutes({ mentoring, matches, coordination }));
      await api.register(webinarRoutes(webinars));
      await api.register(calendarFeedRoutes(webinars));
      await api.register(moderationRoutes(moderation));
      await api.register(moderationRecordRoutes(moderation));
      await api.register(suspensionAppealRoutes(moderation));
    },
    { prefix: '/api' },
  );
  // Video: signalling for webinar stages (p2p or the Janus SFU) and the pair's calls in a mentorship (p2p).
  const video = createVideoModule({
    options: deps.video,
    bus,
    clock,
    limiter,
    logger: app.log,
    rooms: webinars.gateway,
    callAccess: matches.assertCall,
    callStarted: matches.callStarted,
    stageStatus: webinars.rooms.stageStatus,
  });

  await registerGateway(app, {
    bus,
    publicOrigin: deps.config.publicOrigin,
    liveSessions: auth.liveSessions,
    modules: [
      createChatGateway({
        messages,
        bus,
        logger: app.log,
        preferencesOf: preferences.read,
      }),
      webinars.gateway,
      createModerationGateway({
        bus,
        logger: app.log,
        authRepository,
        records: moderationRecords,
        mentorships,
      }),
      video.gateway,
      push.gateway,
    ],
    ...(deps.heartbeatMs ? { heartbeatMs: deps.heartbeatMs } : {}),
    ...(deps.config.realtime ? { limits: deps.config.realtime } : {}),
  });

  app.decorate('services', {
    auth,
    mailer,
    limiter,
    limits: routeLimits,
    jobs: deps.jobs,
    groups,
    joining,
    notifications,
    messages,
    preferences,
    privacy,
    retention,
    digests,
    accessLog,
    mentoring,
    matches,
    coordination,
    webinars,
    moderation,
    attachments: attachmentsService,
    push,
    programmes,
  });
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: {
      auth: ReturnType<typeof createAuthService>;
      mailer: Mailer;
      limiter: RateLimiter;
      /** The counters of the limits routes declare (`config.limits`). */
      limits: LimitStore;
      groups: ReturnType<typeof createGroupsService>;
      joining: ReturnType<typeof createJoiningService>;
      notifications: ReturnType<typeof createNotificationService>;
      messages: ReturnType<typeof createMessagesService>;
      jobs: Jobs;
      preferences: ReturnType<typeof createPreferencesService>;
      privacy: PrivacyService;
      retention: Retention;
      digests: DigestsService;
      accessLog: AccessLog;
      mentoring: ReturnType<typeof createMentoringService>;
      matches: ReturnType<typeof createMatchesService>;
      coordination: ReturnType<typeof createCoordinationService>;
      webinars: WebinarsModule;
      moderation: ReturnType<typeof createModeration>;
      attachments: AttachmentsService;
      push: PushModule;
      programmes: ProgrammesModule;
    };
  }
}
