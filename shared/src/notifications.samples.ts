import type { NotificationDataMap, NotificationType } from './notifications.ts';

// For tests: the data each producer in server/src/modules writes, every variant it builds. Zod-free, so the web's
// tests use it too.

/** Times from the running clock, so the samples never fall into the past. */
const daysAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const groupId = '0b7f8c1e-2d3a-4b5c-9d6e-7f8091a2b3c4';
const otherId = '1c8a9d2f-3e4b-4c6d-8e7f-8091a2b3c4d5';
const groupName = 'Cystisk fibrose';
const webinar = {
  webinarId: '2d9bae30-4f5c-4d7e-9f80-91a2b3c4d5e6',
  title: 'Skolestart med diagnose',
  startsAt: daysAhead(3),
};

/** Each type's data, as its producer writes it; a type missing here does not compile. */
export const notificationSamples: { [Type in NotificationType]: Array<NotificationDataMap[Type]> } = {
  mention: [
    { groupId, groupName, messageId: otherId, authorName: 'Anna' },
    { groupId, groupName: 'Direkte besked', messageId: otherId, authorName: 'Anna', space: 'direct' },
  ],
  reply: [{ groupId, groupName, messageId: otherId, authorName: 'Bo' }],
  'join_request.created': [{ groupId, groupName, requesterName: 'Mette Mørk' }],
  'join_request.approved': [{ groupId, groupSlug: 'cf', groupName, reason: null }],
  'join_request.declined': [
    { groupId, groupSlug: 'cf', groupName, reason: 'Gruppen er for familier med CF.' },
  ],
  'membership.added': [{ groupId, groupSlug: 'cf', groupName }],
  'membership.removed': [
    { groupId, groupName, reason: null },
    { groupId, groupName, reason: 'Flyttet til en anden gruppe' },
  ],
  'membership.role_changed': [{ groupId, groupName, role: 'moderator' }],
  'direct.request': [{ conversationId: groupId, name: 'Mette Mørk' }],
  'direct.accepted': [{ conversationId: groupId, name: 'Bjarne Bak' }],
  'privacy.export_ready': [
    { exportId: otherId, url: 'https://spejl.example/api/me/exports/ABCDEFGH', sizeBytes: 2048 },
  ],
  'mentoring.request_created': [{ requestId: otherId }],
  'mentoring.mentor_applied': [{ mentorName: 'Lene', userId: otherId }],
  'mentoring.approved': [{}],
  'mentoring.proposed': [{ matchId: otherId }],
  'mentoring.proposal_withdrawn': [{ matchId: otherId }],
  'mentoring.accepted': [{ matchId: otherId, mentorName: 'Lene' }],
  'mentoring.declined': [{ requestId: otherId, mentorName: 'Lene' }],
  'mentoring.first_contact_overdue': [{ matchId: otherId, requestId: groupId, mentorName: 'Lene' }],
  'mentoring.first_contact_reminder': [{ matchId: otherId }],
  'mentoring.check_in': [{ matchId: otherId, weeks: 2 }],
  'mentoring.check_in_hard': [{ matchId: otherId }],
  'mentoring.closed': [{ matchId: otherId }],
  'mentoring.call_started': [{ matchId: otherId, name: 'Lene' }],
  'webinar.reminder': [
    { ...webinar, kind: 'day' },
    { ...webinar, kind: 'hour' },
  ],
  'webinar.offered': [
    { ...webinar, deadline: daysAhead(2) },
    { ...webinar, deadline: '' },
  ],
  'webinar.offer_expired': [webinar],
  'webinar.cancelled': [webinar, { ...webinar, reason: 'Oplægsholderen er syg' }],
  'webinar.changed': [webinar],
  'webinar.followup': [webinar],
  'webinar.staff': [
    { ...webinar, role: 'host' },
    { ...webinar, role: 'presenter' },
  ],
  'programme.step_reminder': [
    { programmeId: otherId, programmeTitle: 'De første måneder', stepId: groupId, stepTitle: 'Mød din mentor' },
  ],
  'moderation.action': [
    {
      groupId,
      groupName,
      action: 'hide',
      reason: 'Deler et barns helbredsoplysninger',
      messageToUser: 'Spørg forældrene først',
      actionId: otherId,
      expiresAt: null,
      appealableUntil: daysAhead(14),
    },
    {
      groupId,
      groupName,
      space: 'mentorship',
      action: 'pause_mentor',
      reason: 'Pause',
      messageToUser: null,
      actionId: otherId,
      expiresAt: null,
      appealableUntil: null,
    },
    {
      groupId: null,
      groupName: null,
      action: 'suspend',
      reason: 'Gentagne overtrædelser',
      messageToUser: null,
      actionId: otherId,
      expiresAt: daysAhead(25),
      appealableUntil: daysAhead(14),
    },
    {
      groupId,
      groupName,
      space: 'direct',
      action: 'dismiss',
      reason: 'Ikke spam',
      messageToUser: null,
      actionId: null,
      expiresAt: null,
      appealableUntil: null,
    },
  ],
  'report.resolved': [
    { groupId, groupName, outcome: 'upheld', action: 'hide', flagIds: [otherId] },
    { groupId, groupName, space: 'mentorship', outcome: 'dismissed', action: 'dismiss', flagIds: [] },
  ],
  'moderation.escalated': [
    { space: 'mentorship', itemId: otherId },
    { groupId, groupName, itemId: otherId },
  ],
  'moderation.self_harm': [
    { space: 'direct', itemId: otherId },
    { groupId, groupName, itemId: otherId },
  ],
  'moderation.support': [
    { groupId, groupName },
    { groupId, groupName, space: 'mentorship' },
  ],
  'moderation.appeal': [
    { space: 'mentorship', scope: 'mentoring', appealId: otherId },
    { space: 'direct', scope: 'platform', appealId: otherId },
    { groupId, groupName, appealId: otherId },
    { groupId: null, groupName: null, appealId: otherId },
  ],
  'appeal.decided': [
    { groupId, groupName, outcome: 'overturned', reason: 'Det var en misforståelse', actionId: otherId },
    { groupId: null, groupName: null, outcome: 'upheld', reason: 'Afgørelsen står', actionId: otherId },
  ],
};
