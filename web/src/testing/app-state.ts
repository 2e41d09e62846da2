import type { Page } from '$app/state';

/**
 * `$app/state` for the component tests (aliased in vitest.config.ts): SvelteKit's own needs its virtual modules,
 * and a component under test only reads where it is. A page at the site's root; a test may change `url`.
 */
export const page: Page = {
  url: new URL('http://localhost:3000/'),
  params: {},
  route: { id: null },
  status: 200,
  error: null,
  data: {},
  state: {},
  shallow: null,
  form: null,
};
