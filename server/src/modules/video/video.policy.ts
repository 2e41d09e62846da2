import type { ErrorCode, VideoPermissions } from '@spejl/shared';
import type { RoomMembership } from '../webinars/webinars.gateway.ts';

/** What a connection may do on a stage (or in a call) right now. */
export interface Standing extends VideoPermissions {
  /** May join the stage and receive media. */
  canView: boolean;
  /** Counts toward the p2p limit on viewers (attendees who only watch). */
  countsAsViewer: boolean;
}

export type RtcAction = 'join' | 'publish' | 'subscribe' | 'signal' | 'moderate' | 'caption';

/**
 * A room member's standing. Hosts and presenters may use the stage while attendees wait in the lobby (to test
 * their camera); attendees see it once the room is open. A closed room has no stage. Hosts, presenters and an
 * attendee a host invited to speak publish; hosts moderate; hosts and presenters write captions.
 */
export function roomStanding(membership: RoomMembership | null): Standing | null {
  if (!membership) return null;
  const staff = membership.role === 'host' || membership.role === 'presenter';
  const open = membership.status === 'open';
  const canView = open || (staff && membership.status === 'lobby');
  return {
    canView,
    canPublish: canView && (staff || (open && membership.speaking)),
    canModerate: canView && membership.role === 'host',
    canCaption: canView && staff,
    countsAsViewer: !staff && !membership.speaking,
  };
}

/** The pair of an active mentorship: both publish and watch; nobody else is in the call. */
export const callStanding: Standing = {
  canView: true,
  canPublish: true,
  canModerate: false,
  canCaption: false,
  countsAsViewer: false,
};

/**
 * Answers "may this connection do this on the stage?": null when allowed. A connection that is not in the room
 * gets `not_found`, as a room it cannot see; one that is in the room but may not see the stage yet gets
 * `room.not_open`.
 */
export function rtcRefusal(standing: Standing | null, action: RtcAction): ErrorCode | null {
  if (!standing) return 'not_found';
  if (!standing.canView) return 'room.not_open';
  switch (action) {
    case 'join':
    case 'subscribe':
    case 'signal':
      return null;
    case 'publish':
      return standing.canPublish ? null : 'video.publish_not_allowed';
    case 'moderate':
      return standing.canModerate ? null : 'auth.forbidden';
    case 'caption':
      return standing.canCaption ? null : 'auth.forbidden';
  }
}

/**
 * The p2p limit: every publisher sends a separate copy to each viewer, so a room takes at most `max` viewers.
 * Publishers never count, and someone already on the stage is never refused.
 */
export function viewerLimitRefusal(
  standing: Standing,
  viewers: number,
  max: number | null,
): ErrorCode | null {
  if (max === null || !standing.countsAsViewer) return null;
  return viewers >= max ? 'video.full' : null;
}

export function permissionsOf(standing: Standing): VideoPermissions {
  return {
    canPublish: standing.canPublish,
    canModerate: standing.canModerate,
    canCaption: standing.canCaption,
  };
}
