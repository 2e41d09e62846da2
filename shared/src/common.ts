import { z } from 'zod';
import { errorCodes } from './errors.ts';
import { limits } from './limits.ts';

/** The one error shape every failing request answers with. */
export const errorResponse = z
  .object({
    error: z.object({
      code: z.enum(errorCodes as [string, ...string[]]),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'ErrorResponse' });
export type ErrorResponse = z.infer<typeof errorResponse>;

export const id = z.string().min(1).max(64);
export const isoDate = z.iso.datetime();

/** `?cursor=&limit=` for every list endpoint. */
export const listQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(limits.listMax).default(limits.listDefault),
});

/** `{items, nextCursor}` for a list of T. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const healthResponse = z.object({
  status: z.literal('ok'),
  db: z.enum(['pglite', 'postgres']),
  bus: z.enum(['memory', 'postgres', 'redis']),
  version: z.string(),
});
