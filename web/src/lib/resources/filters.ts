import type { Locale } from '@spejl/shared/limits';
import {
  type ResourceAudience,
  type ResourceTopic,
  resourceAudiences,
  resourceTopics,
} from '@spejl/shared/resources-values';

/** What a reader narrows the kit by; kept in the address so a filtered list can be shared and goes back right. */
export interface KnowledgeFilter {
  q: string;
  topic: ResourceTopic | null;
  audience: ResourceAudience | null;
}

const isTopic = (value: string | null): value is ResourceTopic =>
  value !== null && (resourceTopics as readonly string[]).includes(value);
const isAudience = (value: string | null): value is ResourceAudience =>
  value !== null && (resourceAudiences as readonly string[]).includes(value);

/** Reads the filter from `?q=&topic=&audience=`; unknown values count as not chosen. */
export function filterFromUrl(url: URL): KnowledgeFilter {
  const topic = url.searchParams.get('topic');
  const audience = url.searchParams.get('audience');
  return {
    q: url.searchParams.get('q')?.trim() ?? '',
    topic: isTopic(topic) ? topic : null,
    audience: isAudience(audience) ? audience : null,
  };
}

/** `/knowledge?…` for a filter, with only what is chosen. */
export function knowledgeUrl(filter: KnowledgeFilter): string {
  const params = new URLSearchParams();
  if (filter.q.trim()) params.set('q', filter.q.trim());
  if (filter.topic) params.set('topic', filter.topic);
  if (filter.audience) params.set('audience', filter.audience);
  const text = params.toString();
  return text ? `/knowledge?${text}` : '/knowledge';
}

export const isFiltered = (filter: KnowledgeFilter) =>
  filter.q !== '' || filter.topic !== null || filter.audience !== null;

/** The printable kit (`GET /api/kit.pdf`) for the chosen audience and topic, in the reader's language; a search is no part of it. */
export function kitUrl(filter: KnowledgeFilter, locale: Locale): string {
  const params = new URLSearchParams();
  if (filter.audience) params.set('audience', filter.audience);
  if (filter.topic) params.set('topic', filter.topic);
  params.set('lang', locale);
  return `/api/kit.pdf?${params.toString()}`;
}
