import {
  defaultMatchingWeights,
  type Locale,
  type MatchingWeights,
  type MentoringMatch,
  type MentoringRequest,
  type MentorProfile,
  type MessageKey,
  matchingCriteria,
  mentoringLimits,
  translate,
} from '@spejl/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { Bus } from '../../bus/bus.ts';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../http/errors.ts';
import type { Jobs } from '../../jobs/jobs.ts';
import type { Actor } from '../auth/auth.policy.ts';
import type { GroupsRepository, Unread } from '../groups/groups.repository.ts';
import type { AccessLog } from '../privacy/privacy.access-log.ts';
import type { Mailer } from '../mail/mail.service.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import {
  declineKey,
  lifeStageOf,
  type MatchingContext,
  type MentorFacts,
  pairKey,
  type RequestFacts,
} from './mentoring.matching.ts';
import {
  isCoordinator,
  type MatchStanding,
  matchAllows,
  matchRefusal,
  type RequestAction,
  type RequestStanding,
  requestAllows,
  requestRefusal,
} from './mentoring.policy.ts';
import type {
  CheckInRow,
  GroupInfo,
  MatchRecord,
  MentoringRepository,
  NoteRow,
  Person,
  ProfileRow,
  RequestRow,
} from './mentoring.repository.ts';

export interface MentoringDeps {
  repository: MentoringRepository;
  groups: GroupsRepository;
  notifications: NotificationService;
  mailer: Mailer;
  jobs: Jobs;
  clock: Clock;
  publicOrigin: string;
  logger: FastifyBaseLogger;
  /** A coordinator opening a family's request is recorded for the family to see. */
  accessLog?: AccessLog;
  /** Tells the chat that a closed mentorship's conversation became read-only (`group.changed`). */
  bus?: Bus;
}

const day = 24 * 60 * 60 * 1000;
const hour = 60 * 60 * 1000;

/** Whole days from one time to another (never negative). */
export function daysBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / day));
}

export function hoursBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / hour));
}

export function firstContactDue(acceptedAt: Date): Date {
  return new Date(acceptedAt.getTime() + mentoringLimits.firstContactHours * hour);
}

/** The request as the engine sees it. */
export function requestFacts(row: RequestRow, group: GroupInfo | undefined, now: Date): RequestFacts {
  return {
    id: row.id,
    requesterId: row.requesterId,
    groupId: group ? row.groupId : null,
    areaId: group?.area.id ?? null,
    childAgeYears: row.childAgeYears,
    region: row.region,
    languages: row.languages,
    topics: row.topics as RequestFacts['topics'],
    inPerson: row.inPerson,
    sameDiagnosisRequired: row.sameDiagnosisRequired,
    mentorGender: row.mentorGender,
    waitingDays: daysBetween(row.createdAt, now),
  };
}

export function profileStatus(profile: ProfileRow): MentorProfile['status'] {
  if (profile.pausedByMentor || profile.pausedByCoordinatorAt !== null) return 'paused';
  return profile.approvedAt === null ? 'awaiting_approval' : 'approved';
}

/** Everything the engine needs beyond the request: every mentor, the blocks, the declines and the weights. */
export interface MatchingWorld {
  mentors: MentorFacts[];
  context: MatchingContext;
  names: Map<string, { displayName: string; region: MentorFacts['region'] }>;
  groups: Map<string, GroupInfo>;
}

/** Reads the current matching weights (the stored ones, with defaults for any criterion added since). */
export async function currentWeights(repository: MentoringRepository): Promise<MatchingWeights> {
  const stored = await repository.setting('weights');
  const weights = { ...defaultMatchingWeights };
  for (const criterion of matchingCriteria) {
    const value = stored?.value[criterion];
    if (typeof value === 'number' && Number.isFinite(value)) weights[criterion] = value;
  }
  return weights;
}

/** Gathers the facts for the engine: every mentor profile with its load, and the groups of the given requests. */
export async function loadWorld(
  repository: MentoringRepository,
  requests: RequestRow[],
): Promise<MatchingWorld> {
  const [profiles, loads, blocks, declines, weights] = await Promise.all([
    repository.listProfiles(),
    repository.loads(),
    repository.blockedPairs(),
    repository.declinedPairs(),
    currentWeights(repository),
  ]);
  const groups = await repository.groupInfo([
    ...profiles.flatMap((row) => row.profile.groupIds),
    ...requests.flatMap((row) => (row.groupId ? [row.groupId] : [])),
  ]);
  const mentors = profiles.map(({ profile }): MentorFacts => {
    const known = profile.groupIds.filter((id) => groups.has(id));
    return {
      userId: profile.userId,
      approved: profile.approvedAt !== null,
      paused: profile.pausedByMentor || profile.pausedByCoordinatorAt !== null,
      capacity: profile.capacity,
      load: loads.get(profile.userId) ?? 0,
      groupIds: known,
      areaIds: [...new Set(known.map((id) => groups.get(id)!.area.id))],
      childAgeYears: profile.childAgeYears,
      region: profile.region,
      languages: profile.languages,
      topics: profile.topics as MentorFacts['topics'],
      gender: profile.gender,
    };
  });
  return {
    mentors,
    context: {
      weights,
      blocked: new Set(blocks.map((block) => pairKey(block.userId, block.blockedUserId))),
      declined: new Set(declines.map((decline) => declineKey(decline.requestId, decline.mentorId))),
    },
    names: new Map(
      profiles.map((row) => [
        row.profile.userId,
        { displayName: row.displayName, region: row.profile.region },
      ]),
    ),
    groups,
  };
}

/** The actor's standing to a request: requester, or mentor of a proposed, active or closed match on it. */
export async function requestStanding(
  repository: MentoringRepository,
  actor: Actor,
  request: RequestRow,
): Promise<RequestStanding> {
  const isRequester = request.requesterId === actor.user.id;
  // Being the mentor changes nothing for the requester or a coordinator (who may do more), so skip the query.
  if (isRequester || isCoordinator(actor)) return { isRequester, isMentor: false };
  const matches = await repository.matchesOfRequest(request.id);
  const isMentor = matches.some(
    (record) =>
      record.match.mentorId === actor.user.id &&
      ['proposed', 'active', 'closed'].includes(record.match.status),
  );
  return { isRequester, isMentor };
}

/** Loads a request for an actor and checks the action; a request they may not see is 404. */
export async function loadRequest(
  repository: MentoringRepository,
  actor: Actor,
  id: string,
  action: RequestAction = 'see',
) {
  const row = await repository.findRequest(id);
  if (!row) throw new AppError('not_found');
  const standing = await requestStanding(repository, actor, row);
  const refusal = requestRefusal(actor, action, row.status, standing);
  if (refusal) throw new AppError(refusal);
  return { row, standing };
}

export function matchStanding(actor: Actor, record: MatchRecord): MatchStanding {
  return { isMentor: record.match.mentorId === actor.user.id, isFamily: record.familyId === actor.user.id };
}

/** Loads a match for an actor and checks the action; a match they may not see is 404. */
export async function loadMatch(
  repository: MentoringRepository,
  actor: Actor,
  id: string,
  action: Parameters<typeof matchRefusal>[1] = 'see',
) {
  const record = await repository.findMatch(id);
  if (!record) throw new AppError('not_found');
  const standing = matchStanding(actor, record);
  const refusal = matchRefusal(actor, action, record.match.status, standing);
  if (refusal) throw new AppError(refusal);
  return { record, standing };
}

/** Maps a request to the allowlisted API shape for one actor; notes only for coordinators. */
export function toRequest(
  actor: Actor,
  row: RequestRow,
  standing: RequestStanding,
  extras: {
    requesterName: string;
    group: GroupInfo | undefined;
    notes: Array<{ note: NoteRow; authorName: string | null }>;
    now: Date;
  },
): MentoringRequest {
  const allows = (action: RequestAction) => requestAllows(actor, action, row.status, standing);
  const coordinator = allows('coordinate');
  return {
    id: row.id,
    status: row.status,
    requester: { id: row.requesterId, displayName: extras.requesterName },
    group: extras.group ? { id: extras.group.id, name: extras.group.name } : null,
    area: extras.group ? extras.group.area : null,
    diagnosisText: row.diagnosisText,
    childAgeYears: row.childAgeYears,
    region: row.region,
    municipality: row.municipality,
    languages: row.languages,
    topics: row.topics as MentoringRequest['topics'],
    preferences: {
      inPerson: row.inPerson,
      sameDiagnosisRequired: row.sameDiagnosisRequired,
      mentorGender: row.mentorGender,
    },
    needs: row.needs,
    consentAt: row.consentAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    waitingDays: daysBetween(row.createdAt, row.closedAt ?? extras.now),
    notes: coordinator
      ? extras.notes.map(({ note, authorName }) => ({
          id: note.id,
          author: note.authorId && authorName ? { id: note.authorId, displayName: authorName } : null,
          body: note.body,
          createdAt: note.createdAt.toISOString(),
        }))
      : null,
    permissions: {
      canEdit: allows('edit'),
      canWithdraw: allows('withdraw'),
      canCoordinate: coordinator,
      canPropose: allows('propose'),
    },
  };
}

/** Maps a match to the allowlisted API shape for one actor; the conversation only for the pair. */
export function toMatch(
  actor: Actor,
  record: MatchRecord,
  extras: {
    firstMessageAt: Date | null;
    checkIns: Array<{ checkIn: CheckInRow; userName: string }>;
    feedbackGiven: boolean;
    /** The reader's unread state in the pair's conversation; undefined when they are not in it. */
    unread?: Unread | undefined;
  },
): MentoringMatch {
  const { match } = record;
  const standing = matchStanding(actor, record);
  const allows = (action: Parameters<typeof matchAllows>[1]) =>
    matchAllows(actor, action, match.status, standing);
  const pair = standing.isMentor || standing.isFamily;
  const recorded = match.firstContactAt;
  const firstContact =
    recorded && extras.firstMessageAt
      ? new Date(Math.min(recorded.getTime(), extras.firstMessageAt.getTime()))
      : (recorded ?? extras.firstMessageAt);
  const checkIns = isCoordinator(actor)
    ? extras.checkIns
    : extras.checkIns.filter((item) => item.checkIn.userId === actor.user.id);
  return {
    id: match.id,
    status: match.status,
    requestId: match.requestId,
    mentor: { id: match.mentorId, displayName: record.mentorName },
    family: { id: record.familyId, displayName: record.familyName },
    score: match.score,
    proposedAt: match.proposedAt.toISOString(),
    respondedAt: match.respondedAt?.toISOString() ?? null,
    declineReason: standing.isMentor || isCoordinator(actor) ? match.declineReason : null,
    acceptedAt: match.acceptedAt?.toISOString() ?? null,
    firstContactAt: firstContact?.toISOString() ?? null,
    firstContactDueAt: match.acceptedAt ? firstContactDue(match.acceptedAt).toISOString() : null,
    conversationId: pair && match.groupId ? match.groupId : null,
    unread: pair && match.groupId && extras.unread ? extras.unread : null,
    closedAt: match.closedAt?.toISOString() ?? null,
    closeReason: match.closeReason,
    myFeedbackGiven: extras.feedbackGiven,
    checkIns: checkIns.map(({ checkIn, userName }) => ({
      id: checkIn.id,
      user: { id: checkIn.userId, displayName: userName },
      mood: checkIn.mood,
      note: checkIn.note,
      createdAt: checkIn.createdAt.toISOString(),
    })),
    permissions: {
      canAccept: allows('accept'),
      canDecline: allows('decline'),
      canCancel: allows('cancel'),
      canClose: allows('close'),
      canRecordContact: allows('recordContact') && firstContact === null,
      canCheckIn: allows('checkIn'),
      canGiveFeedback: allows('feedback') && !extras.feedbackGiven,
      canOpenConversation: allows('openConversation') && match.groupId !== null,
      canCall: allows('call'),
    },
  };
}

export function toProfile(
  row: { profile: ProfileRow; displayName: string },
  load: number,
  groups: Map<string, GroupInfo>,
): MentorProfile {
  const { profile } = row;
  return {
    userId: profile.userId,
    displayName: row.displayName,
    groups: profile.groupIds.flatMap((id) => {
      const group = groups.get(id);
      return group ? [{ id: group.id, name: group.name }] : [];
    }),
    relation: profile.relation,
    childAgeYears: profile.childAgeYears,
    lifeStage: profile.childAgeYears === null ? null : lifeStageOf(profile.childAgeYears),
    region: profile.region,
    municipality: profile.municipality,
    languages: profile.languages,
    topics: profile.topics as MentorProfile['topics'],
    capacity: profile.capacity,
    load,
    gender: profile.gender,
    bio: profile.bio,
    shareNote: profile.shareNote,
    status: profileStatus(profile),
    pausedByMentor: profile.pausedByMentor,
    pausedByCoordinator: profile.pausedByCoordinatorAt !== null,
    pauseReason: profile.pauseReason,
    trainingCompletedAt: profile.trainingCompletedAt?.toISOString() ?? null,
    trainingNote: profile.trainingNote,
    approvedAt: profile.approvedAt?.toISOString() ?? null,
    createdAt: profile.createdAt.toISOString(),
    updatedAt: profile.updatedAt.toISOString(),
  };
}

export type MailKind =
  | 'requestCreated'
  | 'proposed'
  | 'proposalWithdrawn'
  | 'accepted'
  | 'declined'
  | 'approved'
  | 'firstContactOverdue'
  | 'firstContactReminder'
  | 'checkIn'
  | 'closed';

/** Sends a mentoring mail in the recipient's language; mails never carry health details, only a link. */
export async function mailPerson(
  deps: Pick<MentoringDeps, 'mailer' | 'publicOrigin' | 'logger'>,
  person: Person,
  kind: MailKind,
  path: string,
  params: Record<string, string | number> = {},
): Promise<void> {
  const locale: Locale = person.locale;
  const values = { ...params, url: `${deps.publicOrigin}${path}` };
  const body = translate(locale, `mentoring.mail.${kind}.body` as MessageKey, values);
  try {
    await deps.mailer.send({
      to: person.email,
      subject: translate(locale, `mentoring.mail.${kind}.subject` as MessageKey, values),
      text: `${translate(locale, 'mail.greeting', { name: person.displayName })}\n\n${body}\n\n${translate(locale, 'mail.signature')}`,
    });
  } catch (error) {
    // The change is committed and the in-app notification delivered; a failed mail must not undo that answer.
    deps.logger.error({ err: error, kind }, 'mentoring mail failed');
  }
}
