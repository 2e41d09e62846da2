import { ApiError } from '../api/client.ts';
import { type Resource, resourcesApi } from '../api/resources.ts';

/** What a card in a message shows of a resource: never its text, sources or contact. */
export type ResourcePreview = Pick<
  Resource,
  'id' | 'title' | 'summary' | 'topic' | 'language' | 'reviewState' | 'reviewedOn' | 'reviewDueOn'
>;

/** How long an answer is reused before the next card asks again (a resource may be withdrawn meanwhile). */
const lifetimeMs = 5 * 60_000;
/** Enough for a long conversation; beyond it the oldest answers are forgotten. */
const maxEntries = 200;

type Entry = { at: number; preview: Promise<ResourcePreview | null> };
const entries = new Map<string, Entry>();

/**
 * A resource for a card in a message, asked once per reader and id however many messages link it (concurrent asks
 * share one request). Null when the reader may not see it (404, or any refusal) or it is withdrawn. A failure that may
 * pass (offline, rate limited, a server error) is not kept, so a later card asks again.
 */
export function resourcePreview(
  id: string,
  viewerId: string | null,
  now = Date.now(),
): Promise<ResourcePreview | null> {
  // Keyed by reader too: after signing out and in as someone else, nothing the first one could see is shown.
  const key = `${viewerId ?? ''}:${id}`;
  const cached = entries.get(key);
  if (cached && now - cached.at < lifetimeMs) return cached.preview;
  entries.delete(key);
  const preview = resourcesApi.get(id).then(toPreview, (error: unknown) => {
    if (!(error instanceof ApiError) || error.status === 0 || error.status === 429 || error.status >= 500) {
      if (entries.get(key)?.preview === preview) entries.delete(key);
    }
    return null;
  });
  entries.set(key, { at: now, preview });
  if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  return preview;
}

function toPreview(resource: Resource): ResourcePreview | null {
  if (resource.status === 'withdrawn' || resource.withdrawn) return null;
  const { id, title, summary, topic, language, reviewState, reviewedOn, reviewDueOn } = resource;
  return { id, title, summary, topic, language, reviewState, reviewedOn, reviewDueOn };
}

/** Forgets every answer (tests start clean). */
export function clearResourcePreviews(): void {
  entries.clear();
}
