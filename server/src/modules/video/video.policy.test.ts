import type { RoomRole, RoomStatus } from '@spejl/shared';
import { describe, expect, it } from 'vitest';
import { callStanding, roomStanding, rtcRefusal, viewerLimitRefusal } from './video.policy.ts';

const member = (role: RoomRole, status: RoomStatus, speaking = false) =>
  roomStanding({ role, status, speaking });

describe('the stage policy', () => {
  it('answers not_found to a connection that is not in the room', () => {
    for (const action of ['join', 'publish', 'subscribe', 'signal', 'moderate', 'caption'] as const)
      expect(rtcRefusal(roomStanding(null), action)).toBe('not_found');
  });

  it.each([
    // role, status, speaking, join, publish, moderate, caption
    ['host', 'lobby', false, null, null, null, null],
    ['presenter', 'lobby', false, null, null, 'auth.forbidden', null],
    ['attendee', 'lobby', false, 'room.not_open', 'room.not_open', 'room.not_open', 'room.not_open'],
    ['host', 'open', false, null, null, null, null],
    ['presenter', 'open', false, null, null, 'auth.forbidden', null],
    ['attendee', 'open', false, null, 'video.publish_not_allowed', 'auth.forbidden', 'auth.forbidden'],
    ['attendee', 'open', true, null, null, 'auth.forbidden', 'auth.forbidden'],
    ['host', 'closed', false, 'room.not_open', 'room.not_open', 'room.not_open', 'room.not_open'],
    ['attendee', 'closed', true, 'room.not_open', 'room.not_open', 'room.not_open', 'room.not_open'],
  ] as const)(
    '%s in a %s room (speaking: %s)',
    (role, status, speaking, join, publish, moderate, caption) => {
      const standing = member(role, status, speaking);
      expect(rtcRefusal(standing, 'join')).toBe(join);
      expect(rtcRefusal(standing, 'subscribe')).toBe(join);
      expect(rtcRefusal(standing, 'publish')).toBe(publish);
      expect(rtcRefusal(standing, 'moderate')).toBe(moderate);
      expect(rtcRefusal(standing, 'caption')).toBe(caption);
    },
  );

  it('counts only attendees who watch toward the p2p limit, and only when there is one', () => {
    const viewer = member('attendee', 'open');
    expect(viewerLimitRefusal(viewer!, 7, 8)).toBeNull();
    expect(viewerLimitRefusal(viewer!, 8, 8)).toBe('video.full');
    expect(viewerLimitRefusal(viewer!, 500, null)).toBeNull();
    expect(viewerLimitRefusal(member('attendee', 'open', true)!, 8, 8)).toBeNull();
    expect(viewerLimitRefusal(member('presenter', 'open')!, 8, 8)).toBeNull();
    expect(viewerLimitRefusal(member('host', 'open')!, 8, 8)).toBeNull();
  });

  it('lets the pair of a call publish and watch, and nothing more', () => {
    expect(rtcRefusal(callStanding, 'join')).toBeNull();
    expect(rtcRefusal(callStanding, 'publish')).toBeNull();
    expect(rtcRefusal(callStanding, 'moderate')).toBe('auth.forbidden');
    expect(rtcRefusal(callStanding, 'caption')).toBe('auth.forbidden');
  });
});
