import { type DatabaseHandle, organisations } from '@spejl/db';
import {
  adminGroupListQuery,
  type AdminGroup,
  archiveGroupBody,
  createGroupBody,
  type ErrorCode,
  updateGroupBody,
} from '@spejl/shared';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { systemClock } from '../../clock.ts';
import { AppError } from '../../http/errors.ts';
import { createModerationRepository } from '../moderation/moderation.repository.ts';
import { createGroupsAdminRepository } from './groups.admin.repository.ts';
import { createGroupsAdminService, operator } from './groups.admin.ts';
import { createGroupsRepository } from './groups.repository.ts';

/** The group:* lines of `pnpm spejl --help`. */
export const groupUsage = `  group:list [--archived true|false|all] [--search Q]
  group:create --name N --slug S --kind diagnosis|network|subgroup [--parent SLUG] [--association SLUG]
               [--visibility listed|hidden] [--join-policy request|invite] [--description D]
               [--terms "a;b;c"] [--history on|off] [--owner EMAIL]
  group:update --slug S [--name N] [--description D] [--visibility V] [--join-policy P] [--history on|off]
               [--terms "a;b;c"] [--reason R]   settings, as an owner changes them
  group:move --slug S [--parent SLUG|none] [--association SLUG|none] [--kind K] --reason R
  group:archive --slug S --reason R            leaves the directory; nobody opens it until it is back
  group:unarchive --slug S --reason R
The group:* commands use the same service as the web's administration: each change is in the audit log.`;

/** The options the group:* commands read, besides --name, --slug and --reason. */
export const groupOptions = {
  kind: { type: 'string' },
  parent: { type: 'string' },
  association: { type: 'string' },
  visibility: { type: 'string' },
  'join-policy': { type: 'string' },
  description: { type: 'string' },
  terms: { type: 'string' },
  history: { type: 'string' },
  owner: { type: 'string' },
  archived: { type: 'string' },
  search: { type: 'string' },
} as const;

/** A refusal the operator can act on, printed as it is. */
export class GroupCommandError extends Error {}

const messages: Partial<Record<ErrorCode, string>> = {
  not_found: 'No active group with that slug.',
  'group.slug_taken': 'Another group has that slug.',
  'group.move_cycle': 'A group cannot move under itself or one of its sub-groups.',
};

type Options = Record<string, string | boolean | undefined>;

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? '').replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
    throw new GroupCommandError(`${field ? `--${field}: ` : ''}${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

const text = (value: string | boolean | undefined) => (typeof value === 'string' ? value : undefined);

/** The settings given on the command line, under the API's names. */
function settings(values: Options) {
  const history = text(values.history);
  const named = {
    name: text(values.name),
    description: text(values.description),
    visibility: text(values.visibility),
    joinPolicy: text(values['join-policy']),
    diagnosisTerms:
      values.terms === undefined
        ? undefined
        : String(values.terms)
            .split(';')
            .map((term) => term.trim())
            .filter(Boolean),
    historyVisibleToNewMembers: history === undefined ? undefined : history === 'on',
    reason: text(values.reason),
  };
  if (history !== undefined && history !== 'on' && history !== 'off')
    throw new GroupCommandError('--history: on or off');
  return Object.fromEntries(Object.entries(named).filter(([, value]) => value !== undefined));
}

function line(group: AdminGroup) {
  const parent = group.parentName ? ` under ${group.parentName}` : '';
  const association = group.organisation ? ` (${group.organisation.name})` : '';
  const archived = group.archivedAt ? ' [archived]' : '';
  return `${group.slug.padEnd(32)} ${group.name}${parent}${association}${archived}  ${group.memberCount} members  ${group.id}`;
}

function serviceOf(database: DatabaseHandle) {
  const moderation = createModerationRepository(database.db);
  const repository = createGroupsRepository(database.db);
  return createGroupsAdminService({
    repository,
    admin: createGroupsAdminRepository(database.db),
    // The operator's calls never reload a group as a person sees it.
    groups: {
      get: () => {
        throw new Error('not used by the operator');
      },
    },
    audit: (entries) => moderation.audit(entries),
    clock: systemClock,
  });
}

/** An association's id from its slug; `none` means no association. */
async function associationIdOf(database: DatabaseHandle, slug: string): Promise<string | null> {
  if (slug === 'none') return null;
  const [row] = await database.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.slug, slug));
  if (!row) throw new GroupCommandError(`No association with the slug ${slug}.`);
  return row.id;
}

function slugOf(values: Options): string {
  if (typeof values.slug !== 'string' || values.slug === '') throw new GroupCommandError('--slug: required');
  return values.slug;
}

/** Runs the work, turning the service's refusals into plain sentences. */
async function explained(work: () => Promise<string>): Promise<string> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) {
      const detail = (error as AppError & { details?: Array<{ path: string[]; message: string }> })
        .details?.[0];
      throw new GroupCommandError(
        messages[error.code as ErrorCode] ?? (detail ? `--${detail.path[0]}: ${detail.message}` : error.code),
      );
    }
    throw error;
  }
}

/** The work for a group:* command, with its arguments checked; null for any other command. */
export function planGroupCommand(
  command: string,
  values: Options,
): ((database: DatabaseHandle) => Promise<string>) | null {
  switch (command) {
    case 'group:list': {
      const query = parse(adminGroupListQuery, {
        ...(values.archived === undefined ? {} : { archived: values.archived }),
        ...(values.search === undefined ? {} : { q: values.search }),
      });
      return (database) =>
        explained(async () => {
          const { items } = await serviceOf(database).list(
            operator,
            { q: query.q, archived: query.archived },
            { offset: 0, limit: 100_000 },
          );
          return items.length === 0 ? 'No groups.' : items.map(line).join('\n');
        });
    }
    case 'group:create': {
      const { reason: _reason, ...given } = settings(values);
      const body = parse(createGroupBody, {
        ...given,
        slug: values.slug,
        kind: values.kind,
        visibility: values.visibility ?? 'listed',
        joinPolicy: values['join-policy'] ?? 'request',
      });
      const owner = text(values.owner)?.trim().toLowerCase() ?? null;
      return (database) =>
        explained(async () => {
          const associationId =
            values.association === undefined
              ? undefined
              : await associationIdOf(database, String(values.association));
          const group = await serviceOf(database).createAsOperator(
            {
              ...body,
              ...(values.parent === undefined ? {} : { parentId: String(values.parent) }),
              ...(associationId ? { associationId } : {}),
            },
            owner,
          );
          return `Created ${line(group)}`;
        });
    }
    case 'group:update': {
      const body = parse(updateGroupBody, settings(values));
      return (database) =>
        explained(
          async () => `Updated ${line(await serviceOf(database).updateAsOperator(slugOf(values), body))}`,
        );
    }
    case 'group:move': {
      const reason = parse(archiveGroupBody, { reason: values.reason }).reason;
      if (values.parent === undefined && values.association === undefined && values.kind === undefined)
        throw new GroupCommandError('Give --parent, --association or --kind.');
      return (database) =>
        explained(async () => {
          const service = serviceOf(database);
          const parent = text(values.parent);
          const parentId =
            parent === undefined
              ? undefined
              : parent === 'none'
                ? null
                : (await service.find(operator, parent)).id;
          const associationId =
            values.association === undefined
              ? undefined
              : await associationIdOf(database, String(values.association));
          const body = parse(updateGroupBody, {
            reason,
            ...(parentId === undefined ? {} : { parentId }),
            ...(associationId === undefined ? {} : { associationId }),
            ...(values.kind === undefined ? {} : { kind: values.kind }),
          });
          return `Moved ${line(await service.updateAsOperator(slugOf(values), body))}`;
        });
    }
    case 'group:archive':
    case 'group:unarchive': {
      const { reason } = parse(archiveGroupBody, { reason: values.reason });
      const archive = command === 'group:archive';
      return (database) =>
        explained(async () => {
          const service = serviceOf(database);
          const done = archive
            ? await service.archive(operator, slugOf(values), reason)
            : await service.unarchive(operator, slugOf(values), reason);
          return `${archive ? 'Archived' : 'Active again:'} ${line(done)}`;
        });
    }
    default:
      return null;
  }
}
