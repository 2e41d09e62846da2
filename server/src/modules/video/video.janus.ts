import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto';
import type { RoomStatus } from '@spejl/shared';
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../../http/errors.ts';
import {
  type AdapterHost,
  type LocalPeer,
  type SignalInput,
  type Space,
  spaceFrame,
  spaceOf,
  type VideoAdapter,
} from './video.adapter.ts';
import { type JanusClient, JanusError, type JanusMessage } from './video.janus.client.ts';
import type { RosterPeer } from './video.roster.ts';

const plugin = 'janus.plugin.videoroom';
/** VideoRoom error codes we expect and handle. */
const roomExists = 427;
const noSuchRoom = 426;
const sweepEveryMs = 5 * 60_000;

/** One link between a browser and Janus: the peer's publication, or one publisher's media to a viewer. */
interface JanusLink {
  id: string;
  kind: 'publish' | 'subscribe';
  handle: number;
  peer: LocalPeer;
  /** publish: the feed id we chose; subscribe: the feed received. */
  feed: number;
  /** subscribe: the publisher's peer id, and the video stream's mid (for sound-only). */
  publisherPeerId?: string;
  videoMid?: string | undefined;
}

/** The VideoRoom room of a space: a number every node derives the same way (48 bits of a SHA-256). */
export function janusRoomNumber(space: Space): number {
  return Number.parseInt(createHash('sha256').update(space.key).digest('hex').slice(0, 12), 16);
}

/**
 * The Janus SFU behind a webinar's stage. The server does all the signalling with Janus's HTTP API: it creates
 * each room (private, with a secret only the server knows) when the stage is first used, joins a presenter as a
 * publisher only when the room's policy allows it, subscribes viewers to feeds, passes the browsers' offers,
 * answers and candidates on, and destroys the room when the event ends. Attendees therefore cannot publish even
 * with a modified browser: only the server holds Janus's API secret.
 */
export function createJanusAdapter(
  host: AdapterHost,
  options: {
    client: JanusClient;
    secret: string | undefined;
    logger: FastifyBaseLogger;
    /** The room's status (null: the event is gone or cancelled); rooms of ended events are swept. */
    stageStatus: (webinarId: string) => Promise<RoomStatus | null>;
  },
): VideoAdapter {
  const { client, logger } = options;
  const links = new Map<string, JanusLink>();
  const rooms = new Map<string, Promise<number>>();
  const ended = new Map<string, number>();
  let admin: Promise<number> | null = null;

  const roomSecret = (space: Space) =>
    createHmac('sha256', options.secret ?? 'spejl-janus-room')
      .update(space.key)
      .digest('hex')
      .slice(0, 32);
  const adminKey = options.secret ? { admin_key: options.secret } : {};

  client.onSessionLost = () => {
    admin = null;
    rooms.clear();
    for (const link of [...links.values()]) dropLink(link, true);
  };

  async function unavailable<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof AppError) throw error;
      logger.warn({ err: error }, 'Janus request failed');
      throw new AppError('video.unavailable');
    }
  }

  function adminHandle(): Promise<number> {
    if (!admin) {
      const attached = client.attach(plugin);
      attached.catch(() => {
        if (admin === attached) admin = null;
      });
      admin = attached;
    }
    return admin;
  }

  /** Creates the space's room once (on any node; a second create finds it there). */
  function ensureRoom(space: Space): Promise<number> {
    let room = rooms.get(space.key);
    if (!room) {
      room = (async () => {
        const handle = await adminHandle();
        const number = janusRoomNumber(space);
        try {
          await client.message(handle, {
            request: 'create',
            room: number,
            description: `spejl ${space.key}`,
            is_private: true,
            secret: roomSecret(space),
            publishers: 20,
            bitrate: 1_200_000,
            fir_freq: 10,
            audiocodec: 'opus',
            videocodec: 'vp8',
            notify_joining: false,
            ...adminKey,
          });
        } catch (error) {
          if (!(error instanceof JanusError && error.code === roomExists)) throw error;
        }
        ended.delete(space.key);
        return number;
      })();
      const created = room;
      created.catch(() => {
        if (rooms.get(space.key) === created) rooms.delete(space.key);
      });
      rooms.set(space.key, created);
    }
    return room;
  }

  function addLink(link: JanusLink) {
    links.set(link.id, link);
  }

  /** Forgets a link and detaches its handle; `tell` lets the browser know (it publishes or subscribes again). */
  function dropLink(link: JanusLink, tell: boolean) {
    if (links.get(link.id) !== link) return;
    links.delete(link.id);
    client.detach(link.handle).catch(() => {});
    if (!tell || link.peer.closed) return;
    if (link.kind === 'publish' && link.peer.feed === link.feed) host.lost(link.peer);
    link.peer.connection.send(spaceFrame(link.peer.space, 'closed', { linkId: link.id }));
  }

  function onHandleEvent(linkId: string) {
    return (message: JanusMessage) => {
      const link = links.get(linkId);
      if (!link) return;
      // The browser's connection to Janus ended (it went away, or ICE failed): the link is over.
      if (message.janus === 'hangup' || message.janus === 'detached') dropLink(link, true);
    };
  }

  function linkOf(peer: LocalPeer, linkId: string): JanusLink {
    const link = links.get(linkId);
    if (!link || link.peer !== peer) throw new AppError('not_found');
    return link;
  }

  function linksOf(peer: LocalPeer) {
    return [...links.values()].filter((link) => link.peer === peer);
  }

  async function destroy(space: Space) {
    const handle = await adminHandle();
    try {
      await client.message(handle, {
        request: 'destroy',
        room: janusRoomNumber(space),
        secret: roomSecret(space),
        ...adminKey,
      });
    } catch (error) {
      if (!(error instanceof JanusError && error.code === noSuchRoom)) throw error;
    }
  }

  /** Destroys rooms whose event has ended, also those another node created and forgot (it crashed). */
  async function sweep() {
    const handle = await adminHandle();
    const { data } = await client.message(handle, { request: 'list', ...adminKey });
    const list = (data.list ?? []) as Array<{ room: number; description?: string }>;
    for (const entry of list) {
      const key = entry.description?.startsWith('spejl ') ? entry.description.slice(6) : null;
      const space = key ? spaceOf(key) : null;
      if (space?.kind !== 'room' || janusRoomNumber(space) !== entry.room) continue;
      const status = await options.stageStatus(space.id);
      if (status === null || status === 'closed') {
        rooms.delete(space.key);
        await destroy(space);
      }
    }
  }
  const sweeper = setInterval(() => {
    sweep().catch((error: unknown) => logger.warn({ err: error }, 'Janus room sweep failed'));
  }, sweepEveryMs);
  sweeper.unref();

  return {
    kind: 'janus',
    maxViewers: null,

    publish: (peer) =>
      unavailable(async () => {
        const room = await ensureRoom(peer.space);
        const linkId = `j${randomBytes(12).toString('base64url')}`;
        const handle = await client.attach(plugin, onHandleEvent(linkId));
        const feed = randomInt(1, 2 ** 47);
        const link: JanusLink = { id: linkId, kind: 'publish', handle, peer, feed };
        addLink(link);
        try {
          await client.message(handle, {
            request: 'join',
            ptype: 'publisher',
            room,
            id: feed,
            display: peer.connection.actor.user.displayName,
          });
        } catch (error) {
          dropLink(link, false);
          throw error;
        }
        if (peer.closed || peer.media === null) return dropLink(link, false);
        // The browser offers on this link; the feed is announced once Janus answered it.
        peer.connection.send(spaceFrame(peer.space, 'subscriber', { linkId }));
      }),

    async unpublish(peer) {
      for (const link of linksOf(peer)) if (link.kind === 'publish') dropLink(link, false);
    },

    subscribe: (viewer: LocalPeer, publisher: RosterPeer) =>
      unavailable(async () => {
        if (publisher.feed === null) throw new AppError('video.not_publishing');
        const room = await ensureRoom(viewer.space);
        const linkId = `j${randomBytes(12).toString('base64url')}`;
        const handle = await client.attach(plugin, onHandleEvent(linkId));
        const link: JanusLink = {
          id: linkId,
          kind: 'subscribe',
          handle,
          peer: viewer,
          feed: publisher.feed,
          publisherPeerId: publisher.peerId,
        };
        addLink(link);
        let reply: Awaited<ReturnType<JanusClient['message']>>;
        try {
          reply = await client.message(handle, {
            request: 'join',
            ptype: 'subscriber',
            room,
            streams: [{ feed: publisher.feed }],
          });
        } catch (error) {
          dropLink(link, false);
          if (error instanceof JanusError) throw new AppError('video.not_publishing');
          throw error;
        }
        if (viewer.closed) return dropLink(link, false);
        const streams = (reply.data.streams ?? []) as Array<{ type?: string; mid?: string }>;
        link.videoMid = streams.find((stream) => stream.type === 'video')?.mid;
        viewer.connection.send(
          spaceFrame(viewer.space, 'signal', { linkId, peerId: publisher.peerId, description: reply.jsep }),
        );
      }),

    signal: (peer: LocalPeer, signal: SignalInput) =>
      unavailable(async () => {
        const link = linkOf(peer, signal.linkId);
        if (signal.description) {
          const expected = link.kind === 'publish' ? 'offer' : 'answer';
          if (signal.description.type !== expected) throw new AppError('ws.bad_frame');
          if (link.kind === 'publish') {
            if (!peer.standing.canPublish || !peer.media) throw new AppError('video.publish_not_allowed');
            const reply = await client.message(
              link.handle,
              { request: 'configure', audio: true, video: true },
              signal.description,
            );
            if (!reply.jsep || links.get(link.id) !== link) return;
            peer.connection.send(
              spaceFrame(peer.space, 'signal', { linkId: link.id, peerId: null, description: reply.jsep }),
            );
            peer.feed = link.feed;
            host.published(peer);
          } else {
            await client.message(link.handle, { request: 'start' }, signal.description);
          }
        }
        const candidates = signal.candidates?.filter((candidate) => candidate.candidate !== '');
        if (candidates && candidates.length > 0) await client.trickle(link.handle, candidates);
        if (signal.endOfCandidates) await client.trickle(link.handle, null);
      }),

    async closeLink(peer, linkId) {
      dropLink(linkOf(peer, linkId), false);
    },

    prefer: (peer, linkId, video) =>
      unavailable(async () => {
        const link = linkOf(peer, linkId);
        if (link.kind !== 'subscribe' || !link.videoMid) throw new AppError('not_found');
        await client.message(link.handle, {
          request: 'configure',
          streams: [{ mid: link.videoMid, send: video }],
        });
      }),

    async leave(peer) {
      for (const link of linksOf(peer)) dropLink(link, false);
    },

    async endSpace(space) {
      // Every connection in the room hears that it closed; one destroy per node is enough.
      const last = ended.get(space.key);
      if (last && Date.now() - last < 30_000) return;
      ended.set(space.key, Date.now());
      rooms.delete(space.key);
      for (const link of [...links.values()]) if (link.peer.space.key === space.key) dropLink(link, false);
      await destroy(space).catch((error: unknown) =>
        logger.warn({ err: error }, 'Janus room destroy failed'),
      );
    },

    async stop() {
      clearInterval(sweeper);
      await client.stop();
    },
  };
}
