/** Sizes and rules for video, shared by the server (enforced) and the web (used). No zod here. */
export const videoLimits = {
  /** An SDP offer or answer for one audio and one video stream is 3–8 KB; the WebSocket takes 32 KB frames. */
  sdpMax: 20_000,
  candidateMax: 600,
  /** Candidates travel in batches, so one connection needs a few frames rather than dozens. */
  candidatesPerFrame: 20,
  captionMax: 300,
  /** Captions a screen keeps (the newest last). */
  captionLines: 3,
  /** A mentorship call is the pair: one connection each. */
  callPeers: 2,
} as const;

/** How video travels: browsers directly to each other, or through the Janus SFU. */
export const videoAdapters = ['p2p', 'janus'] as const;
export type VideoAdapterKind = (typeof videoAdapters)[number];

export const mediaKinds = ['audio', 'video'] as const;
export type MediaKind = (typeof mediaKinds)[number];

/** Why the server took someone off a stage or out of a call. */
export const rtcLeftReasons = ['ended', 'not_allowed', 'elsewhere', 'unavailable'] as const;
export type RtcLeftReason = (typeof rtcLeftReasons)[number];
