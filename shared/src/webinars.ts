import { z } from 'zod';
import { isoDate, listQuery } from './common.ts';
import { limits } from './limits.ts';
import { clientId } from './messages.ts';
import { webinarLimits } from './webinars.limits.ts';

export * from './webinars.limits.ts';
export * from './webinars.time.ts';

export const webinarModes = ['online', 'in_person', 'hybrid'] as const;
export type WebinarMode = (typeof webinarModes)[number];
export const registrationStatuses = ['registered', 'waitlisted', 'offered', 'cancelled'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];
/** Who an event is for: one group's members, one association's members (any of its groups), or every member. */
export const webinarAudiences = ['group', 'organisation', 'platform'] as const;
export type WebinarAudience = (typeof webinarAudiences)[number];
export const staffRoles = ['host', 'presenter'] as const;
export type StaffRole = (typeof staffRoles)[number];
/** Roles in the live room. Hosts run it; presenters speak (and, with video, publish); attendees take part. */
export const roomRoles = ['host', 'presenter', 'attendee'] as const;
export type RoomRole = (typeof roomRoles)[number];
export const roomStatuses = ['lobby', 'open', 'closed'] as const;
export type RoomStatus = (typeof roomStatuses)[number];
/** Who may write in the room's chat: everyone, hosts and presenters only, or nobody (chat hidden). */
export const chatPolicies = ['everyone', 'hosts', 'off'] as const;
export type ChatPolicy = (typeof chatPolicies)[number];
export const questionStatuses = ['open', 'answered', 'dismissed'] as const;
export const pollKinds = ['single', 'multiple'] as const;
export const webinarListViews = ['upcoming', 'mine', 'past'] as const;

const id = z.string().min(1).max(64);
/** An instant: ISO-8601 with Z or an offset; stored and answered in UTC. */
const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value).toISOString());
const title = z.string().trim().min(webinarLimits.titleMin).max(webinarLimits.titleMax);
const description = z.string().trim().max(webinarLimits.descriptionMax);
const httpUrl = z
  .url({ protocol: /^https?$/ })
  .max(webinarLimits.urlMax)
  .describe('http or https');

/** A question to everyone who registers. `choice` questions list their options. */
export const registrationQuestion = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9_-]{1,32}$/),
    label: z.string().trim().min(1).max(webinarLimits.questionLabelMax),
    kind: z.enum(['text', 'number', 'choice']),
    required: z.boolean().default(false),
    options: z
      .array(z.string().trim().min(1).max(webinarLimits.optionMax))
      .min(2)
      .max(webinarLimits.optionsMax)
      .optional(),
  })
  .refine((question) => (question.kind === 'choice') === (question.options !== undefined), {
    message: 'choice questions, and only they, have options',
    path: ['options'],
  });
export type RegistrationQuestion = z.infer<typeof registrationQuestion>;
const questions = z
  .array(registrationQuestion)
  .max(webinarLimits.questionsMax)
  .refine((list) => new Set(list.map((question) => question.id)).size === list.length, 'ids must differ');

export const webinarIdParams = z.strictObject({ id });
export const webinarStaffParams = z.strictObject({ id, userId: id });
export const calendarFeedParams = z.strictObject({ token: z.string().min(16).max(128) });

export const createWebinarBody = z
  .strictObject({
    groupId: id.optional(),
    organisationId: id.optional(),
    title,
    description: description.default(''),
    speakers: z.string().trim().max(webinarLimits.speakersMax).optional(),
    startsAt: instant,
    durationMinutes: z.number().int().min(webinarLimits.durationMin).max(webinarLimits.durationMax),
    capacity: z.number().int().min(1).max(webinarLimits.capacityMax).optional(),
    registrationDeadline: instant.optional(),
    mode: z.enum(webinarModes),
    location: z.string().trim().min(1).max(webinarLimits.locationMax).optional(),
    questions: questions.optional(),
  })
  .refine((body) => !(body.groupId && body.organisationId), {
    message: 'an event is for one group or one association, not both',
    path: ['organisationId'],
  });
export type CreateWebinarBody = z.input<typeof createWebinarBody>;

export const updateWebinarBody = z
  .strictObject({
    title: title.optional(),
    description: description.optional(),
    speakers: z.string().trim().max(webinarLimits.speakersMax).optional(),
    startsAt: instant.optional(),
    durationMinutes: z
      .number()
      .int()
      .min(webinarLimits.durationMin)
      .max(webinarLimits.durationMax)
      .optional(),
    capacity: z.number().int().min(1).max(webinarLimits.capacityMax).nullable().optional(),
    registrationDeadline: instant.nullable().optional(),
    mode: z.enum(webinarModes).optional(),
    location: z.string().trim().min(1).max(webinarLimits.locationMax).nullable().optional(),
    questions: questions.optional(),
    recordingUrl: httpUrl.nullable().optional(),
    materials: z.string().trim().max(webinarLimits.materialsMax).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');
export type UpdateWebinarBody = z.input<typeof updateWebinarBody>;

export const cancelWebinarBody = z.strictObject({
  reason: z.string().trim().max(limits.reasonMax).optional(),
});

export const registrationAnswers = z.record(
  z.string().max(32),
  z.union([z.string().trim().max(webinarLimits.answerMax), z.number().finite()]),
);
export const registerBody = z.strictObject({ answers: registrationAnswers.optional() });

export const addStaffBody = z.strictObject({
  email: z
    .email()
    .max(limits.email)
    .transform((value) => value.trim().toLowerCase()),
  role: z.enum(staffRoles),
});

export const webinarListQuery = listQuery.extend({
  from: instant.optional(),
  to: instant.optional(),
  view: z.enum(webinarListViews).optional(),
  groupId: id.optional(),
});

export const myRegistration = z.object({
  id: z.string(),
  status: z.enum(registrationStatuses),
  answers: z.record(z.string(), z.union([z.string(), z.number()])),
  queuedAt: isoDate,
  registeredAt: isoDate.nullable(),
  /** Until when an offered seat is held (24 hours after the offer). */
  offerExpiresAt: isoDate.nullable(),
  /** 1 for the first on the waitlist; null unless waitlisted. */
  waitlistPosition: z.number().int().nullable(),
  cancelReason: z.enum(['self', 'offer_expired', 'event_cancelled']).nullable(),
});
export type MyRegistration = z.infer<typeof myRegistration>;

export const webinarPermissions = z.object({
  canRegister: z.boolean(),
  canCancelRegistration: z.boolean(),
  /** Edit, cancel, choose hosts, see registrants and attendance. */
  canManage: z.boolean(),
  canEnterRoom: z.boolean(),
  /** The actor moderates the group but must turn on two-step verification before managing. */
  needsMfaToManage: z.boolean(),
});

export const webinarStaffMember = z.object({
  userId: z.string(),
  displayName: z.string(),
  role: z.enum(staffRoles),
});
export type WebinarStaffMember = z.infer<typeof webinarStaffMember>;

export const webinar = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    speakers: z.string(),
    startsAt: isoDate,
    endsAt: isoDate,
    durationMinutes: z.number().int(),
    capacity: z.number().int().nullable(),
    registrationDeadline: isoDate.nullable(),
    mode: z.enum(webinarModes),
    location: z.string().nullable(),
    audience: z.enum(webinarAudiences),
    group: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable(),
    organisation: z.object({ id: z.string(), name: z.string() }).nullable(),
    questions: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        kind: z.enum(['text', 'number', 'choice']),
        required: z.boolean(),
        options: z.array(z.string()).optional(),
      }),
    ),
    recordingUrl: z.string().nullable(),
    materials: z.string(),
    status: z.enum(['scheduled', 'cancelled']),
    cancelReason: z.string().nullable(),
    sequence: z.number().int(),
    roomStatus: z.enum(roomStatuses),
    registeredCount: z.number().int(),
    waitlistCount: z.number().int(),
    /** Free seats (offered seats are held); null without a capacity. */
    seatsLeft: z.number().int().nullable(),
    myRegistration: myRegistration.nullable(),
    myRoomRole: z.enum(roomRoles).nullable(),
    staff: z.array(webinarStaffMember),
    permissions: webinarPermissions,
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .meta({ id: 'Webinar' });
export type Webinar = z.infer<typeof webinar>;
/**
 * An event as a signed-out visitor sees it: only events for everyone (never a group's or an association's), and
 * nothing about who registered, hosts or seats.
 */
export const publicWebinar = webinar
  .pick({
    id: true,
    title: true,
    description: true,
    speakers: true,
    startsAt: true,
    endsAt: true,
    durationMinutes: true,
    mode: true,
    location: true,
    audience: true,
    status: true,
  })
  .meta({ id: 'PublicWebinar' });
export type PublicWebinar = z.infer<typeof publicWebinar>;
export const webinarResponse = z.object({ webinar });
export const registrationResponse = z.object({ registration: myRegistration });

/** A registrant as the organiser sees them, with their answers. */
export const registrant = z
  .object({
    id: z.string(),
    user: z.object({ id: z.string(), displayName: z.string() }),
    status: z.enum(registrationStatuses),
    answers: z.record(z.string(), z.union([z.string(), z.number()])),
    queuedAt: isoDate,
    registeredAt: isoDate.nullable(),
    offerExpiresAt: isoDate.nullable(),
    cancelledAt: isoDate.nullable(),
  })
  .meta({ id: 'Registrant' });
export type Registrant = z.infer<typeof registrant>;

export const attendanceRow = z.object({
  user: z.object({ id: z.string(), displayName: z.string() }),
  role: z.enum(roomRoles),
  registrationStatus: z.enum(registrationStatuses).nullable(),
  firstJoinedAt: isoDate,
  lastLeftAt: isoDate.nullable(),
  /** Whole minutes in the room, all stays together. */
  minutes: z.number().int(),
  stays: z.number().int(),
  present: z.boolean(),
});
export type AttendanceRow = z.infer<typeof attendanceRow>;
export const attendanceReport = z
  .object({
    webinarId: z.string(),
    roomOpenedAt: isoDate.nullable(),
    roomClosedAt: isoDate.nullable(),
    registeredCount: z.number().int(),
    attendedCount: z.number().int(),
    /** Registered people who never came in. */
    noShowCount: z.number().int(),
    items: z.array(attendanceRow),
  })
  .meta({ id: 'AttendanceReport' });
export type AttendanceReport = z.infer<typeof attendanceReport>;

/** Where the actor may schedule events: their groups and associations (and everyone, for admins). */
export const organisableTargets = z.object({
  targets: z.array(
    z.object({ audience: z.enum(webinarAudiences), id: z.string().nullable(), name: z.string() }),
  ),
  /** The actor moderates a group but must turn on two-step verification first. */
  needsMfa: z.boolean(),
});

export const calendarFeed = z.object({ url: z.string().nullable(), createdAt: isoDate.nullable() });

// The live room: frames over /api/ws. Every frame names its room (`roomId`, the webinar's id).

const roomId = id;
export const chatBody = z
  .string()
  .max(webinarLimits.chatMax)
  .refine((value) => value.trim().length > 0, 'empty');
const questionBody = z
  .string()
  .max(webinarLimits.questionMax)
  .refine((value) => value.trim().length > 0, 'empty');

export const webinarsClientFrames = [
  z.strictObject({ type: z.literal('room.join'), roomId }),
  z.strictObject({ type: z.literal('room.leave'), roomId }),
  z.strictObject({ type: z.literal('room.open'), roomId }),
  z.strictObject({ type: z.literal('room.close'), roomId }),
  z.strictObject({ type: z.literal('room.settings'), roomId, chatPolicy: z.enum(chatPolicies) }),
  z.strictObject({ type: z.literal('room.chat.send'), roomId, clientId, body: chatBody }),
  /** The author takes back their own message, or a host takes one down. */
  z.strictObject({ type: z.literal('room.chat.delete'), roomId, messageId: id }),
  z.strictObject({
    type: z.literal('room.question.ask'),
    roomId,
    clientId,
    body: questionBody,
    anonymous: z.boolean().default(false),
  }),
  z.strictObject({ type: z.literal('room.question.vote'), roomId, questionId: id, up: z.boolean() }),
  z.strictObject({
    type: z.literal('room.question.mark'),
    roomId,
    questionId: id,
    status: z.enum(questionStatuses),
  }),
  z.strictObject({ type: z.literal('room.hand.raise'), roomId }),
  /** Without userId: lower my own hand. With it: a host lowers someone's. */
  z.strictObject({ type: z.literal('room.hand.lower'), roomId, userId: id.optional() }),
  z.strictObject({ type: z.literal('room.hand.invite'), roomId, userId: id }),
  z.strictObject({
    type: z.literal('room.poll.create'),
    roomId,
    clientId,
    question: z.string().trim().min(1).max(webinarLimits.pollQuestionMax),
    kind: z.enum(pollKinds),
    options: z
      .array(z.string().trim().min(1).max(webinarLimits.optionMax))
      .min(webinarLimits.pollOptionsMin)
      .max(webinarLimits.pollOptionsMax),
  }),
  z.strictObject({
    type: z.literal('room.poll.vote'),
    roomId,
    pollId: id,
    optionIds: z.array(z.string().min(1).max(16)).min(1).max(webinarLimits.pollOptionsMax),
  }),
  z.strictObject({ type: z.literal('room.poll.close'), roomId, pollId: id }),
  z.strictObject({ type: z.literal('room.poll.results'), roomId, pollId: id, visible: z.boolean() }),
  z.strictObject({ type: z.literal('room.remove'), roomId, userId: id }),
] as const;

const person = z.object({ id: z.string(), displayName: z.string() });

export const roomParticipant = z.object({
  userId: z.string(),
  displayName: z.string(),
  role: z.enum(roomRoles),
  /** A host invited them to speak (from the hand queue). */
  speaking: z.boolean(),
});
export type RoomParticipant = z.infer<typeof roomParticipant>;

export const roomChatMessage = z.object({
  id: z.string(),
  seq: z.number().int(),
  author: person.extend({ role: z.enum(roomRoles) }).nullable(),
  /** The sender's own id for it, so their tab can match the message to what it sent. */
  clientId: z.string(),
  /** Empty once deleted. */
  body: z.string(),
  createdAt: isoDate,
  /** Deleted by its author or a host: it stays in place as "deleted", without its text. */
  deleted: z.boolean(),
});
export type RoomChatMessage = z.infer<typeof roomChatMessage>;

export const roomQuestion = z.object({
  id: z.string(),
  body: z.string(),
  /** Null when the asker chose to be anonymous and the reader is another attendee. */
  author: person.nullable(),
  anonymous: z.boolean(),
  mine: z.boolean(),
  status: z.enum(questionStatuses),
  votes: z.number().int(),
  votedByMe: z.boolean(),
  createdAt: isoDate,
});
export type RoomQuestion = z.infer<typeof roomQuestion>;

export const roomHand = z.object({
  userId: z.string(),
  displayName: z.string(),
  raisedAt: isoDate,
  invited: z.boolean(),
});
export type RoomHand = z.infer<typeof roomHand>;

export const roomPoll = z.object({
  id: z.string(),
  question: z.string(),
  kind: z.enum(pollKinds),
  /** `votes` is null while the results are hidden from this reader. */
  options: z.array(z.object({ id: z.string(), label: z.string(), votes: z.number().int().nullable() })),
  status: z.enum(['open', 'closed']),
  resultsVisible: z.boolean(),
  totalVoters: z.number().int().nullable(),
  myVote: z.array(z.string()).nullable(),
  createdAt: isoDate,
});
export type RoomPoll = z.infer<typeof roomPoll>;

export const roomPermissions = z.object({
  /** Open and close the room, change chat, answer questions, run polls, handle hands, remove people. */
  canHost: z.boolean(),
  canChat: z.boolean(),
  canAsk: z.boolean(),
  canRaiseHand: z.boolean(),
});

export const roomState = z.object({
  roomId: z.string(),
  title: z.string(),
  status: z.enum(roomStatuses),
  chatPolicy: z.enum(chatPolicies),
  me: z.object({ userId: z.string(), role: z.enum(roomRoles), speaking: z.boolean() }),
  permissions: roomPermissions,
  /**
   * Hosts and presenters see everyone in the room; attendees see the hosts, the presenters and themselves (and the
   * count). Attendees waiting in the lobby get no content until a host opens the room.
   */
  participants: z.array(roomParticipant),
  participantCount: z.number().int(),
  chat: z.array(roomChatMessage),
  questions: z.array(roomQuestion),
  hands: z.array(roomHand),
  polls: z.array(roomPoll),
});
export type RoomState = z.infer<typeof roomState>;

export const webinarsServerFrames = [
  z.object({ type: z.literal('room.state'), roomId: z.string(), state: roomState }),
  z.object({
    type: z.literal('room.participants'),
    roomId: z.string(),
    participants: z.array(roomParticipant),
    participantCount: z.number().int(),
  }),
  z.object({ type: z.literal('room.chat'), roomId: z.string(), message: roomChatMessage }),
  z.object({ type: z.literal('room.question'), roomId: z.string(), question: roomQuestion }),
  z.object({ type: z.literal('room.hands'), roomId: z.string(), hands: z.array(roomHand) }),
  z.object({ type: z.literal('room.poll'), roomId: z.string(), poll: roomPoll }),
  z.object({ type: z.literal('room.ack'), roomId: z.string(), clientId: z.string() }),
  z.object({ type: z.literal('room.left'), roomId: z.string() }),
  /** A host removed me; I cannot come back in. */
  z.object({ type: z.literal('room.removed'), roomId: z.string() }),
] as const;
