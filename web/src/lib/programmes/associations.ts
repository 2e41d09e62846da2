import { groupsApi } from '../api/groups.ts';

type Fetch = typeof fetch;

/** An association a family can say it belongs to when enrolling. */
export interface AssociationChoice {
  id: string;
  name: string;
}

/** At most this many pages of the directory are read for its associations. */
const directoryPages = 3;

/**
 * The associations behind the groups in the directory, by name. The API has no public list of associations, and the
 * directory is what a family already sees, so an association with no listed group is not offered. Without an answer
 * the list is empty and the question is left out: enrolling never waits on it.
 */
export async function directoryAssociations(fetcher?: Fetch): Promise<AssociationChoice[]> {
  const found = new Map<string, string>();
  try {
    let cursor: string | null = null;
    for (let page = 0; page < directoryPages; page += 1) {
      const answer = await groupsApi.list({ limit: 100, cursor, fetch: fetcher });
      for (const group of answer.items)
        if (group.organisation) found.set(group.organisation.id, group.organisation.name);
      cursor = answer.nextCursor;
      if (!cursor) break;
    }
  } catch {
    // The question is optional; the panel works without it.
  }
  return [...found].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'da'));
}
