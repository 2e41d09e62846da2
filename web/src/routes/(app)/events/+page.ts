import { failLoad } from '#lib/api/load-errors.ts';
import { type WebinarView, webinarsApi } from '#lib/api/webinars.ts';
import type { PageLoad } from './$types';

const views: WebinarView[] = ['upcoming', 'mine', 'past'];

export const load: PageLoad = async ({ parent, url, fetch }) => {
  await parent();
  const asked = url.searchParams.get('view');
  const view = views.find((candidate) => candidate === asked) ?? 'upcoming';
  try {
    const [events, organisable, feed] = await Promise.all([
      webinarsApi.list({ view, fetch }),
      webinarsApi.organisable(fetch),
      webinarsApi.feed(fetch),
    ]);
    return { view, events, organisable, feed };
  } catch (cause) {
    failLoad(cause, url);
  }
};
