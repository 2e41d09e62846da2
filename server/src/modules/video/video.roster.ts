import type { MediaState } from '@spejl/shared';
import type { Bus } from '../../bus/bus.ts';

const announceEveryMs = 20_000;
const forgetAfterMs = 60_000;

/** Someone on a stage or in a call, as every node knows them. */
export interface RosterPeer {
  peerId: string;
  userId: string;
  displayName: string;
  /** Counts toward the p2p limit on viewers. */
  viewer: boolean;
  /** What they publish, once others may subscribe; null while they only watch. */
  media: MediaState | null;
  /** The Janus feed of their publication (janus only). */
  feed: number | null;
}

interface Announce {
  type: 'video.roster';
  space: string;
  node: string;
  peers: RosterPeer[];
}

/** The bus channel of a space (`room:<id>` or `call:<id>`). */
export const videoChannel = (space: string) => `video:${space}`;

/**
 * Who is on each stage, across every node. Like chat presence: each node announces its own peers on the space's
 * channel whenever they change (and every 20 s), keeps the newest list from every other node, forgets a node
 * that has been silent for a minute (it crashed), and asks the others to announce when it starts watching.
 */
export class Roster {
  private readonly local = new Map<string, Map<string, RosterPeer>>();
  private readonly remote = new Map<string, Map<string, { peers: RosterPeer[]; at: number }>>();
  private readonly timer: NodeJS.Timeout;
  private readonly nodeId: string;
  private readonly bus: Bus;
  private readonly onChange: (space: string) => void;
  private readonly onError: (error: unknown) => void;

  constructor(
    nodeId: string,
    bus: Bus,
    onChange: (space: string) => void,
    onError: (error: unknown) => void,
  ) {
    this.nodeId = nodeId;
    this.bus = bus;
    this.onChange = onChange;
    this.onError = onError;
    this.timer = setInterval(() => this.tick(), announceEveryMs);
    this.timer.unref();
  }

  /** Adds or updates a peer of this node. */
  set(space: string, peer: RosterPeer) {
    let peers = this.local.get(space);
    if (!peers) {
      peers = new Map();
      this.local.set(space, peers);
    }
    peers.set(peer.peerId, { ...peer });
    this.announce(space);
  }

  remove(space: string, peerId: string) {
    const peers = this.local.get(space);
    if (!peers?.delete(peerId)) return;
    if (peers.size === 0) this.local.delete(space);
    this.announce(space);
  }

  /** Every node's peers in the space. */
  peers(space: string): RosterPeer[] {
    const now = Date.now();
    const all = [...(this.local.get(space)?.values() ?? [])];
    for (const [node, entry] of this.remote.get(space) ?? [])
      if (node !== this.nodeId && now - entry.at < forgetAfterMs) all.push(...entry.peers);
    return all;
  }

  find(space: string, peerId: string): RosterPeer | undefined {
    return this.peers(space).find((peer) => peer.peerId === peerId);
  }

  /** Asks the other nodes for their peers in a space this node just started to watch. */
  query(space: string) {
    this.bus
      .publish(videoChannel(space), { type: 'video.roster.query', space, node: this.nodeId })
      .catch(this.onError);
  }

  /** This node stopped watching the space: what others said about it is dropped. */
  forget(space: string) {
    this.remote.delete(space);
  }

  onBusEvent(space: string, payload: unknown) {
    const event = payload as { type?: string; node?: string };
    if (event.node === this.nodeId) return;
    if (event.type === 'video.roster.query') {
      if (this.local.has(space)) this.announce(space, false);
      return;
    }
    if (event.type !== 'video.roster') return;
    const announce = payload as Announce;
    let nodes = this.remote.get(space);
    if (!nodes) {
      nodes = new Map();
      this.remote.set(space, nodes);
    }
    nodes.set(announce.node, { peers: announce.peers, at: Date.now() });
    this.onChange(space);
  }

  stop() {
    clearInterval(this.timer);
  }

  /** Tells the other nodes (and this one's listeners) the space's local peers. Best effort, like presence. */
  private announce(space: string, changed = true) {
    if (changed) this.onChange(space);
    const peers = [...(this.local.get(space)?.values() ?? [])];
    this.bus
      .publish(videoChannel(space), {
        type: 'video.roster',
        space,
        node: this.nodeId,
        peers,
      } satisfies Announce)
      .catch(this.onError);
  }

  private tick() {
    for (const space of this.local.keys()) this.announce(space, false);
    const now = Date.now();
    for (const [space, nodes] of this.remote)
      for (const [node, entry] of nodes)
        if (now - entry.at >= forgetAfterMs) {
          nodes.delete(node);
          this.onChange(space);
        }
  }
}
