import { AppError } from './errors.ts';

/** Reads `?cursor=` (an opaque offset) and `?limit=`; a cursor we did not issue is a 400. */
export function readPage(query: { cursor?: string | undefined; limit: number }): {
  offset: number;
  limit: number;
} {
  if (query.cursor === undefined) return { offset: 0, limit: query.limit };
  const decoded = Buffer.from(query.cursor, 'base64url').toString('utf8');
  const match = /^o:(\d{1,9})$/.exec(decoded);
  if (!match?.[1])
    throw new AppError('validation.failed', { details: [{ path: ['cursor'], message: 'invalid cursor' }] });
  return { offset: Number(match[1]), limit: query.limit };
}

/** Turns rows fetched with one extra into `{items, nextCursor}`. */
export function toPage<T>(
  rows: T[],
  page: { offset: number; limit: number },
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, page.limit);
  const nextCursor =
    rows.length > page.limit
      ? Buffer.from(`o:${page.offset + page.limit}`, 'utf8').toString('base64url')
      : null;
  return { items, nextCursor };
}

/** Pages a list already in memory (short lists such as the group directory). */
export function pageOf<T>(all: T[], page: { offset: number; limit: number }) {
  return toPage(all.slice(page.offset, page.offset + page.limit + 1), page);
}
