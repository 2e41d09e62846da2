import { type DatabaseHandle, organisations } from '@spejl/db';
import {
  archiveAssociationBody,
  associationListQuery,
  createAssociationBody,
  type ErrorCode,
  updateAssociationBody,
} from '@spejl/shared';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { systemClock } from '../../clock.ts';
import { AppError } from '../../http/errors.ts';
import { createModerationRepository } from '../moderation/moderation.repository.ts';
import { createAssociationsRepository } from './associations.repository.ts';
import { type Association, createAssociationsService } from './associations.service.ts';

/** The association:* lines of `pnpm spejl --help`. */
export const associationUsage = `  association:list [--status active|archived|all]
  association:create --name N [--short-name S] [--website https://…] [--contact-email E] [--reason R]
  association:update --slug S [--name N] [--short-name S] [--website W] [--contact-email E] [--reason R]
                                      an empty value ("") clears an optional field
  association:archive --slug S --reason R     its groups keep working and keep its name
  association:unarchive --slug S --reason R
The association:* commands use the same service as the web's administration: each change is in the audit log.`;

/** The options the association:* commands read. */
export const associationOptions = {
  name: { type: 'string' },
  'short-name': { type: 'string' },
  website: { type: 'string' },
  'contact-email': { type: 'string' },
  slug: { type: 'string' },
  status: { type: 'string' },
} as const;

/** A refusal the operator can act on, printed as it is. */
export class AssociationCommandError extends Error {}

const messages: Partial<Record<ErrorCode, string>> = {
  'association.not_found': 'No association with that slug.',
  'association.name_taken': 'Another association has that name.',
  'association.already_archived': 'The association is already archived.',
  'association.not_archived': 'The association is not archived.',
};

type Options = Record<string, string | boolean | undefined>;
const operator = { operator: true } as const;

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? '').replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
    throw new AssociationCommandError(`${field ? `--${field}: ` : ''}${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** Only the options given, under the API's names. */
function details(values: Options) {
  const named = {
    name: values.name,
    shortName: values['short-name'],
    website: values.website,
    contactEmail: values['contact-email'],
    reason: values.reason,
  };
  return Object.fromEntries(Object.entries(named).filter(([, value]) => value !== undefined));
}

function line(association: Association) {
  const short = association.shortName ? ` (${association.shortName})` : '';
  const archived = association.archivedAt ? ' [archived]' : '';
  return `${association.slug.padEnd(32)} ${association.name}${short}${archived}  ${association.groupCount} groups  ${association.id}`;
}

function serviceOf(database: DatabaseHandle) {
  const moderation = createModerationRepository(database.db);
  return createAssociationsService({
    repository: createAssociationsRepository(database.db),
    clock: systemClock,
    audit: (entries, executor) => moderation.audit(entries, executor),
    transaction: (work) => database.db.transaction((tx) => work(tx)),
  });
}

async function idOf(database: DatabaseHandle, slug: unknown): Promise<string> {
  if (typeof slug !== 'string' || slug === '') throw new AssociationCommandError('--slug: required');
  const [row] = await database.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.slug, slug));
  if (!row) throw new AssociationCommandError(`No association with the slug ${slug}.`);
  return row.id;
}

/** Runs the work, turning the service's refusals into plain sentences. */
async function explained(work: () => Promise<string>): Promise<string> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError)
      throw new AssociationCommandError(messages[error.code as ErrorCode] ?? error.code);
    throw error;
  }
}

/** The work for an association:* command, with its arguments checked; null for any other command. */
export function planAssociationCommand(
  command: string,
  values: Options,
): ((database: DatabaseHandle) => Promise<string>) | null {
  switch (command) {
    case 'association:list': {
      const { status } = parse(
        associationListQuery,
        values.status === undefined ? {} : { status: values.status },
      );
      return (database) =>
        explained(async () => {
          const { items } = await serviceOf(database).list(operator, status);
          return items.length === 0
            ? `No ${status === 'all' ? '' : `${status} `}associations.`
            : items.map(line).join('\n');
        });
    }
    case 'association:create': {
      const body = parse(createAssociationBody, details(values));
      return (database) =>
        explained(async () => `Created ${line(await serviceOf(database).create(operator, body))}`);
    }
    case 'association:update': {
      const body = parse(updateAssociationBody, details(values));
      return (database) =>
        explained(async () => {
          const id = await idOf(database, values.slug);
          return `Updated ${line(await serviceOf(database).update(operator, id, body))}`;
        });
    }
    case 'association:archive':
    case 'association:unarchive': {
      const body = parse(archiveAssociationBody, { reason: values.reason });
      const archive = command === 'association:archive';
      return (database) =>
        explained(async () => {
          const id = await idOf(database, values.slug);
          const service = serviceOf(database);
          const done = archive
            ? await service.archive(operator, id, body)
            : await service.unarchive(operator, id, body);
          return `${archive ? 'Archived' : 'Active again:'} ${line(done)}`;
        });
    }
    default:
      return null;
  }
}
