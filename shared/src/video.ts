import { z } from 'zod';
import { mediaKinds, rtcLeftReasons, videoAdapters, videoLimits } from './video.limits.ts';

export * from './video.limits.ts';

/*
 * Video over /api/ws. The same signalling runs in two places ("spaces"): a webinar room (`room.rtc.*`, keyed by
 * `roomId`) and a mentorship call (`call.*`, keyed by `matchId`). Media flows on one-way links: a publisher sends
 * to one viewer (p2p) or to the SFU, and the SFU sends to a viewer (janus). The sending side of a link always
 * makes the offer, the receiving side answers; the server names every link and checks every step.
 */

const id = z.string().min(1).max(64);
/** Peer and link ids are made by the server. */
const peerId = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_-]+$/);
const linkId = z
  .string()
  .min(1)
  .max(90)
  .regex(/^[A-Za-z0-9_~-]+$/);

/** What a publisher sends right now (a camera that is off still has its place, so turning it on needs no new offer). */
export const mediaState = z.strictObject({ audio: z.boolean(), video: z.boolean(), screen: z.boolean() });
export type MediaState = z.infer<typeof mediaState>;

export const sessionDescription = z.strictObject({
  type: z.enum(['offer', 'answer']),
  sdp: z.string().min(1).max(videoLimits.sdpMax),
});
export type SessionDescription = z.infer<typeof sessionDescription>;

/** An ICE candidate as `RTCIceCandidate.toJSON()` gives it. */
export const iceCandidate = z.strictObject({
  candidate: z.string().max(videoLimits.candidateMax),
  sdpMid: z.string().max(32).nullable().optional(),
  sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
  usernameFragment: z.string().max(256).nullable().optional(),
});
export type IceCandidate = z.infer<typeof iceCandidate>;

/** One step of a link's negotiation: a description, a batch of candidates, or the end of them. */
const signalFields = {
  linkId,
  description: sessionDescription.optional(),
  candidates: z.array(iceCandidate).min(1).max(videoLimits.candidatesPerFrame).optional(),
  endOfCandidates: z.literal(true).optional(),
};
const hasSignal = (frame: { description?: unknown; candidates?: unknown; endOfCandidates?: unknown }) =>
  frame.description !== undefined || frame.candidates !== undefined || frame.endOfCandidates !== undefined;

/** `{ roomId }` or `{ matchId }`: which space a frame is about. */
function spaceField<K extends string>(key: K) {
  return { [key]: id } as { [P in K]: typeof id };
}

/** The client frames every space has. */
function spaceClientFrames<const P extends string, const K extends string>(prefix: P, key: K) {
  const space = spaceField(key);
  return [
    /** Join the stage (or call): answers `.joined` with ICE servers, rights and who publishes. */
    z.strictObject({ type: z.literal(`${prefix}.join` as `${P}.join`), ...space }),
    z.strictObject({ type: z.literal(`${prefix}.leave` as `${P}.leave`), ...space }),
    /** Start publishing, or tell what is on (mic, camera, screen); only those allowed to publish. */
    z.strictObject({ type: z.literal(`${prefix}.publish` as `${P}.publish`), ...space, media: mediaState }),
    z.strictObject({ type: z.literal(`${prefix}.unpublish` as `${P}.unpublish`), ...space }),
    /** Ask for a publisher's media; the offer arrives as a `.signal` on a new link. */
    z.strictObject({ type: z.literal(`${prefix}.subscribe` as `${P}.subscribe`), ...space, peerId }),
    z
      .strictObject({ type: z.literal(`${prefix}.signal` as `${P}.signal`), ...space, ...signalFields })
      .refine(hasSignal, 'empty signal'),
    z.strictObject({ type: z.literal(`${prefix}.close` as `${P}.close`), ...space, linkId }),
    /** A viewer on a weak connection asks for sound only on a link (or video again). */
    z.strictObject({
      type: z.literal(`${prefix}.prefer` as `${P}.prefer`),
      ...space,
      linkId,
      video: z.boolean(),
    }),
  ] as const;
}

export const videoPermissions = z.object({
  canPublish: z.boolean(),
  /** Mute everyone, stop someone's video (hosts). */
  canModerate: z.boolean(),
  /** Write live captions (hosts and presenters). */
  canCaption: z.boolean(),
});
export type VideoPermissions = z.infer<typeof videoPermissions>;

/** Someone who publishes on the stage (or the other person in a call). */
export const videoPeer = z.object({
  peerId: z.string(),
  userId: z.string(),
  displayName: z.string(),
  media: mediaState,
});
export type VideoPeer = z.infer<typeof videoPeer>;

export const iceServer = z.object({
  urls: z.array(z.string()),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export type IceServer = z.infer<typeof iceServer>;

const serverSignal = {
  linkId: z.string(),
  /** The other end of the link: the publisher a viewer receives, or null for the SFU. */
  peerId: z.string().nullable(),
  description: sessionDescription.optional(),
  candidates: z.array(iceCandidate).optional(),
  endOfCandidates: z.literal(true).optional(),
};

/** The server frames every space has. */
function spaceServerFrames<const P extends string, const K extends string>(prefix: P, key: K) {
  const space = { [key]: z.string() } as { [Q in K]: z.ZodString };
  return [
    z.object({
      type: z.literal(`${prefix}.joined` as `${P}.joined`),
      ...space,
      adapter: z.enum(videoAdapters),
      peerId: z.string(),
      iceServers: z.array(iceServer),
      permissions: videoPermissions,
      /** Who publishes now (never the viewers: who watches stays private). */
      peers: z.array(videoPeer),
      viewers: z.number().int(),
      /** The p2p limit on viewers, null when there is none (janus). */
      maxViewers: z.number().int().nullable(),
    }),
    z.object({
      type: z.literal(`${prefix}.peers` as `${P}.peers`),
      ...space,
      peers: z.array(videoPeer),
      viewers: z.number().int(),
    }),
    z.object({
      type: z.literal(`${prefix}.permissions` as `${P}.permissions`),
      ...space,
      permissions: videoPermissions,
    }),
    /** Someone wants this publisher's media on a new link: make an offer on it. */
    z.object({ type: z.literal(`${prefix}.subscriber` as `${P}.subscriber`), ...space, linkId: z.string() }),
    z.object({ type: z.literal(`${prefix}.signal` as `${P}.signal`), ...space, ...serverSignal }),
    z.object({ type: z.literal(`${prefix}.closed` as `${P}.closed`), ...space, linkId: z.string() }),
    /** A viewer of one of my links asks for sound only (or video again). */
    z.object({
      type: z.literal(`${prefix}.prefer` as `${P}.prefer`),
      ...space,
      linkId: z.string(),
      video: z.boolean(),
    }),
    /** The server took me off the stage (room closed, turn to speak over, joined from another window). */
    z.object({
      type: z.literal(`${prefix}.left` as `${P}.left`),
      ...space,
      reason: z.enum(rtcLeftReasons),
    }),
  ] as const;
}

const captionText = z
  .string()
  .max(videoLimits.captionMax)
  .refine((value) => value.trim().length > 0, 'empty');

export const videoClientFrames = [
  ...spaceClientFrames('room.rtc', 'roomId'),
  /** A host mutes everyone's microphone (no userId) or one person's, or stops their camera. */
  z.strictObject({
    type: z.literal('room.rtc.moderate'),
    roomId: id,
    kind: z.enum(mediaKinds),
    userId: id.optional(),
  }),
  /** Live captions: the line being typed (final false) replaces the last, a final line is kept. */
  z.strictObject({ type: z.literal('room.caption.send'), roomId: id, text: captionText, final: z.boolean() }),
  ...spaceClientFrames('call', 'matchId'),
  /** Follow who is in the pair's call, without joining it. */
  z.strictObject({ type: z.literal('call.watch'), matchId: id }),
  z.strictObject({ type: z.literal('call.unwatch'), matchId: id }),
] as const;

export const roomCaption = z.object({
  id: z.string(),
  text: z.string(),
  final: z.boolean(),
  author: z.object({ id: z.string(), displayName: z.string() }),
});
export type RoomCaption = z.infer<typeof roomCaption>;

export const videoServerFrames = [
  ...spaceServerFrames('room.rtc', 'roomId'),
  z.object({
    type: z.literal('room.rtc.moderated'),
    roomId: z.string(),
    kind: z.enum(mediaKinds),
    by: z.string(),
  }),
  z.object({ type: z.literal('room.caption'), roomId: z.string(), caption: roomCaption }),
  ...spaceServerFrames('call', 'matchId'),
  z.object({
    type: z.literal('call.state'),
    matchId: z.string(),
    inCall: z.array(z.object({ userId: z.string(), displayName: z.string() })),
  }),
] as const;
