import type { Bus } from '../bus/bus.ts';

const announceEveryMs = 20_000;
const forgetAfterMs = 60_000;

/**
 * How long changes in a group are gathered before they are told, given how many are online there. Every change
 * sends the whole online list to everyone in the group, so a room of n people joining one by one would otherwise
 * cost n² frames of up to n ids each (the load benchmark's webinar room of 2,000 took minutes to subscribe).
 */
export function presenceDelayMs(online: number): number {
  return Math.min(1000, 50 + online);
}

interface Announce {
  type: 'presence.announce';
  groupId: string;
  node: string;
  userIds: string[];
}

/**
 * Who is online in each group, across every node. Each node announces its own online users per group on the group's
 * bus channel whenever they change (and every 20 s); every node keeps the latest announcement from each node and
 * forgets a node that has been silent for a minute (it crashed). A node that starts watching a group asks the others
 * to announce.
 */
export class Presence {
  private readonly local = new Map<string, Map<string, number>>();
  private readonly remote = new Map<string, Map<string, { userIds: string[]; at: number }>>();
  private readonly last = new Map<string, string>();
  /** Groups with changes waiting to be told; `announce` when this node's own list changed. */
  private readonly pending = new Map<string, { announce: boolean; timer: NodeJS.Timeout }>();
  private readonly timer: NodeJS.Timeout;
  private readonly nodeId: string;
  private readonly bus: Bus;
  private readonly onChange: (groupId: string, online: string[]) => void;
  private readonly onError: (error: unknown) => void;
  private readonly channel: (groupId: string) => string;

  /** `channel` names the bus channel per id: `group:<id>` for chat, `room:<id>` for webinar rooms. */
  constructor(
    nodeId: string,
    bus: Bus,
    onChange: (groupId: string, online: string[]) => void,
    onError: (error: unknown) => void = () => {},
    channel: (groupId: string) => string = (groupId) => `group:${groupId}`,
  ) {
    this.onError = onError;
    this.channel = channel;
    this.nodeId = nodeId;
    this.bus = bus;
    this.onChange = onChange;
    this.timer = setInterval(() => this.tick(), announceEveryMs);
    this.timer.unref();
  }

  add(groupId: string, userId: string) {
    let users = this.local.get(groupId);
    if (!users) {
      users = new Map();
      this.local.set(groupId, users);
    }
    const count = users.get(userId) ?? 0;
    users.set(userId, count + 1);
    if (count === 0) this.schedule(groupId, true);
  }

  remove(groupId: string, userId: string) {
    const users = this.local.get(groupId);
    const count = users?.get(userId) ?? 0;
    if (!users || count === 0) return;
    if (count > 1) {
      users.set(userId, count - 1);
      return;
    }
    users.delete(userId);
    if (users.size === 0) this.local.delete(groupId);
    this.schedule(groupId, true);
  }

  /** The union of every node's online users in the group, sorted. */
  online(groupId: string): string[] {
    const now = Date.now();
    const all = new Set(this.local.get(groupId)?.keys() ?? []);
    for (const [node, entry] of this.remote.get(groupId) ?? [])
      if (node !== this.nodeId && now - entry.at < forgetAfterMs) for (const id of entry.userIds) all.add(id);
    return [...all].sort();
  }

  /** Asks the other nodes to tell what they know about a group this node just started to watch. */
  query(groupId: string) {
    this.bus
      .publish(this.channel(groupId), { type: 'presence.query', groupId, node: this.nodeId })
      .catch((error: unknown) => this.onError(error));
  }

  onBusEvent(groupId: string, payload: unknown) {
    const event = payload as { type?: string; node?: string };
    if (event.type === 'presence.query' && event.node !== this.nodeId) {
      if (this.local.has(groupId)) this.schedule(groupId, true);
      return;
    }
    if (event.type !== 'presence.announce' || event.node === this.nodeId) return;
    const announce = payload as Announce;
    let nodes = this.remote.get(groupId);
    if (!nodes) {
      nodes = new Map();
      this.remote.set(groupId, nodes);
    }
    nodes.set(announce.node, { userIds: announce.userIds, at: Date.now() });
    this.schedule(groupId, false);
  }

  stop() {
    clearInterval(this.timer);
    for (const entry of this.pending.values()) clearTimeout(entry.timer);
    this.pending.clear();
  }

  /** Gathers changes in a group for a moment, then tells them once (and announces this node's list once). */
  private schedule(groupId: string, announce: boolean) {
    // Someone came or went here: tell the list even if it ends up as it was, since a socket that subscribed
    // meanwhile got its own snapshot, which may differ from the last list told.
    if (announce) this.last.delete(groupId);
    const waiting = this.pending.get(groupId);
    if (waiting) {
      waiting.announce ||= announce;
      return;
    }
    const online = (this.local.get(groupId)?.size ?? 0) + this.remoteCount(groupId);
    const timer = setTimeout(() => {
      const entry = this.pending.get(groupId);
      this.pending.delete(groupId);
      if (entry?.announce) this.announceSafely(groupId);
      else this.changed(groupId);
    }, presenceDelayMs(online));
    timer.unref();
    this.pending.set(groupId, { announce, timer });
  }

  private remoteCount(groupId: string): number {
    let count = 0;
    for (const entry of this.remote.get(groupId)?.values() ?? []) count += entry.userIds.length;
    return count;
  }

  /** Presence is best effort: a bus outage must never become an unhandled rejection that stops the process. */
  private announceSafely(groupId: string) {
    this.announce(groupId).catch((error: unknown) => this.onError(error));
  }

  private async announce(groupId: string) {
    this.changed(groupId);
    const userIds = [...(this.local.get(groupId)?.keys() ?? [])];
    await this.bus.publish(this.channel(groupId), {
      type: 'presence.announce',
      groupId,
      node: this.nodeId,
      userIds,
    });
  }

  private changed(groupId: string) {
    const online = this.online(groupId);
    const key = online.join(',');
    if (this.last.get(groupId) === key) return;
    this.last.set(groupId, key);
    this.onChange(groupId, online);
  }

  private tick() {
    for (const groupId of this.local.keys()) this.announceSafely(groupId);
    const now = Date.now();
    for (const [groupId, nodes] of this.remote) {
      for (const [node, entry] of nodes) if (now - entry.at >= forgetAfterMs) nodes.delete(node);
      this.changed(groupId);
    }
  }
}
