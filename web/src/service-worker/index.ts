/**
 * Spejl's service worker: it keeps the app shell (built scripts and styles, the static files and one signed-out page)
 * so that Spejl opens without a network and says so. It never stores an API answer or a page fetched with the
 * person's cookie: navigations go to the network first, and only when that fails get the shell.
 */
import { version } from '$app/env';
import { assets, immutable } from '$app/manifest';
import { self } from '$app/service-worker';

const cachePrefix = 'spejl-shell-';
const cacheName = `${cachePrefix}${version}`;
/** The page every offline navigation gets; with `ssr = false` it is the same empty frame at every address. */
const shellPath = '/';
const precached = new Set(
  [...immutable, ...assets].map(({ path }) => new URL(path, self.registration.scope).pathname),
);

function isApi(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(cacheName);
      await cache.addAll([...precached]);
      // Without cookies, so the stored page is the one any visitor gets and can carry nothing about this person.
      const shell = await fetch(shellPath, { credentials: 'omit', cache: 'no-store', redirect: 'error' });
      if (!shell.ok) throw new Error(`The app shell answered ${shell.status}`);
      await cache.put(shellPath, shell);
      // A new version takes over at once: its cache holds the files the server now has.
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(cachePrefix) && key !== cacheName) await caches.delete(key);
      }
      await self.registration.navigationPreload?.enable();
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  // Sign-in, sending and every other change go straight to the server, as do other origins and the API.
  if (request.method !== 'GET' || request.headers.has('range')) return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || isApi(url.pathname)) return;

  if (request.mode === 'navigate') {
    event.respondWith(
      (async () => {
        try {
          const preloaded = (await event.preloadResponse) as Response | undefined;
          return preloaded ?? (await fetch(request));
        } catch (error) {
          const shell = await caches.match(shellPath, { cacheName });
          if (shell) return shell;
          throw error;
        }
      })(),
    );
    return;
  }

  if (precached.has(url.pathname)) {
    event.respondWith((async () => (await caches.match(request, { cacheName })) ?? fetch(request))());
  }
});

/** What a push from Spejl carries (`pushPayload` in shared/push.ts); checked by hand to keep zod out of the worker. */
interface PushPayload {
  v: 1;
  title: string;
  body?: string;
  url: string;
  tag: string;
  notificationId?: string;
}

function readPush(data: PushMessageData | null): PushPayload | null {
  try {
    const value = data?.json() as Partial<PushPayload> | undefined;
    if (value?.v !== 1 || typeof value.title !== 'string' || typeof value.tag !== 'string') return null;
    // Only a page of ours: a push cannot send the person anywhere else.
    const url =
      typeof value.url === 'string' && value.url.startsWith('/') && !value.url.startsWith('//')
        ? value.url
        : '/';
    return { v: 1, title: value.title, url, tag: value.tag, ...(value.body ? { body: value.body } : {}) };
  } catch {
    return null;
  }
}

/**
 * A push says only what the server put on the lock screen (by default "Ny aktivitet i Spejl", never what anyone
 * wrote). The details load when the person opens it, signed in, after unlocking: the page at its address.
 */
self.addEventListener('push', (event) => {
  const payload = readPush(event.data);
  if (!payload) return;
  event.waitUntil(
    self.registration.showNotification(payload.title, {
      ...(payload.body ? { body: payload.body } : {}),
      tag: payload.tag,
      icon: '/icons/icon-192.png',
      badge: '/icons/icon-192.png',
      lang: 'da',
      data: { url: payload.url },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const path = (event.notification.data as { url?: string } | null)?.url ?? '/';
  const target = new URL(path, self.location.origin).href;
  event.waitUntil(
    (async () => {
      // An open Spejl window goes to the page; otherwise a new one opens there.
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
      if (open) {
        await open.focus();
        await open.navigate(target).catch(() => self.clients.openWindow(target));
        return;
      }
      await self.clients.openWindow(target);
    })(),
  );
});
