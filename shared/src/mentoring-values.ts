// The mentoring value lists and limits, free of zod so the web can import them at runtime (`@spejl/shared/…`)
// without carrying zod into the browser bundle. The zod schemas in mentoring.ts are built from these.

/** Denmark's five regions, in the order people see them. */
export const regions = ['hovedstaden', 'sjaelland', 'syddanmark', 'midtjylland', 'nordjylland'] as const;
export type Region = (typeof regions)[number];

/** What a mentor can help with and a family can ask about. */
export const mentoringTopics = [
  'diagnosis',
  'daily_life',
  'school',
  'social_law',
  'siblings',
  'work_money',
  'transition',
  'grief',
] as const;
export type MentoringTopic = (typeof mentoringTopics)[number];

/** Whose diagnosis the mentor lives with: their own, their child's, their sibling's, or another relation. */
export const mentorRelations = ['own', 'child', 'sibling', 'other'] as const;
export type MentorRelation = (typeof mentorRelations)[number];

/** A mentor may say their gender, so a family that asks for a mother or a father can be matched. */
export const mentorGenders = ['female', 'male', 'other'] as const;
export type MentorGender = (typeof mentorGenders)[number];
export const mentorGenderWishes = ['female', 'male'] as const;
export type MentorGenderWish = (typeof mentorGenderWishes)[number];

/**
 * Languages the web offers (ISO 639-1): Danish and English first, then larger minority languages. The API takes any
 * two-letter code.
 */
export const mentoringLanguages = ['da', 'en', 'de', 'pl', 'ar', 'tr', 'ur', 'so', 'fa', 'uk'] as const;
export type MentoringLanguage = (typeof mentoringLanguages)[number];

/** The criteria of the weighted score, in the order the explanation lists them. */
export const matchingCriteria = [
  'diagnosis',
  'area',
  'topics',
  'childAge',
  'lifeStage',
  'region',
  'waitTime',
  'load',
] as const;
export type MatchingCriterion = (typeof matchingCriteria)[number];
export type MatchingWeights = Record<MatchingCriterion, number>;

/** The weights used until an administrator changes them: same diagnosis first, then area, then topics. */
export const defaultMatchingWeights: MatchingWeights = {
  diagnosis: 40,
  area: 20,
  topics: 15,
  childAge: 10,
  lifeStage: 5,
  region: 10,
  waitTime: 5,
  load: 10,
};

/** Why a mentor cannot be proposed for a request (the hard filters). */
export const exclusionReasons = [
  'is_requester',
  'not_approved',
  'paused',
  'no_capacity',
  'no_shared_language',
  'blocked',
  'not_same_diagnosis',
  'too_far',
  'gender',
  'declined_before',
] as const;
export type ExclusionReason = (typeof exclusionReasons)[number];

/** Batch assignment: as many matches as possible (then the best of those), or only the best total quality. */
export const batchModes = ['max_matches', 'best_quality'] as const;
export type BatchMode = (typeof batchModes)[number];

export const requestStatuses = [
  'requested',
  'clarifying',
  'proposed',
  'active',
  'closed',
  'withdrawn',
] as const;
export type MentoringRequestStatus = (typeof requestStatuses)[number];
/** Requests a coordinator still has to find a mentor for. */
export const openRequestStatuses = ['requested', 'clarifying'] as const;

export const matchStatuses = ['proposed', 'declined', 'cancelled', 'active', 'closed'] as const;
export type MentoringMatchStatus = (typeof matchStatuses)[number];

export const closeReasons = ['goal_reached', 'no_contact', 'not_a_fit', 'moved_on', 'other'] as const;
export type CloseReason = (typeof closeReasons)[number];

export const checkInMoods = ['good', 'mixed', 'hard'] as const;
export type CheckInMood = (typeof checkInMoods)[number];

/** Life stages of the child (or adult) the diagnosis concerns, from age in years. */
export const lifeStages = ['baby', 'preschool', 'school', 'teen', 'adult'] as const;
export type LifeStage = (typeof lifeStages)[number];

export const mentoringLimits = {
  bioMax: 1000,
  shareNoteMax: 500,
  needsMax: 2000,
  diagnosisTextMax: 200,
  municipalityMax: 60,
  noteMax: 2000,
  reasonMax: 500,
  feedbackMax: 1000,
  capacityMax: 10,
  childAgeMax: 99,
  /** A mentor must make first contact within this many hours of accepting. */
  firstContactHours: 48,
  /** Check-ins are sent this many weeks after the match became active. */
  checkInWeeks: [2, 8],
  weightMax: 100,
  batchMax: 100,
} as const;
