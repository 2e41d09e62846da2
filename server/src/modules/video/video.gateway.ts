import { randomBytes, randomUUID } from 'node:crypto';
import type { ClientFrame, ErrorCode, MediaState, RoomCaption, ServerFrame } from '@spejl/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { Bus } from '../../bus/bus.ts';
import type { Clock } from '../../clock.ts';
import type { IceConfig } from '../../config.ts';
import { AppError } from '../../http/errors.ts';
import type { RateLimiter, RateRule } from '../../http/rate-limit.ts';
import type { GatewayConnection, GatewayModule } from '../../realtime/gateway.ts';
import type { Actor } from '../auth/auth.policy.ts';
import type { RoomDirectory, RoomMembership } from '../webinars/webinars.gateway.ts';
import {
  type AdapterHost,
  callSpace,
  type LocalPeer,
  roomSpace,
  type Space,
  spaceFrame,
  type VideoAdapter,
} from './video.adapter.ts';
import { iceServersFor } from './video.ice.ts';
import { createP2pAdapter } from './video.p2p.ts';
import {
  callStanding,
  permissionsOf,
  type RtcAction,
  roomStanding,
  rtcRefusal,
  type Standing,
  viewerLimitRefusal,
} from './video.policy.ts';
import { Roster, type RosterPeer, videoChannel } from './video.roster.ts';

type VideoFrame = Extract<
  ClientFrame,
  { type: `room.rtc.${string}` | `room.caption.${string}` | `call.${string}` }
>;

const frameTypes = [
  'room.rtc.join',
  'room.rtc.leave',
  'room.rtc.publish',
  'room.rtc.unpublish',
  'room.rtc.subscribe',
  'room.rtc.signal',
  'room.rtc.close',
  'room.rtc.prefer',
  'room.rtc.moderate',
  'room.caption.send',
  'call.join',
  'call.leave',
  'call.publish',
  'call.unpublish',
  'call.subscribe',
  'call.signal',
  'call.close',
  'call.prefer',
  'call.watch',
  'call.unwatch',
] as const satisfies readonly VideoFrame['type'][];

/** Per connection: joining and subscribing are costly on an SFU, captions are typed live. */
export const videoRateRules = {
  join: { limit: 20, windowMs: 60_000 },
  publish: { limit: 60, windowMs: 60_000 },
  subscribe: { limit: 60, windowMs: 60_000 },
  moderate: { limit: 30, windowMs: 60_000 },
  caption: { limit: 240, windowMs: 60_000 },
  /** Telling the other person about a call: once per caller and call in two minutes, however often they rejoin. */
  ring: { limit: 1, windowMs: 2 * 60_000 },
} as const satisfies Record<string, RateRule>;

/** A call's right to go on is checked again this often (a closed mentorship ends the call). */
const callRecheckMs = 30_000;

interface SocketState {
  connection: GatewayConnection;
  peers: Map<string, LocalPeer>;
  /** Rooms this connection is in (from the rooms gateway), for captions. */
  rooms: Map<string, RoomMembership>;
  watching: Set<string>;
}

type BusMessage =
  | { type: 'video.deliver'; to: string; frame: ServerFrame }
  | { type: 'video.kick'; to: string; reason: 'elsewhere' }
  | { type: 'video.caption'; caption: RoomCaption };

export interface VideoGatewayDeps {
  bus: Bus;
  clock: Clock;
  limiter: RateLimiter;
  logger: FastifyBaseLogger;
  ice: IceConfig;
  rooms: RoomDirectory;
  /** Rooms' media: p2p, or the Janus adapter built with `createJanusAdapter`. */
  roomAdapter: (host: AdapterHost) => VideoAdapter;
  /** Throws `not_found` (or `auth.forbidden`) unless the actor is one of an active mentorship's pair. */
  callAccess: (actor: Actor, matchId: string) => Promise<void>;
  /** Someone joined a call nobody else is in: tell the other person (a notification). */
  callStarted?: (actor: Actor, matchId: string) => Promise<void>;
}

/**
 * Video signalling over the WebSocket, for webinar stages (`room.rtc.*`, captions) and mentorship calls
 * (`call.*`). Who may do what comes from the rooms gateway's memberships and the mentoring policy; who is on
 * a stage is a roster shared by every node; frames for a peer on another node travel on `video:<space>`.
 */
export function createVideoGateway(deps: VideoGatewayDeps): GatewayModule & { adapter: VideoAdapter } {
  const { bus, logger } = deps;
  const nodeId = randomUUID();
  const states = new Map<string, SocketState>();
  /** Every local peer, by peer id. */
  const localPeers = new Map<string, LocalPeer>();
  const hubs = new Map<string, { refs: number; unsubscribe: () => void }>();
  const lastSent = new Map<string, string>();
  const roster = new Roster(nodeId, bus, (key) => rosterChanged(key), logError('roster announcement'));

  const host: AdapterHost = {
    deliver,
    find: (space, peerId) => roster.find(space.key, peerId),
    published(peer) {
      if (!peer.closed) roster.set(peer.space.key, rosterEntry(peer));
    },
    lost(peer) {
      if (peer.closed) return;
      peer.media = null;
      peer.feed = null;
      roster.set(peer.space.key, rosterEntry(peer));
      peer.connection.send(
        spaceFrame(peer.space, 'permissions', { permissions: permissionsOf(peer.standing) }),
      );
    },
  };
  const roomAdapter = deps.roomAdapter(host);
  // Calls are two people: direct connections are the best path for them whatever rooms use.
  const callAdapter = roomAdapter.kind === 'p2p' ? roomAdapter : createP2pAdapter(host, null);
  const adapterOf = (space: Space) => (space.kind === 'room' ? roomAdapter : callAdapter);

  const stopListening = deps.rooms.onMembershipChange((connectionId, roomId, membership) => {
    membershipChanged(connectionId, roomId, membership).catch(logError('membership change'));
  });

  function logError(what: string) {
    return (error: unknown) => logger.error({ err: error }, `video ${what} failed`);
  }

  function rosterEntry(peer: LocalPeer): RosterPeer {
    const ready = peer.media !== null && (adapterOf(peer.space).kind === 'p2p' || peer.feed !== null);
    return {
      peerId: peer.peerId,
      userId: peer.connection.actor.user.id,
      displayName: peer.connection.actor.user.displayName,
      viewer: peer.standing.countsAsViewer,
      media: ready ? peer.media : null,
      feed: peer.feed,
    };
  }

  // Bus hubs: one subscription per space this node has anything in.

  function retain(space: Space) {
    const hub = hubs.get(space.key);
    if (hub) {
      hub.refs += 1;
      return;
    }
    const unsubscribe = bus.subscribe(videoChannel(space.key), (payload) => onBusEvent(space, payload));
    hubs.set(space.key, { refs: 1, unsubscribe });
    roster.query(space.key);
  }

  function release(space: Space) {
    const hub = hubs.get(space.key);
    if (!hub) return;
    hub.refs -= 1;
    if (hub.refs > 0) return;
    hub.unsubscribe();
    hubs.delete(space.key);
    roster.forget(space.key);
  }

  function onBusEvent(space: Space, payload: unknown) {
    roster.onBusEvent(space.key, payload);
    const message = payload as BusMessage;
    if (message.type === 'video.deliver') localPeers.get(message.to)?.connection.send(message.frame);
    else if (message.type === 'video.kick') {
      const peer = localPeers.get(message.to);
      if (peer) removePeer(peer, message.reason).catch(logError('kick'));
    } else if (message.type === 'video.caption') {
      for (const state of states.values()) {
        const standing = roomStanding(state.rooms.get(space.id) ?? null);
        if (standing?.canView)
          state.connection.send({ type: 'room.caption', roomId: space.id, caption: message.caption });
      }
    }
  }

  async function deliver(space: Space, peerId: string, frame: ServerFrame) {
    const local = localPeers.get(peerId);
    if (local) return local.connection.send(frame);
    await bus.publish(videoChannel(space.key), {
      type: 'video.deliver',
      to: peerId,
      frame,
    } satisfies BusMessage);
  }

  /** Publishers other than the reader, and how many watch; sent when it changed for that reader. */
  function rosterChanged(key: string) {
    const all = roster.peers(key);
    const viewers = all.filter((peer) => peer.viewer).length;
    for (const peer of localPeers.values()) {
      if (peer.space.key !== key || peer.closed) continue;
      const peers = publishersFor(all, peer.peerId);
      const body = JSON.stringify({ peers, viewers });
      if (lastSent.get(peer.peerId) === body) continue;
      lastSent.set(peer.peerId, body);
      peer.connection.send(spaceFrame(peer.space, 'peers', { peers, viewers }));
    }
    const [kind, id] = key.split(':', 2);
    if (kind === 'call' && id) {
      const inCall = [...new Map(all.map((peer) => [peer.userId, peer.displayName])).entries()]
        .map(([userId, displayName]) => ({ userId, displayName }))
        .sort((a, b) => a.userId.localeCompare(b.userId));
      for (const state of states.values())
        if (state.watching.has(id)) state.connection.send({ type: 'call.state', matchId: id, inCall });
    }
  }

  function publishersFor(all: RosterPeer[], readerPeerId: string) {
    return all
      .filter((peer) => peer.media !== null && peer.peerId !== readerPeerId)
      .map((peer) => ({
        peerId: peer.peerId,
        userId: peer.userId,
        displayName: peer.displayName,
        media: peer.media as MediaState,
      }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'da') || a.peerId.localeCompare(b.peerId));
  }

  // Standing: what the connection may do in the space right now.

  async function standingFor(state: SocketState, space: Space): Promise<Standing | null> {
    if (space.kind === 'room') return roomStanding(deps.rooms.membership(state.connection.id, space.id));
    await deps.callAccess(state.connection.actor, space.id);
    return callStanding;
  }

  async function requirePeer(state: SocketState, space: Space, action: RtcAction): Promise<LocalPeer> {
    const peer = state.peers.get(space.key);
    if (!peer) {
      const refusal = rtcRefusal(await standingFor(state, space), action);
      throw new AppError(refusal ?? 'video.not_joined');
    }
    if (space.kind === 'call' && deps.clock.now().getTime() - peer.checkedAt > callRecheckMs) {
      try {
        await deps.callAccess(state.connection.actor, space.id);
        peer.checkedAt = deps.clock.now().getTime();
      } catch (error) {
        await removePeer(peer, 'ended');
        throw error;
      }
    }
    const refusal = rtcRefusal(peer.standing, action);
    if (refusal) throw new AppError(refusal);
    return peer;
  }

  // Counted in this process's memory (rate-limit.ts): the key is one connection, which lives in one process.
  function hit(state: SocketState, rule: keyof typeof videoRateRules) {
    deps.limiter.hit(`video-${rule}:${state.connection.id}`, videoRateRules[rule]);
  }

  async function join(state: SocketState, space: Space) {
    hit(state, 'join');
    const standing = await standingFor(state, space);
    const refusal = rtcRefusal(standing, 'join');
    if (refusal || !standing) throw new AppError(refusal ?? 'not_found');
    const adapter = adapterOf(space);
    const existing = state.peers.get(space.key);
    if (!existing) {
      const viewers = roster.peers(space.key).filter((peer) => peer.viewer).length;
      const full = viewerLimitRefusal(standing, viewers, adapter.maxViewers);
      if (full) throw new AppError(full);
    }
    const userId = state.connection.actor.user.id;
    const alone = roster.peers(space.key).every((other) => other.userId === userId);
    // One place per person in a call: joining from a second window ends the first.
    if (space.kind === 'call' && !existing)
      for (const other of roster.peers(space.key))
        if (other.userId === userId)
          await bus.publish(videoChannel(space.key), {
            type: 'video.kick',
            to: other.peerId,
            reason: 'elsewhere',
          } satisfies BusMessage);
    const peer: LocalPeer = existing ?? {
      peerId: randomBytes(12).toString('base64url'),
      space,
      connection: state.connection,
      standing,
      media: null,
      feed: null,
      closed: false,
      checkedAt: deps.clock.now().getTime(),
    };
    if (!existing) {
      state.peers.set(space.key, peer);
      localPeers.set(peer.peerId, peer);
      retain(space);
      roster.set(space.key, rosterEntry(peer));
    }
    const all = roster.peers(space.key);
    const peers = publishersFor(all, peer.peerId);
    const viewers = all.filter((entry) => entry.viewer).length;
    lastSent.set(peer.peerId, JSON.stringify({ peers, viewers }));
    state.connection.send(
      spaceFrame(space, 'joined', {
        adapter: adapter.kind,
        peerId: peer.peerId,
        iceServers: iceServersFor(deps.ice, userId, deps.clock.now()),
        permissions: permissionsOf(peer.standing),
        peers,
        viewers,
        maxViewers: space.kind === 'room' ? adapter.maxViewers : null,
      }),
    );
    if (
      space.kind === 'call' &&
      !existing &&
      alone &&
      deps.callStarted &&
      // In this process's memory (rate-limit.ts): a courtesy, not a guard, sparing the other person a ring on each of
      // the caller's rejoins; a rejoin through another process rings once more, which does no harm.
      deps.limiter.consume(`video-ring:${space.id}:${userId}`, videoRateRules.ring) === 0
    )
      deps.callStarted(state.connection.actor, space.id).catch((error: unknown) => {
        logger.warn({ err: error, matchId: space.id }, 'could not tell the other person about a call');
      });
  }

  /** Takes a peer off its stage; `reason` tells the person why when it was not their own choice. */
  async function removePeer(peer: LocalPeer, reason: 'ended' | 'not_allowed' | 'elsewhere' | null) {
    if (peer.closed) return;
    peer.closed = true;
    const state = states.get(peer.connection.id);
    if (state?.peers.get(peer.space.key) === peer) state.peers.delete(peer.space.key);
    localPeers.delete(peer.peerId);
    lastSent.delete(peer.peerId);
    roster.remove(peer.space.key, peer.peerId);
    if (reason) peer.connection.send(spaceFrame(peer.space, 'left', { reason }));
    try {
      await adapterOf(peer.space).leave(peer);
    } finally {
      release(peer.space);
    }
  }

  async function publish(peer: LocalPeer, media: MediaState) {
    const starting = peer.media === null;
    peer.media = media;
    if (starting) await adapterOf(peer.space).publish(peer);
    else if (peer.feed !== null || adapterOf(peer.space).kind === 'p2p')
      roster.set(peer.space.key, rosterEntry(peer));
  }

  async function unpublish(peer: LocalPeer) {
    if (peer.media === null) return;
    peer.media = null;
    await adapterOf(peer.space).unpublish(peer);
    peer.feed = null;
    if (!peer.closed) roster.set(peer.space.key, rosterEntry(peer));
  }

  /** The rooms gateway says a connection's place in a room changed: the stage follows. */
  async function membershipChanged(connectionId: string, roomId: string, membership: RoomMembership | null) {
    const state = states.get(connectionId);
    if (!state) return;
    const space = roomSpace(roomId);
    if (membership && !state.rooms.has(roomId)) retain(space);
    if (!membership && state.rooms.has(roomId)) release(space);
    if (membership) state.rooms.set(roomId, membership);
    else state.rooms.delete(roomId);
    if (membership?.status === 'closed') await roomAdapter.endSpace(space);
    const peer = state.peers.get(space.key);
    if (!peer) return;
    const standing = roomStanding(membership);
    if (!standing?.canView)
      return removePeer(peer, membership?.status === 'closed' ? 'ended' : 'not_allowed');
    const before = JSON.stringify(permissionsOf(peer.standing));
    const wasViewer = peer.standing.countsAsViewer;
    peer.standing = standing;
    if (!standing.canPublish && peer.media !== null) await unpublish(peer);
    else if (wasViewer !== standing.countsAsViewer) roster.set(space.key, rosterEntry(peer));
    if (JSON.stringify(permissionsOf(standing)) !== before)
      peer.connection.send(spaceFrame(space, 'permissions', { permissions: permissionsOf(standing) }));
  }

  async function moderate(peer: LocalPeer, kind: 'audio' | 'video', userId: string | undefined) {
    const me = peer.connection.actor.user;
    const targets = roster
      .peers(peer.space.key)
      .filter((other) => other.media !== null && other.userId !== me.id)
      .filter((other) => userId === undefined || other.userId === userId);
    if (userId !== undefined && targets.length === 0) throw new AppError('video.not_publishing');
    for (const target of targets)
      await deliver(peer.space, target.peerId, {
        type: 'room.rtc.moderated',
        roomId: peer.space.id,
        kind,
        by: me.displayName,
      });
  }

  async function caption(
    peer: LocalPeer | null,
    state: SocketState,
    roomId: string,
    text: string,
    final: boolean,
  ) {
    const standing = peer?.standing ?? roomStanding(deps.rooms.membership(state.connection.id, roomId));
    const refusal = rtcRefusal(standing, 'caption');
    if (refusal) throw new AppError(refusal);
    hit(state, 'caption');
    const { user } = state.connection.actor;
    const message: BusMessage = {
      type: 'video.caption',
      caption: {
        id: randomUUID(),
        text: text.trim(),
        final,
        author: { id: user.id, displayName: user.displayName },
      },
    };
    await bus.publish(videoChannel(roomSpace(roomId).key), message);
  }

  async function watch(state: SocketState, matchId: string, on: boolean) {
    const space = callSpace(matchId);
    if (!on) {
      if (state.watching.delete(matchId)) release(space);
      return;
    }
    await deps.callAccess(state.connection.actor, matchId);
    if (!state.watching.has(matchId)) {
      state.watching.add(matchId);
      retain(space);
    }
    const inCall = [
      ...new Map(roster.peers(space.key).map((peer) => [peer.userId, peer.displayName])).entries(),
    ]
      .map(([userId, displayName]) => ({ userId, displayName }))
      .sort((a, b) => a.userId.localeCompare(b.userId));
    state.connection.send({ type: 'call.state', matchId, inCall });
  }

  async function handle(state: SocketState, frame: VideoFrame) {
    if (frame.type === 'call.watch' || frame.type === 'call.unwatch')
      return watch(state, frame.matchId, frame.type === 'call.watch');
    if (frame.type === 'room.caption.send') {
      const peer = state.peers.get(roomSpace(frame.roomId).key) ?? null;
      return caption(peer, state, frame.roomId, frame.text, frame.final);
    }
    const space = 'roomId' in frame ? roomSpace(frame.roomId) : callSpace(frame.matchId);
    const action = frame.type.slice(frame.type.lastIndexOf('.') + 1);
    if (action === 'join') return join(state, space);
    if (action === 'leave') {
      const peer = state.peers.get(space.key);
      if (peer) await removePeer(peer, null);
      return;
    }
    const adapter = adapterOf(space);
    switch (frame.type) {
      case 'room.rtc.publish':
      case 'call.publish': {
        const peer = await requirePeer(state, space, 'publish');
        hit(state, 'publish');
        return publish(peer, frame.media);
      }
      case 'room.rtc.unpublish':
      case 'call.unpublish':
        return unpublish(await requirePeer(state, space, 'signal'));
      case 'room.rtc.subscribe':
      case 'call.subscribe': {
        const peer = await requirePeer(state, space, 'subscribe');
        hit(state, 'subscribe');
        const publisher = roster.find(space.key, frame.peerId);
        if (!publisher) throw new AppError('not_found');
        if (publisher.media === null || publisher.peerId === peer.peerId)
          throw new AppError('video.not_publishing');
        return adapter.subscribe(peer, publisher);
      }
      case 'room.rtc.signal':
      case 'call.signal':
        return adapter.signal(await requirePeer(state, space, 'signal'), frame);
      case 'room.rtc.close':
      case 'call.close':
        return adapter.closeLink(await requirePeer(state, space, 'signal'), frame.linkId);
      case 'room.rtc.prefer':
      case 'call.prefer':
        return adapter.prefer(await requirePeer(state, space, 'signal'), frame.linkId, frame.video);
      case 'room.rtc.moderate': {
        const peer = await requirePeer(state, space, 'moderate');
        hit(state, 'moderate');
        return moderate(peer, frame.kind, frame.userId);
      }
    }
  }

  return {
    name: 'video',
    frameTypes,
    adapter: roomAdapter,
    async open(connection) {
      states.set(connection.id, { connection, peers: new Map(), rooms: new Map(), watching: new Set() });
    },
    async handle(connection, frame) {
      const state = states.get(connection.id);
      if (!state) return;
      try {
        await handle(state, frame as VideoFrame);
      } catch (error) {
        // Errors name what they are about (the link, the publisher, the stage), so the web knows which failed.
        if (!(error instanceof AppError)) throw error;
        // A refusal about the stage itself is `rtc:<id>`, so the room's own error display never takes it.
        const record = frame as Record<string, unknown>;
        const space = record.matchId ?? record.roomId;
        const ref =
          record.linkId ?? record.peerId ?? (typeof space === 'string' ? `rtc:${space}` : undefined);
        connection.error(error.code as ErrorCode, typeof ref === 'string' ? ref : undefined);
      }
    },
    close(connection) {
      const state = states.get(connection.id);
      if (!state) return;
      states.delete(connection.id);
      for (const peer of [...state.peers.values()]) removePeer(peer, null).catch(logError('leave'));
      for (const roomId of state.rooms.keys()) release(roomSpace(roomId));
      for (const matchId of state.watching) release(callSpace(matchId));
    },
    stop() {
      stopListening();
      roster.stop();
      roomAdapter.stop().catch(logError('adapter stop'));
      if (callAdapter !== roomAdapter) callAdapter.stop().catch(logError('adapter stop'));
    },
  };
}
