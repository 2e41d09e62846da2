import type { page, PublishPageBody, pageVersionList } from '@spejl/shared';
import type { PageSlug } from '@spejl/shared/pages-values';
import { request } from './client.ts';
import type { WireOutput } from './wire.ts';

type Fetch = typeof fetch;
export type Page = WireOutput<typeof page>;
export type PageVersion = WireOutput<typeof pageVersionList>['items'][number];

/** The terms, the privacy policy and the help: anyone reads them, admins publish new versions. */
export const pagesApi = {
  get: (slug: PageSlug, fetcher?: Fetch) => request<Page>('GET', `/pages/${slug}`, { fetch: fetcher }),
  publish: (slug: PageSlug, body: PublishPageBody) => request<Page>('PUT', `/pages/${slug}`, { body }),
  versions: (slug: PageSlug, fetcher?: Fetch) =>
    request<WireOutput<typeof pageVersionList>>('GET', `/pages/${slug}/versions`, { fetch: fetcher }),
};
