import type { mentoringDa } from './mentoring.da.ts';

/** Mentoring texts in English. */
export const mentoringEn: Record<keyof typeof mentoringDa, string> = {
  'mentoring.groupKind': 'Mentorship',
  'error.group.read_only': 'This conversation has ended. You can still read it, but not write in it.',
  'error.mentoring.request_open': 'You already have a request for a mentor that we are working on.',
  'error.mentoring.request_not_open': 'The request is no longer waiting for a mentor.',
  'error.mentoring.request_locked':
    'The request cannot be changed now, because a mentor has already received it.',
  'error.mentoring.not_eligible': 'This mentor cannot be proposed to this family.',
  'error.mentoring.match_not_proposed': 'The proposal has already been answered or withdrawn.',
  'error.mentoring.match_not_active': 'The mentorship is not under way.',
  'error.mentoring.match_not_closed': 'The mentorship has not ended yet.',
  'error.mentoring.feedback_given': 'You have already given your feedback.',
  'error.mentoring.has_matches':
    'You have a family right now. End the mentorship, or pause, before you stop being a mentor.',

  'mentoring.mail.requestCreated.subject': 'New request for a mentor',
  'mentoring.mail.requestCreated.body':
    'A family has asked for a mentor. See the request and suggested mentors here:\n{url}',
  'mentoring.mail.proposed.subject': 'A family could use you as a mentor',
  'mentoring.mail.proposed.body':
    'A coordinator has proposed you as a mentor for a new family. Read about the family, and answer yes or no:\n{url}',
  'mentoring.mail.proposalWithdrawn.subject': 'The proposal of a family has been withdrawn',
  'mentoring.mail.proposalWithdrawn.body':
    'The proposal that you mentor a family has been withdrawn. You do not need to do anything.\n{url}',
  'mentoring.mail.accepted.subject': 'You have a mentor',
  'mentoring.mail.accepted.body':
    'An experienced parent has agreed to be your mentor. You will hear from your mentor within two days. You can write to each other here:\n{url}',
  'mentoring.mail.declined.subject': 'A mentor has said no thanks',
  'mentoring.mail.declined.body':
    'A mentor has declined a proposal. The family is waiting for a new proposal:\n{url}',
  'mentoring.mail.approved.subject': 'You are approved as a mentor',
  'mentoring.mail.approved.body':
    'Thank you for wanting to help a new family. You are now approved as a mentor, and we will let you know when a family could be a good fit.\n{url}',
  'mentoring.mail.firstContactOverdue.subject': 'A mentor has not contacted their family yet',
  'mentoring.mail.firstContactOverdue.body':
    'More than 48 hours have passed since {mentor} said yes, and the family has not heard anything yet. See the overview here:\n{url}',
  'mentoring.mail.firstContactReminder.subject': 'Remember to write to your new family',
  'mentoring.mail.firstContactReminder.body':
    'The family is waiting to hear from you. Write a short hello in your conversation, or mark that you have spoken:\n{url}',
  'mentoring.mail.checkIn.subject': 'How is your mentorship going?',
  'mentoring.mail.checkIn.body':
    'It is {weeks} weeks since your mentorship began. Tell us briefly how it is going. It takes a minute:\n{url}',
  'mentoring.mail.closed.subject': 'The mentorship has ended',
  'mentoring.mail.closed.body':
    'Your mentorship has ended. The conversation can still be read. You are welcome to give short feedback:\n{url}',

  'mentoring.lifeStage.baby': 'baby and toddler',
  'mentoring.lifeStage.preschool': 'preschool age',
  'mentoring.lifeStage.school': 'school age',
  'mentoring.lifeStage.teen': 'teenager',
  'mentoring.lifeStage.adult': 'adult',

  'mentoring.note.diagnosis.same': 'Same diagnosis group',
  'mentoring.note.diagnosis.different': 'Not the same diagnosis group',
  'mentoring.note.diagnosis.unknown': 'The family has not chosen a diagnosis group',
  'mentoring.note.area.same': 'Same association or diagnosis area',
  'mentoring.note.area.different': 'A different diagnosis area',
  'mentoring.note.area.unknown': 'The diagnosis area is unknown',
  'mentoring.note.area.diagnosis': 'Counted under same diagnosis',
  'mentoring.note.topics.shared': '{shared} of the family’s {asked} topics',
  'mentoring.note.topics.none_asked': 'The family has not chosen topics',
  'mentoring.note.childAge.known': '{gap} years between the children’s ages',
  'mentoring.note.childAge.unknown': 'The age is not known for both',
  'mentoring.note.lifeStage.same': 'Same life stage: {stage}',
  'mentoring.note.lifeStage.different': 'Different life stage',
  'mentoring.note.lifeStage.unknown': 'The life stage is not known for both',
  'mentoring.note.region.same': 'Same region',
  'mentoring.note.region.near': 'Neighbouring region',
  'mentoring.note.region.far': '{distance} regions away',
  'mentoring.note.waitTime.waiting': 'The family has waited {days} days',
  'mentoring.note.load.load': 'Has {load} of {capacity} families now',
};
