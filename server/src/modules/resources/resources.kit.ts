import {
  type Locale,
  type ResourceAudience,
  type ResourceKitQuery,
  resourceLimits,
  translate,
} from '@spejl/shared';
import type { Clock } from '../../clock.ts';
import { danishToday } from './resources.dates.ts';
import { glossaryFor } from './resources.glossary.ts';
import { type KitEntry, renderKit } from './resources.kit.pdf.ts';
import { noContext, readRefusal } from './resources.policy.ts';
import { accessOf, createResourcePresenter } from './resources.present.ts';
import type { ResourcesRepository, ResourceWithScope } from './resources.repository.ts';

export interface ResourceKitDeps {
  repository: ResourcesRepository;
  clock: Clock;
  /** The site's address, printed under each resource and for links within Spejl. */
  publicOrigin: string;
}

type Contact = Awaited<ReturnType<ReturnType<typeof createResourcePresenter>['contactOf']>>;

const languageTags: Record<Locale, string> = { da: 'da-DK', en: 'en-GB' };

/** A calendar day (YYYY-MM-DD) as the kit's language writes it: "6. december 2026". */
function longDay(locale: Locale, day: string): string {
  return new Intl.DateTimeFormat(languageTags[locale], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}

/** The file's name: `spejl-videnskit-<audience>-<topic>.pdf`, with only the filters chosen. */
export function kitFileName(query: Pick<ResourceKitQuery, 'audience' | 'topic'>): string {
  const parts = ['spejl-videnskit', query.audience, query.topic].filter((part) => part !== undefined);
  return `${parts.join('-').replaceAll('_', '-')}.pdf`;
}

/**
 * The printable kit (`GET /api/kit.pdf`): the public, published platform and association resources for an audience
 * and a topic, at most `resourceLimits.kitMax` of them, as a PDF a hospital or a municipality can hand out.
 */
export function createResourceKitService(deps: ResourceKitDeps) {
  const { repository, clock, publicOrigin } = deps;
  const today = () => danishToday(clock.now());
  const { contactOf } = createResourcePresenter({ repository, today });

  return {
    /** The kit as a PDF, with the name to save it under; the same for everyone, signed in or not. */
    async kit(query: ResourceKitQuery, locale: Locale): Promise<{ fileName: string; pdf: Buffer }> {
      const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
        translate(locale, key, params);
      const rows = await repository.kit(query, resourceLimits.kitMax);
      // The query selects only what a signed-out reader may read; the policy has the last word all the same.
      const readable = rows.filter((row) => readRefusal(null, accessOf(row), noContext) === null);
      const chosen = readable.slice(0, resourceLimits.kitMax);
      const now = today();

      // One lookup per association (and one for Sjældne-netværket), however many resources share it.
      const contacts = new Map<string, Promise<Contact>>();
      const contactFor = (row: ResourceWithScope) => {
        const key = row.scopeType === 'association' && row.associationId ? row.associationId : 'network';
        let found = contacts.get(key);
        if (!found) {
          found = contactOf(row);
          contacts.set(key, found);
        }
        return found;
      };
      const reachLines = (association: NonNullable<Contact['association']> | null) => [
        ...(association?.website ? [t('resources.kit.website', { url: association.website })] : []),
        ...(association?.contactEmail ? [t('resources.kit.email', { email: association.contactEmail })] : []),
      ];
      const networkLines = (contact: Contact) => [
        ...reachLines(contact.association),
        ...(contact.group
          ? [
              t('resources.page.contactGroup', { name: contact.group.name }),
              `${publicOrigin}/groups/${contact.group.slug}`,
            ]
          : []),
      ];

      const entries: KitEntry[] = [];
      const associations = new Map<string, { name: string; lines: string[] }>();
      for (const row of chosen) {
        const contact = await contactFor(row);
        const onlineUrl = `${publicOrigin}/knowledge/${row.id}`;
        const overdue = row.reviewDueOn < now;
        if (!contact.fallback && contact.association)
          associations.set(contact.association.id, {
            name: contact.association.name,
            lines: reachLines(contact.association),
          });
        entries.push({
          title: row.title,
          summary: row.summary,
          language: row.language,
          facts: [
            `${t('resources.card.topic')}: ${t(`resources.topic.${row.topic}`)}`,
            `${t('resources.page.audiences')}: ${row.audiences.map((audience) => t(`resources.audience.${audience as ResourceAudience}`)).join(', ')}`,
            `${t('resources.page.region')}: ${row.region ?? t('resources.region.all')}`,
            ...(row.validYear !== null ? [`${t('resources.page.validYearLabel')}: ${row.validYear}`] : []),
            `${t('resources.page.checked')}: ${longDay(locale, row.lastCheckedOn)}`,
          ],
          warning: overdue ? t('resources.kit.overdue', { date: longDay(locale, row.reviewDueOn) }) : null,
          body: row.kind === 'article' ? row.body : null,
          pointers: [
            ...(row.kind === 'link' && row.url ? [`${t('resources.page.link')}: ${row.url}`] : []),
            ...(row.kind === 'file' ? [t('resources.kit.file', { url: onlineUrl })] : []),
            t('resources.kit.readOnline', { url: onlineUrl }),
          ],
          sources: row.sources,
          contact:
            !contact.fallback && contact.association
              ? [
                  t('resources.page.contactAssociation', { name: contact.association.name }),
                  ...reachLines(contact.association),
                ]
              : [t('resources.contact.fallback'), ...networkLines(contact)],
        });
      }

      const collator = new Intl.Collator(languageTags[locale]);
      // Sjældne-netværket is whom a platform resource names: asked for as one, whether or not the kit holds one.
      const network = await contactFor({ scopeType: 'platform', associationId: null } as ResourceWithScope);
      const pdf = await renderKit({
        locale,
        origin: publicOrigin,
        chosen: [
          query.audience
            ? t('resources.kit.audience', { audience: t(`resources.audience.${query.audience}`) })
            : t('resources.kit.audienceAll'),
          query.topic
            ? t('resources.kit.topic', { topic: t(`resources.topic.${query.topic}`) })
            : t('resources.kit.topicAll'),
          t('resources.kit.made', { date: longDay(locale, now), origin: new URL(publicOrigin).host }),
        ],
        truncatedNote:
          readable.length > chosen.length ? t('resources.kit.truncated', { count: chosen.length }) : null,
        entries,
        glossary: glossaryFor(locale),
        contacts: [
          ...[...associations.values()].sort((a, b) => collator.compare(a.name, b.name)),
          { name: t('resources.kit.network'), lines: networkLines(network) },
        ],
      });
      return { fileName: kitFileName(query), pdf };
    },
  };
}

export type ResourceKitService = ReturnType<typeof createResourceKitService>;
