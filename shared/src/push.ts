import { z } from 'zod';

const base64url = z.string().regex(/^[A-Za-z0-9_-]+={0,2}$/, 'base64url');

/** A browser's `PushSubscription.toJSON()`, as `POST /api/me/push-subscriptions` takes it. */
export const pushSubscriptionBody = z.object({
  endpoint: z.url({ protocol: /^https?$/ }).max(2048),
  /** Browsers send it; we do not use it (a subscription that stops working is removed when it fails). */
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({
    /** The browser's P-256 public key: 65 bytes uncompressed, 87 characters of base64url. */
    p256dh: base64url.min(80).max(100),
    /** The 16-byte auth secret: 22 characters. */
    auth: base64url.min(16).max(32),
  }),
});
export const deletePushSubscriptionBody = z.strictObject({ endpoint: z.string().min(1).max(2048) });

/** A device with push on, as the account page lists it (never the endpoint, which is a capability). */
export const pushDevice = z
  .object({ id: z.string(), label: z.string(), createdAt: z.string(), lastSuccessAt: z.string().nullable() })
  .meta({ id: 'PushDevice' });
export type PushDevice = z.infer<typeof pushDevice>;
export const pushDeviceResponse = z.object({ device: pushDevice });
export const pushDeviceList = z.object({ items: z.array(pushDevice) });
export const pushDeviceParams = z.object({ id: z.string().min(1).max(64) });
/** The VAPID public key (base64url) a browser subscribes with: `applicationServerKey`. */
export const pushPublicKey = z.object({ publicKey: z.string() });

/**
 * What a push carries, encrypted (RFC 8291), to the service worker. It says as little as possible: `title` is "Ny
 * aktivitet i Spejl" or, when the person chose previews, who and where ("Anna nævnte dig i Cystisk fibrose"); never
 * what anyone wrote. `url` is the page to open; `tag` lets a newer push replace an older one about the same thing.
 */
export const pushPayload = z.strictObject({
  v: z.literal(1),
  title: z.string().max(200),
  body: z.string().max(300).optional(),
  url: z.string().startsWith('/').max(500),
  tag: z.string().max(100),
  /** The notification's id when it is one (the worker may mark it read when opened). */
  notificationId: z.string().optional(),
});
export type PushPayload = z.infer<typeof pushPayload>;

/**
 * The client's WebSocket frame that says whether the app is in front of the person: `visible: true` when a tab opens
 * and every 45 s while it stays visible, `visible: false` when it is hidden. While someone was seen in the last 90 s,
 * nothing is pushed to them (they see it in the app); hidden, pushes arrive again at once.
 */
export const pushClientFrames = [
  z.strictObject({ type: z.literal('activity'), visible: z.boolean() }),
] as const;
