import type { Bus } from '../bus/bus.ts';

const announceEveryMs = 20_000;
const forgetAfterMs = 60_000;

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
    if (count === 0) this.announceSafely(groupId);
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
    this.announceSafely(groupId);
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
      if (this.local.has(groupId)) this.announceSafely(groupId);
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
    this.changed(groupId);
  }

  stop() {
    clearInterval(this.timer);
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
