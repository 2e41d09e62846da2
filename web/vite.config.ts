import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    sveltekit({
      adapter: adapter(),
      // Root-relative asset paths: the service worker answers any offline navigation with one cached shell page,
      // whose script and style links must work at every depth (`./_app/…` would only work at `/`).
      paths: { relative: false },
      // Hashes, not nonces: the app shell is the same for every request and no inline script runs unhashed.
      csp: {
        mode: 'hash',
        directives: {
          'default-src': ['self'],
          'script-src': ['self'],
          'style-src': ['self', 'unsafe-inline'],
          'img-src': ['self', 'data:', 'blob:'],
          'connect-src': ['self'],
          'worker-src': ['self'],
          'manifest-src': ['self'],
          'media-src': ['self', 'blob:'],
          'font-src': ['self'],
          'object-src': ['none'],
          'base-uri': ['self'],
          'form-action': ['self'],
          'frame-ancestors': ['none'],
        },
      },
    }),
  ],
  // `pnpm dev` runs the API on :3000 and this dev server on :5173; the browser only ever talks to :5173.
  server: {
    proxy: {
      '/api': { target: 'http://localhost:3000', ws: true },
    },
  },
});
