import { pushApi } from '../api/push.ts';

/**
 * Where push stands on this device:
 * - `unsupported`: the browser has no Push API (or no service worker, as in a private window in some browsers);
 * - `install-first`: an iPhone or iPad in Safari, where push works only for Spejl added to the home screen;
 * - `denied`: the person (or the browser) blocked notifications for Spejl; only the browser's settings undo it;
 * - `off` / `on`: whether this browser has a subscription.
 */
export type PushState = 'unsupported' | 'install-first' | 'denied' | 'off' | 'on';

/** Why turning push on failed, for the message the person reads. */
export type PushFailure = 'denied' | 'dismissed' | 'unavailable' | 'server';

export class PushError extends Error {
  constructor(readonly reason: PushFailure) {
    super(reason);
  }
}

function isAppleMobile(): boolean {
  const agent = navigator.userAgent;
  // iPadOS says "Macintosh" but has touch.
  return /iPhone|iPad|iPod/.test(agent) || (/Macintosh/.test(agent) && navigator.maxTouchPoints > 1);
}

function isInstalled(): boolean {
  return (
    window.matchMedia('(display-mode: standalone)').matches ||
    (navigator as Navigator & { standalone?: boolean }).standalone === true
  );
}

function supported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

/** The service worker's registration, or null when none comes within a few seconds (development without one). */
async function registration(): Promise<ServiceWorkerRegistration | null> {
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 5000));
  return Promise.race([navigator.serviceWorker.ready, timeout]);
}

export async function pushState(): Promise<PushState> {
  if (isAppleMobile() && !isInstalled()) return 'install-first';
  if (!supported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  const ready = await registration();
  if (!ready) return 'unsupported';
  const subscription = await ready.pushManager.getSubscription().catch(() => null);
  return subscription ? 'on' : 'off';
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replaceAll('-', '+').replaceAll('_', '/');
  const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/**
 * Turns push on for this browser. The browser asks for permission here, and only here: when the person pressed the
 * button. Throws PushError with the reason when it cannot.
 */
export async function turnPushOn(): Promise<void> {
  if (!supported()) throw new PushError('unavailable');
  const permission = await Notification.requestPermission();
  if (permission === 'denied') throw new PushError('denied');
  if (permission !== 'granted') throw new PushError('dismissed');
  const ready = await registration();
  if (!ready) throw new PushError('unavailable');
  let publicKey: string;
  try {
    publicKey = (await pushApi.key()).publicKey;
  } catch {
    throw new PushError('server');
  }
  let subscription: PushSubscription;
  try {
    subscription =
      (await ready.pushManager.getSubscription()) ??
      (await ready.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(publicKey),
      }));
  } catch {
    // The browser's push service could not be reached or refused (no network, a browser without one).
    throw new PushError('unavailable');
  }
  const json = subscription.toJSON();
  try {
    await pushApi.subscribe({
      endpoint: subscription.endpoint,
      keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' },
    });
  } catch {
    await subscription.unsubscribe().catch(() => false);
    throw new PushError('server');
  }
}

/** Turns push off for this browser: the browser forgets the subscription and the server removes it. */
export async function turnPushOff(): Promise<void> {
  const ready = await registration();
  const subscription = await ready?.pushManager.getSubscription();
  if (!subscription) return;
  await pushApi.unsubscribe(subscription.endpoint).catch(() => undefined);
  await subscription.unsubscribe();
}
