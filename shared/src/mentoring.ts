import { z } from 'zod';
import { isoDate, listQuery } from './common.ts';
import { unreadState } from './groups.ts';
import {
  batchModes,
  checkInMoods,
  closeReasons,
  exclusionReasons,
  lifeStages,
  matchingCriteria,
  matchStatuses,
  mentoringLimits,
  mentoringTopics,
  mentorGenders,
  mentorGenderWishes,
  mentorRelations,
  regions,
  requestStatuses,
} from './mentoring-values.ts';

export * from './mentoring-values.ts';

const id = z.string().min(1).max(64);
const person = z.object({ id: z.string(), displayName: z.string() });
/** A two-letter language code (ISO 639-1), such as `da`. */
const language = z
  .string()
  .regex(/^[a-z]{2}$/, 'a two-letter language code')
  .meta({ example: 'da' });
const languagesField = z.array(language).min(1).max(10);
const childAge = z.number().int().min(0).max(mentoringLimits.childAgeMax);
const optionalText = (max: number) => z.string().trim().max(max).optional();

/** `:userId` of a mentor. */
export const mentorParams = z.strictObject({ userId: id });
/** `:id` of a request or a match. */
export const mentoringIdParams = z.strictObject({ id });

// ---------- Mentor profiles ----------

export const mentorProfileBody = z.strictObject({
  groupIds: z.array(id).max(10),
  relation: z.enum(mentorRelations),
  childAgeYears: childAge.nullable().optional(),
  region: z.enum(regions),
  municipality: optionalText(mentoringLimits.municipalityMax),
  languages: languagesField,
  topics: z.array(z.enum(mentoringTopics)).min(1).max(mentoringTopics.length),
  capacity: z.number().int().min(1).max(mentoringLimits.capacityMax),
  paused: z.boolean().optional(),
  bio: optionalText(mentoringLimits.bioMax),
  gender: z.enum(mentorGenders).nullable().optional(),
  /** What the mentor prefers to share, and not to share, with a family. */
  shareNote: optionalText(mentoringLimits.shareNoteMax),
});
export type MentorProfileBody = z.input<typeof mentorProfileBody>;

export const mentorStatuses = ['awaiting_approval', 'approved', 'paused'] as const;

export const mentorProfile = z
  .object({
    userId: z.string(),
    displayName: z.string(),
    groups: z.array(z.object({ id: z.string(), name: z.string() })),
    relation: z.enum(mentorRelations),
    childAgeYears: z.number().int().nullable(),
    lifeStage: z.enum(lifeStages).nullable(),
    region: z.enum(regions),
    municipality: z.string().nullable(),
    languages: z.array(z.string()),
    topics: z.array(z.enum(mentoringTopics)),
    capacity: z.number().int(),
    /** Families the mentor has now: proposed and active matches. */
    load: z.number().int(),
    gender: z.enum(mentorGenders).nullable(),
    bio: z.string().nullable(),
    shareNote: z.string().nullable(),
    status: z.enum(mentorStatuses),
    pausedByMentor: z.boolean(),
    pausedByCoordinator: z.boolean(),
    pauseReason: z.string().nullable(),
    trainingCompletedAt: isoDate.nullable(),
    trainingNote: z.string().nullable(),
    approvedAt: isoDate.nullable(),
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .meta({ id: 'MentorProfile' });
export type MentorProfile = z.infer<typeof mentorProfile>;
export const mentorProfileResponse = z.object({ profile: mentorProfile });

export const approveMentorBody = z.strictObject({
  /** The day the mentor finished the training (YYYY-MM-DD). */
  trainingCompletedOn: z.iso.date(),
  trainingNote: optionalText(mentoringLimits.reasonMax),
});
export const pauseMentorBody = z.strictObject({ reason: optionalText(mentoringLimits.reasonMax) });
export const mentorListQuery = listQuery.extend({ status: z.enum(mentorStatuses).optional() });

// ---------- Requests ----------

export const requestPreferences = z.strictObject({
  /** Must be able to meet: the mentor lives in the same or a neighbouring region. */
  inPerson: z.boolean().optional(),
  sameDiagnosisRequired: z.boolean().optional(),
  /** Only a mentor of this gender. */
  mentorGender: z.enum(mentorGenderWishes).nullable().optional(),
});

const requestFields = {
  groupId: id.nullable().optional(),
  diagnosisText: optionalText(mentoringLimits.diagnosisTextMax),
  childAgeYears: childAge.nullable().optional(),
  region: z.enum(regions),
  municipality: optionalText(mentoringLimits.municipalityMax),
  languages: languagesField,
  topics: z.array(z.enum(mentoringTopics)).max(mentoringTopics.length),
  preferences: requestPreferences.optional(),
  needs: optionalText(mentoringLimits.needsMax),
};

export const createRequestBody = z.strictObject({
  ...requestFields,
  /** Consent to share the request with the coordinators and the proposed mentor only. */
  consent: z.literal(true),
});
export type CreateRequestBody = z.input<typeof createRequestBody>;

/** A coordinator adjusts a request after the clarifying conversation (the requester, while nobody is proposed). */
export const updateRequestBody = z
  .strictObject({
    groupId: requestFields.groupId,
    diagnosisText: requestFields.diagnosisText,
    childAgeYears: requestFields.childAgeYears,
    region: requestFields.region.optional(),
    municipality: requestFields.municipality,
    languages: languagesField.optional(),
    topics: requestFields.topics.optional(),
    preferences: requestPreferences.optional(),
    needs: requestFields.needs,
  })
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');
export type UpdateRequestBody = z.input<typeof updateRequestBody>;

export const noteBody = z.strictObject({ body: z.string().trim().min(1).max(mentoringLimits.noteMax) });
export const requestNote = z.object({
  id: z.string(),
  author: person.nullable(),
  body: z.string(),
  createdAt: isoDate,
});

export const requestPermissions = z.object({
  canEdit: z.boolean(),
  canWithdraw: z.boolean(),
  /** Coordinators: notes, candidates, proposals. */
  canCoordinate: z.boolean(),
  canPropose: z.boolean(),
});

export const mentoringRequest = z
  .object({
    id: z.string(),
    status: z.enum(requestStatuses),
    requester: person,
    group: z.object({ id: z.string(), name: z.string() }).nullable(),
    /** The association or top-level group the diagnosis belongs to. */
    area: z.object({ id: z.string(), name: z.string() }).nullable(),
    diagnosisText: z.string().nullable(),
    childAgeYears: z.number().int().nullable(),
    region: z.enum(regions),
    municipality: z.string().nullable(),
    languages: z.array(z.string()),
    topics: z.array(z.enum(mentoringTopics)),
    preferences: z.object({
      inPerson: z.boolean(),
      sameDiagnosisRequired: z.boolean(),
      mentorGender: z.enum(mentorGenderWishes).nullable(),
    }),
    needs: z.string().nullable(),
    consentAt: isoDate,
    createdAt: isoDate,
    updatedAt: isoDate,
    closedAt: isoDate.nullable(),
    waitingDays: z.number().int(),
    /** The clarifying conversation's notes: coordinators only, null for everyone else. */
    notes: z.array(requestNote).nullable(),
    permissions: requestPermissions,
  })
  .meta({ id: 'MentoringRequest' });
export type MentoringRequest = z.infer<typeof mentoringRequest>;
export const mentoringRequestResponse = z.object({ request: mentoringRequest });
export const requestListQuery = listQuery.extend({
  status: z.enum(['open', 'all', ...requestStatuses]).default('open'),
});

// ---------- Candidates ----------

export const breakdownItem = z.object({
  criterion: z.enum(matchingCriteria),
  points: z.number(),
  /** The reason for the points, in the reader's language. */
  note: z.string(),
});
const mentorSummary = z.object({
  displayName: z.string(),
  region: z.enum(regions),
  load: z.number().int(),
  capacity: z.number().int(),
});
export const candidatesResponse = z.object({
  candidates: z.array(
    z.object({
      mentorUserId: z.string(),
      score: z.number(),
      breakdown: z.array(breakdownItem),
      mentor: mentorSummary,
    }),
  ),
  excluded: z.array(
    z.object({ mentorUserId: z.string(), reasons: z.array(z.enum(exclusionReasons)), mentor: mentorSummary }),
  ),
});
export type CandidatesResponse = z.infer<typeof candidatesResponse>;

// ---------- Matches ----------

export const proposeMatchBody = z.strictObject({ requestId: id, mentorUserId: id });
export const declineMatchBody = z.strictObject({
  reason: z.string().trim().min(1).max(mentoringLimits.reasonMax),
});
export const closeMatchBody = z.strictObject({
  reason: z.enum(closeReasons),
  feedback: optionalText(mentoringLimits.feedbackMax),
  /** Never propose these two to each other again. */
  doNotMatchAgain: z.boolean().optional(),
});
export const feedbackBody = z.strictObject({
  feedback: optionalText(mentoringLimits.feedbackMax),
  doNotMatchAgain: z.boolean().optional(),
});
export const checkInBody = z.strictObject({
  mood: z.enum(checkInMoods),
  note: optionalText(mentoringLimits.noteMax),
});

export const matchPermissions = z.object({
  canAccept: z.boolean(),
  canDecline: z.boolean(),
  canCancel: z.boolean(),
  canClose: z.boolean(),
  canRecordContact: z.boolean(),
  canCheckIn: z.boolean(),
  canGiveFeedback: z.boolean(),
  /** The pair's private conversation: only the pair, never coordinators. */
  canOpenConversation: z.boolean(),
  /** A video call inside the active mentorship: only the pair. */
  canCall: z.boolean(),
});

export const checkIn = z.object({
  id: z.string(),
  user: person,
  mood: z.enum(checkInMoods),
  note: z.string().nullable(),
  createdAt: isoDate,
});

export const mentoringMatch = z
  .object({
    id: z.string(),
    status: z.enum(matchStatuses),
    requestId: z.string(),
    mentor: person,
    family: person,
    score: z.number().nullable(),
    proposedAt: isoDate,
    respondedAt: isoDate.nullable(),
    /** For the mentor who declined and for coordinators. */
    declineReason: z.string().nullable(),
    acceptedAt: isoDate.nullable(),
    firstContactAt: isoDate.nullable(),
    /** When first contact is due (48 hours after accepting). */
    firstContactDueAt: isoDate.nullable(),
    /** The pair's private conversation (a group); null for everyone but the pair. */
    conversationId: z.string().nullable(),
    /** The reader's unread messages in the pair's conversation (as a group's `unread`); null outside the pair. */
    unread: unreadState.nullable(),
    closedAt: isoDate.nullable(),
    closeReason: z.enum(closeReasons).nullable(),
    /** Whether the reader has given their closing feedback. */
    myFeedbackGiven: z.boolean(),
    /** Check-ins: coordinators see all, each of the pair sees their own. */
    checkIns: z.array(checkIn),
    permissions: matchPermissions,
  })
  .meta({ id: 'MentoringMatch' });
export type MentoringMatch = z.infer<typeof mentoringMatch>;
export const mentoringMatchResponse = z.object({ match: mentoringMatch });

/** A match with the request it answers, for the mentor's view of a proposal and the pair's pages. */
export const matchDetailResponse = z.object({ match: mentoringMatch, request: mentoringRequest });

// ---------- Me, the dashboard, batch, weights ----------

export const mentoringPermissions = z.object({
  canRequest: z.boolean(),
  canCoordinate: z.boolean(),
  /** A coordinator without two-step verification: enrol first. */
  needsMfaToCoordinate: z.boolean(),
  canChangeWeights: z.boolean(),
});

export const mentoringMe = z.object({
  profile: mentorProfile.nullable(),
  requests: z.array(mentoringRequest),
  /** As a mentor: proposals waiting for an answer. */
  proposals: z.array(mentoringMatch),
  /** Active and closed mentorships, as mentor or as family. */
  matches: z.array(mentoringMatch),
  permissions: mentoringPermissions,
});
export type MentoringMe = z.infer<typeof mentoringMe>;

const dashboardRequest = z.object({
  id: z.string(),
  status: z.enum(requestStatuses),
  requester: person,
  groupName: z.string().nullable(),
  diagnosisText: z.string().nullable(),
  region: z.enum(regions),
  createdAt: isoDate,
  waitingDays: z.number().int(),
  candidateCount: z.number().int(),
  topCandidate: z.object({ mentorUserId: z.string(), displayName: z.string(), score: z.number() }).nullable(),
});
const dashboardMatch = z.object({
  id: z.string(),
  requestId: z.string(),
  mentor: person,
  family: person,
  proposedAt: isoDate,
  acceptedAt: isoDate.nullable(),
  firstContactDueAt: isoDate.nullable(),
  hoursWaiting: z.number().int(),
});

export const mentoringDashboard = z.object({
  /** Requests still looking for a mentor, longest waiting first. */
  openRequests: z.array(dashboardRequest),
  /** Proposals the mentor has not answered yet, oldest first. */
  proposals: z.array(dashboardMatch),
  /** Active matches where the mentor has not made first contact within 48 hours. */
  overdueFirstContacts: z.array(dashboardMatch),
  mentorsAwaitingApproval: z.array(
    z.object({ userId: z.string(), displayName: z.string(), createdAt: isoDate }),
  ),
  /** Recent check-ins answered "hard". */
  hardCheckIns: z.array(
    z.object({ matchId: z.string(), user: person, note: z.string().nullable(), createdAt: isoDate }),
  ),
  /** Open requests that no mentor can take, by diagnosis area and region: where to recruit. */
  coverage: z.array(
    z.object({
      area: z.object({ id: z.string(), name: z.string() }).nullable(),
      region: z.enum(regions),
      requests: z.number().int(),
    }),
  ),
  counts: z.object({ approvedMentors: z.number().int(), activeMatches: z.number().int() }),
});
export type MentoringDashboard = z.infer<typeof mentoringDashboard>;

export const batchBody = z.strictObject({
  /** The cohort; all open requests when left out. */
  requestIds: z.array(id).min(1).max(mentoringLimits.batchMax).optional(),
  mode: z.enum(batchModes),
  /** Propose the assignment at once (otherwise it is only a plan to look at). */
  propose: z.boolean().optional(),
});
export const batchResponse = z.object({
  assignments: z.array(
    z.object({
      requestId: z.string(),
      mentorUserId: z.string(),
      mentorName: z.string(),
      score: z.number(),
      /** Set when the assignment was proposed. */
      matchId: z.string().nullable(),
    }),
  ),
  unassigned: z.array(z.string()),
});

const weight = z.number().min(0).max(mentoringLimits.weightMax);
export const matchingWeightsBody = z.strictObject(
  Object.fromEntries(matchingCriteria.map((criterion) => [criterion, weight])) as Record<
    (typeof matchingCriteria)[number],
    typeof weight
  >,
);
export const matchingWeightsResponse = z.object({
  weights: z.object(
    Object.fromEntries(matchingCriteria.map((criterion) => [criterion, z.number()])) as Record<
      (typeof matchingCriteria)[number],
      z.ZodNumber
    >,
  ),
  updatedAt: isoDate.nullable(),
});
