import { AppError } from '../../http/errors.ts';
import {
  type AdapterHost,
  type LocalPeer,
  type SignalInput,
  spaceFrame,
  type VideoAdapter,
} from './video.adapter.ts';
import type { RosterPeer } from './video.roster.ts';

/**
 * A p2p link is named by its two ends, `<publisher>~<viewer>`, so any node can check and route a step of it with
 * no shared state. The publisher (source) offers, the viewer (sink) answers.
 */
export function p2pLinkId(source: string, sink: string): string {
  return `${source}~${sink}`;
}

export function parseP2pLink(linkId: string): { source: string; sink: string } | null {
  const parts = linkId.split('~');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  return { source: parts[0], sink: parts[1] };
}

/**
 * Browsers send directly to each other: the server only carries each link's offer, answer and candidates between
 * the two ends, over the bus when they sit on different nodes.
 */
export function createP2pAdapter(host: AdapterHost, maxViewers: number | null): VideoAdapter {
  function ends(peer: LocalPeer, linkId: string) {
    const link = parseP2pLink(linkId);
    if (!link) throw new AppError('not_found');
    if (peer.peerId !== link.source && peer.peerId !== link.sink) throw new AppError('not_found');
    const isSource = peer.peerId === link.source;
    const other = isSource ? link.sink : link.source;
    if (!host.find(peer.space, other)) throw new AppError('not_found');
    return { ...link, isSource, other };
  }

  return {
    kind: 'p2p',
    maxViewers,

    async publish(peer) {
      host.published(peer);
    },

    async unpublish() {
      // Viewers see the publisher leave the roster's publishers and close their links.
    },

    async subscribe(viewer: LocalPeer, publisher: RosterPeer) {
      const linkId = p2pLinkId(publisher.peerId, viewer.peerId);
      await host.deliver(viewer.space, publisher.peerId, spaceFrame(viewer.space, 'subscriber', { linkId }));
    },

    async signal(peer: LocalPeer, signal: SignalInput) {
      const link = ends(peer, signal.linkId);
      if (link.isSource) {
        // Only someone who may publish, and does, sends media.
        if (!peer.standing.canPublish || !peer.media) throw new AppError('video.publish_not_allowed');
        if (signal.description && signal.description.type !== 'offer') throw new AppError('ws.bad_frame');
      } else if (signal.description && signal.description.type !== 'answer') {
        throw new AppError('ws.bad_frame');
      }
      await host.deliver(
        peer.space,
        link.other,
        spaceFrame(peer.space, 'signal', {
          linkId: signal.linkId,
          peerId: peer.peerId,
          ...(signal.description ? { description: signal.description } : {}),
          ...(signal.candidates ? { candidates: signal.candidates } : {}),
          ...(signal.endOfCandidates ? { endOfCandidates: true } : {}),
        }),
      );
    },

    async closeLink(peer, linkId) {
      const link = parseP2pLink(linkId);
      if (!link || (peer.peerId !== link.source && peer.peerId !== link.sink))
        throw new AppError('not_found');
      const other = peer.peerId === link.source ? link.sink : link.source;
      // The other end may have gone already; then there is nobody to tell.
      if (host.find(peer.space, other))
        await host.deliver(peer.space, other, spaceFrame(peer.space, 'closed', { linkId }));
    },

    async prefer(peer, linkId, video) {
      const link = ends(peer, linkId);
      if (link.isSource) throw new AppError('not_found');
      await host.deliver(peer.space, link.source, spaceFrame(peer.space, 'prefer', { linkId, video }));
    },

    async leave() {
      // Nothing is held here: the other ends see the peer leave the roster.
    },

    async endSpace() {},

    async stop() {},
  };
}
