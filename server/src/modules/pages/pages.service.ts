import {
  type ConsentKind,
  consentPageSlugs,
  consentVersions,
  isPageSlug,
  type Locale,
  type PageSlug,
  pageLimits,
  type PublishPageBody,
} from '@spejl/shared';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../auth/auth.policy.ts';
import type { AuditInsert, Executor } from '../moderation/moderation.repository.ts';
import { builtInDate, builtInVersion, type DefaultTextContext, defaultText } from './pages.defaults.ts';
import { canEditPages, editRefusal } from './pages.policy.ts';
import type { PagesRepository, PageVersionRow } from './pages.repository.ts';

export interface PagesDeps {
  repository: PagesRepository;
  clock: Clock;
  /** What the built-in texts are made from, read when they are shown (the retention rules can change). */
  defaultContext: () => Promise<Omit<DefaultTextContext, 'inactivityGraceDays'>>;
  /** The moderation module's audit log (insert only), in the same transaction as the new version. */
  audit: (entries: AuditInsert[], executor: Executor) => Promise<void>;
  transaction: <T>(work: (tx: Executor) => Promise<T>) => Promise<T>;
}

function slugOf(value: string): PageSlug {
  if (!isPageSlug(value)) throw new AppError('page.not_found');
  return value;
}

const isUniqueViolation = (error: unknown) =>
  (error as { code?: string; cause?: { code?: string } }).code === '23505' ||
  (error as { cause?: { code?: string } }).cause?.code === '23505';

/** The terms, the privacy policy and the help: read by anyone, published as new versions by admins. */
export function createPagesService(deps: PagesDeps) {
  const { repository, clock } = deps;

  async function change(slug: PageSlug) {
    if (!(consentPageSlugs as readonly string[]).includes(slug)) return null;
    const row = await repository.latestRequiringConsent(consentPageSlugs);
    return row
      ? {
          version: row.version,
          summary: row.reason,
          publishedAt: row.createdAt.toISOString(),
          slug: row.slug,
        }
      : null;
  }

  return {
    /** A page in the reader's language: the newest published version, or the built-in text (version 1). */
    async read(actor: Actor | null, slugValue: string, locale: Locale) {
      const slug = slugOf(slugValue);
      const row = await repository.latest(slug, locale);
      const text = row ?? {
        ...defaultText(slug, locale, await deps.defaultContext()),
        version: builtInVersion,
        createdAt: builtInDate,
      };
      const latestChange = await change(slug);
      return {
        slug,
        locale,
        title: text.title,
        body: text.body,
        version: text.version,
        updatedAt: text.createdAt.toISOString(),
        change:
          latestChange && latestChange.slug === slug
            ? {
                version: latestChange.version,
                summary: latestChange.summary,
                publishedAt: latestChange.publishedAt,
              }
            : null,
        permissions: { canEdit: canEditPages(actor) },
      };
    },

    /** Publishes a new version in one language; with `requiresConsent` (terms and privacy only) everyone is asked again. */
    async publish(actor: Actor, slugValue: string, input: PublishPageBody & { requiresConsent: boolean }) {
      const slug = slugOf(slugValue);
      const refusal = editRefusal(actor);
      if (refusal) throw new AppError(refusal);
      const requiresConsent = input.requiresConsent && (consentPageSlugs as readonly string[]).includes(slug);
      for (let attempt = 0; ; attempt += 1) {
        try {
          await deps.transaction(async (tx) => {
            const previous = (await repository.highestVersion(slug, tx)) ?? builtInVersion;
            const version = previous + 1;
            await repository.insert(
              {
                slug,
                locale: input.locale,
                version,
                title: input.title,
                body: input.body,
                reason: input.reason,
                requiresConsent,
                authorId: actor.user.id,
                createdAt: clock.now(),
              },
              tx,
            );
            await deps.audit(
              [
                {
                  groupId: null,
                  actorId: actor.user.id,
                  action: 'page.published',
                  reason: input.reason,
                  before: { slug, version: previous },
                  after: { slug, locale: input.locale, version, title: input.title, requiresConsent },
                  createdAt: clock.now(),
                },
              ],
              tx,
            );
          });
          break;
        } catch (error) {
          // Two admins publishing the same page at once: the second takes the next number.
          if (attempt < 3 && isUniqueViolation(error)) continue;
          throw error;
        }
      }
      return this.read(actor, slug, input.locale);
    },

    /** Every published version of a page, newest first, and the built-in text last: admins only. */
    async versions(actor: Actor, slugValue: string) {
      const slug = slugOf(slugValue);
      const refusal = editRefusal(actor);
      if (refusal) throw new AppError(refusal);
      const rows = await repository.history(slug, pageLimits.versionsListed);
      const context = await deps.defaultContext();
      const builtIn = (['da', 'en'] as const).map((locale) => ({
        ...defaultText(slug, locale, context),
        version: builtInVersion,
        locale,
        reason: '',
        requiresConsent: false,
        createdAt: builtInDate.toISOString(),
        author: null,
        builtIn: true,
      }));
      return {
        items: [
          ...rows.map(({ row, authorName, authorDeleted }) => toVersion(row, authorName, authorDeleted)),
          ...builtIn,
        ],
        nextCursor: null,
      };
    },

    /**
     * The version of a consent everyone must have given, and since when. For the terms: the newest version of the
     * terms or the privacy policy published as needing consent, else the version the consents started with.
     */
    async currentConsent(kind: ConsentKind): Promise<{ version: string; since: Date | null }> {
      if (kind !== 'terms') return { version: consentVersions[kind], since: null };
      const row = await repository.latestRequiringConsent(consentPageSlugs);
      return row
        ? { version: `${row.slug}-${row.version}`, since: row.createdAt }
        : { version: consentVersions.terms, since: null };
    },
  };
}

function toVersion(row: PageVersionRow, authorName: string | null, authorDeleted: Date | null) {
  return {
    version: row.version,
    locale: row.locale,
    title: row.title,
    body: row.body,
    reason: row.reason,
    requiresConsent: row.requiresConsent,
    createdAt: row.createdAt.toISOString(),
    author:
      row.authorId && authorName && !authorDeleted ? { id: row.authorId, displayName: authorName } : null,
    builtIn: false,
  };
}

export type PagesService = ReturnType<typeof createPagesService>;
