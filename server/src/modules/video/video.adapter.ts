import type {
  IceCandidate,
  MediaState,
  ServerFrame,
  SessionDescription,
  VideoAdapterKind,
} from '@spejl/shared';
import type { GatewayConnection } from '../../realtime/gateway.ts';
import type { Standing } from './video.policy.ts';
import type { RosterPeer } from './video.roster.ts';

/** Where video happens: a webinar room's stage or a mentorship's call. */
export interface Space {
  kind: 'room' | 'call';
  id: string;
  /** `room:<webinarId>` or `call:<matchId>`: the roster key and, prefixed with `video:`, the bus channel. */
  key: string;
}

export const roomSpace = (id: string): Space => ({ kind: 'room', id, key: `room:${id}` });
export const callSpace = (id: string): Space => ({ kind: 'call', id, key: `call:${id}` });

export function spaceOf(key: string): Space | null {
  const [kind, id] = key.split(':', 2);
  if (!id) return null;
  if (kind === 'room') return roomSpace(id);
  if (kind === 'call') return callSpace(id);
  return null;
}

/** A connection on a stage, on the node that holds the connection. */
export interface LocalPeer {
  readonly peerId: string;
  readonly space: Space;
  readonly connection: GatewayConnection;
  standing: Standing;
  /** What the person asked to publish; null while they only watch. */
  media: MediaState | null;
  /** The Janus feed once the SFU has the publication. */
  feed: number | null;
  /** Off the stage: work still in flight for it must undo itself. */
  closed: boolean;
  /** When the right to be here was last checked against the database (calls). */
  checkedAt: number;
}

export interface SignalInput {
  linkId: string;
  description?: SessionDescription | undefined;
  candidates?: IceCandidate[] | undefined;
  endOfCandidates?: true | undefined;
}

/** The space's frame names: `room.rtc.*` with roomId, or `call.*` with matchId. */
export function spaceFrame(space: Space, suffix: string, fields: Record<string, unknown>): ServerFrame {
  const prefix = space.kind === 'room' ? 'room.rtc' : 'call';
  const key = space.kind === 'room' ? 'roomId' : 'matchId';
  return { type: `${prefix}.${suffix}`, [key]: space.id, ...fields } as ServerFrame;
}

/** What the signalling module offers an adapter. */
export interface AdapterHost {
  /** Sends a frame to a peer on whichever node holds it. */
  deliver(space: Space, peerId: string, frame: ServerFrame): Promise<void>;
  /** A peer anywhere on the stage. */
  find(space: Space, peerId: string): RosterPeer | undefined;
  /** The peer's publication can be subscribed to now (and, for janus, at which feed). */
  published(peer: LocalPeer): void;
  /** The adapter lost a publication it held (the SFU restarted): the peer must publish again. */
  lost(peer: LocalPeer): void;
}

/**
 * How media travels. `p2p`: each publisher's browser sends to each viewer's, and the server only passes the
 * negotiation between them. `janus`: every browser talks to the Janus SFU, which the server drives.
 */
export interface VideoAdapter {
  readonly kind: VideoAdapterKind;
  /** Viewers one room takes (null: no limit). */
  readonly maxViewers: number | null;
  publish(peer: LocalPeer): Promise<void>;
  unpublish(peer: LocalPeer): Promise<void>;
  subscribe(viewer: LocalPeer, publisher: RosterPeer): Promise<void>;
  signal(peer: LocalPeer, signal: SignalInput): Promise<void>;
  closeLink(peer: LocalPeer, linkId: string): Promise<void>;
  prefer(peer: LocalPeer, linkId: string, video: boolean): Promise<void>;
  /** The peer left the stage: release what it held. */
  leave(peer: LocalPeer): Promise<void>;
  /** The room ended: release it everywhere. */
  endSpace(space: Space): Promise<void>;
  stop(): Promise<void>;
}
