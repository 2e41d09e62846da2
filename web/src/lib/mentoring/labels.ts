import type {
  CheckInMood,
  CloseReason,
  ExclusionReason,
  MatchingCriterion,
  MentorGender,
  MentorGenderWish,
  MentoringMatchStatus,
  MentoringRequestStatus,
  MentoringTopic,
  MentorProfile,
  MentorRelation,
  MessageKey,
  Region,
} from '@spejl/shared';

// Typed against the value lists in @spejl/shared, so a value added there fails the web's type check until it has a
// label here. The order of each map is the order people see.

export const regionKeys = {
  hovedstaden: 'mentoring.region.hovedstaden',
  sjaelland: 'mentoring.region.sjaelland',
  syddanmark: 'mentoring.region.syddanmark',
  midtjylland: 'mentoring.region.midtjylland',
  nordjylland: 'mentoring.region.nordjylland',
} as const satisfies Record<Region, MessageKey>;

export const topicKeys = {
  diagnosis: 'mentoring.topic.diagnosis',
  daily_life: 'mentoring.topic.daily_life',
  school: 'mentoring.topic.school',
  social_law: 'mentoring.topic.social_law',
  siblings: 'mentoring.topic.siblings',
  work_money: 'mentoring.topic.work_money',
  transition: 'mentoring.topic.transition',
  grief: 'mentoring.topic.grief',
} as const satisfies Record<MentoringTopic, MessageKey>;

export const relationKeys = {
  child: 'mentoring.relation.child',
  own: 'mentoring.relation.own',
  sibling: 'mentoring.relation.sibling',
  other: 'mentoring.relation.other',
} as const satisfies Record<MentorRelation, MessageKey>;

export const genderKeys = {
  female: 'mentoring.gender.female',
  male: 'mentoring.gender.male',
  other: 'mentoring.gender.other',
} as const satisfies Record<MentorGender, MessageKey>;

/** A family's wish for the mentor's gender, as it reads in a list of wishes: "en kvindelig mentor". */
export const genderWishKeys = {
  female: 'mentoring.preference.female',
  male: 'mentoring.preference.male',
} as const satisfies Record<MentorGenderWish, MessageKey>;

/** Languages offered in the forms (the API takes any two-letter code); each in its own name too. */
export const languageKeys = {
  da: 'mentoring.language.da',
  en: 'mentoring.language.en',
  de: 'mentoring.language.de',
  pl: 'mentoring.language.pl',
  ar: 'mentoring.language.ar',
  tr: 'mentoring.language.tr',
  ur: 'mentoring.language.ur',
  so: 'mentoring.language.so',
  fa: 'mentoring.language.fa',
  uk: 'mentoring.language.uk',
} as const satisfies Record<string, MessageKey>;

export const requestStatusKeys = {
  requested: 'mentoring.requestStatus.requested',
  clarifying: 'mentoring.requestStatus.clarifying',
  proposed: 'mentoring.requestStatus.proposed',
  active: 'mentoring.requestStatus.active',
  closed: 'mentoring.requestStatus.closed',
  withdrawn: 'mentoring.requestStatus.withdrawn',
} as const satisfies Record<MentoringRequestStatus, MessageKey>;

export const matchStatusKeys = {
  proposed: 'mentoring.matchStatus.proposed',
  declined: 'mentoring.matchStatus.declined',
  cancelled: 'mentoring.matchStatus.cancelled',
  active: 'mentoring.matchStatus.active',
  closed: 'mentoring.matchStatus.closed',
} as const satisfies Record<MentoringMatchStatus, MessageKey>;

export const mentorStatusKeys = {
  awaiting_approval: 'mentoring.mentorStatus.awaiting_approval',
  approved: 'mentoring.mentorStatus.approved',
  paused: 'mentoring.mentorStatus.paused',
} as const satisfies Record<MentorProfile['status'], MessageKey>;

export const criterionKeys = {
  diagnosis: 'mentoring.criterion.diagnosis',
  area: 'mentoring.criterion.area',
  topics: 'mentoring.criterion.topics',
  childAge: 'mentoring.criterion.childAge',
  lifeStage: 'mentoring.criterion.lifeStage',
  region: 'mentoring.criterion.region',
  waitTime: 'mentoring.criterion.waitTime',
  load: 'mentoring.criterion.load',
} as const satisfies Record<MatchingCriterion, MessageKey>;

export const exclusionKeys = {
  is_requester: 'mentoring.exclusion.is_requester',
  not_approved: 'mentoring.exclusion.not_approved',
  paused: 'mentoring.exclusion.paused',
  no_capacity: 'mentoring.exclusion.no_capacity',
  no_shared_language: 'mentoring.exclusion.no_shared_language',
  blocked: 'mentoring.exclusion.blocked',
  not_same_diagnosis: 'mentoring.exclusion.not_same_diagnosis',
  too_far: 'mentoring.exclusion.too_far',
  gender: 'mentoring.exclusion.gender',
  declined_before: 'mentoring.exclusion.declined_before',
} as const satisfies Record<ExclusionReason, MessageKey>;

export const closeReasonKeys = {
  goal_reached: 'mentoring.closeReason.goal_reached',
  moved_on: 'mentoring.closeReason.moved_on',
  not_a_fit: 'mentoring.closeReason.not_a_fit',
  no_contact: 'mentoring.closeReason.no_contact',
  other: 'mentoring.closeReason.other',
} as const satisfies Record<CloseReason, MessageKey>;

export const moodKeys = {
  good: 'mentoring.mood.good',
  mixed: 'mentoring.mood.mixed',
  hard: 'mentoring.mood.hard',
} as const satisfies Record<CheckInMood, MessageKey>;

export const regions = Object.keys(regionKeys) as Region[];
export const topics = Object.keys(topicKeys) as MentoringTopic[];
export const relations = Object.keys(relationKeys) as MentorRelation[];
export const genders = Object.keys(genderKeys) as MentorGender[];
export const languages = Object.keys(languageKeys) as Array<keyof typeof languageKeys>;
export const closeReasons = Object.keys(closeReasonKeys) as CloseReason[];
export const moods = Object.keys(moodKeys) as CheckInMood[];
export const criteria = Object.keys(criterionKeys) as MatchingCriterion[];

/** The label of a language code: ours when we have one, else the code itself. */
export function languageLabel(code: string, t: (key: MessageKey) => string): string {
  return Object.hasOwn(languageKeys, code) ? t(languageKeys[code as keyof typeof languageKeys]) : code;
}

/** What a family's request status means for them, in a sentence. */
export const familyStatusTextKeys = {
  requested: 'mentoring.family.status.requested',
  clarifying: 'mentoring.family.status.clarifying',
  proposed: 'mentoring.family.status.proposed',
  active: 'mentoring.family.status.active',
  closed: 'mentoring.family.status.closed',
  withdrawn: 'mentoring.family.status.withdrawn',
} as const satisfies Record<MentoringRequestStatus, MessageKey>;

export const mentorStatusTextKeys = {
  awaiting_approval: 'mentoring.mentor.statusText.awaiting_approval',
  approved: 'mentoring.mentor.statusText.approved',
  paused: 'mentoring.mentor.statusText.paused',
} as const satisfies Record<MentorProfile['status'], MessageKey>;
