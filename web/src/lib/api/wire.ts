/**
 * Request and response types taken from the zod schemas in @spejl/shared, so the web never re-declares them.
 * The web has no zod of its own, so read the inferred types zod 4 keeps on every schema.
 */
export type WireInput<Schema extends { _zod: { input: unknown } }> = Schema['_zod']['input'];
export type WireOutput<Schema extends { _zod: { output: unknown } }> = Schema['_zod']['output'];
