import type { Message } from '@spejl/shared';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Resource } from '../api/resources.ts';
import { i18n, t } from '../i18n/i18n.svelte.ts';
import { danishToday, reviewLabel } from '../resources/review-age.ts';
import MessageItem from './MessageItem.svelte';
import { clearResourcePreviews } from './resource-previews.ts';

/** The page under test is at http://localhost:3000 (web/src/testing/app-state.ts). */
const origin = 'http://localhost:3000';
const guideId = '5b0c3a8e-6f1d-4d2a-9c47-0a1b2c3d4e5f';
const hiddenId = '9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4';

const dayMs = 86_400_000;
const today = danishToday();
const daysFromToday = (days: number) => danishToday(new Date(Date.now() + days * dayMs));

/**
 * A resource as `GET /api/resources/:id` answers; typed by the fields a card reads, so a field added to the schema
 * for other features does not break these tests.
 */
type ResourceAnswer = Pick<
  Resource,
  | 'id'
  | 'title'
  | 'summary'
  | 'topic'
  | 'language'
  | 'status'
  | 'withdrawn'
  | 'reviewState'
  | 'reviewedOn'
  | 'reviewDueOn'
> &
  Record<string, unknown>;

function buildResource(overrides: Partial<ResourceAnswer> = {}): ResourceAnswer {
  return {
    id: guideId,
    kind: 'article',
    title: 'Merudgifter til børn med handicap',
    summary: 'Hvad kommunen dækker, og hvordan I søger.',
    topic: 'rights_and_benefits',
    audiences: ['families'],
    scope: { type: 'platform', id: null, name: null },
    region: null,
    validYear: null,
    language: 'da',
    public: true,
    status: 'published',
    url: null,
    fileId: null,
    reviewedOn: today,
    reviewDueOn: daysFromToday(365),
    reviewState: 'current',
    overdue: false,
    owner: null,
    withdrawn: null,
    createdAt: new Date(Date.now()).toISOString(),
    updatedAt: new Date(Date.now()).toISOString(),
    permissions: { canEdit: false, canWithdraw: false, canDelete: false },
    body: '## Hvad er merudgifter?',
    sources: [],
    contact: { association: null, group: null, fallback: true },
    ...overrides,
  };
}

function buildMessage(body: string, id = 'message-1'): Message {
  return {
    id,
    groupId: 'group-1',
    seq: 1,
    author: { id: 'user-other', displayName: 'Sofie' },
    clientId: `client-${id}`,
    body,
    threadId: null,
    replyCount: 0,
    lastReplyAt: null,
    mentions: [],
    reactions: [],
    createdAt: new Date(Date.now()).toISOString(),
    editedAt: null,
    deleted: false,
    hidden: false,
    attachments: [],
    permissions: { canEdit: false, canDelete: false, canViewHistory: false },
  };
}

function renderMessage(body: string, id?: string) {
  return render(MessageItem, {
    message: buildMessage(body, id),
    nameOf: () => 'Sofie',
    onReact: async () => {},
    onEdit: async () => {},
    onDelete: async () => {},
  });
}

/** What the API answers, by resource id; anything else is a 404 as a hidden group's resource answers. */
let resources: Map<string, ResourceAnswer>;
let requests: string[];

beforeEach(() => {
  clearResourcePreviews();
  resources = new Map([[guideId, buildResource()]]);
  requests = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      requests.push(url);
      const id = decodeURIComponent(url.split('/').at(-1) ?? '');
      const found = url.startsWith('/api/resources/') ? resources.get(id) : undefined;
      return found
        ? Response.json(found)
        : Response.json({ error: { code: 'resource.not_found', message: 'Not found' } }, { status: 404 });
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

const cardsIn = (container: HTMLElement) =>
  within(container).queryByRole('list', { name: t('chat.resourceLinks') });

describe('a resource linked in a message', () => {
  it('shows a card with the title as the one link, its topic, summary and age', async () => {
    const { container } = renderMessage(`Læs den her: ${origin}/knowledge/${guideId}`);
    const cards = await within(container).findByRole('list', { name: t('chat.resourceLinks') });
    const card = within(cards).getByRole('listitem');
    const title = within(card).getByRole('link', { name: 'Merudgifter til børn med handicap' });
    expect(title.getAttribute('href')).toBe(`/knowledge/${guideId}`);
    expect(within(card).getAllByRole('link')).toEqual([title]);
    within(card).getByText(t('resources.topic.rights_and_benefits'));
    within(card).getByText('Hvad kommunen dækker, og hvordan I søger.');
    within(card).getByText(reviewLabel('current', today, daysFromToday(365)));
    // The link in the text stays, as the author wrote it.
    const textLink = within(container.querySelector('.message-body')!).getByRole('link');
    expect(textLink.getAttribute('href')).toBe(`${origin}/knowledge/${guideId}`);
    expect(requests).toEqual([`/api/resources/${guideId}`]);
  });

  it('finds a bare /knowledge path too, and says an overdue guide’s age openly, in English', async () => {
    resources.set(
      guideId,
      buildResource({
        reviewedOn: daysFromToday(-500),
        reviewDueOn: daysFromToday(-135),
        reviewState: 'overdue',
        overdue: true,
      }),
    );
    i18n.locale = 'en';
    try {
      const { container } = renderMessage(`See /knowledge/${guideId}.`);
      const cards = await within(container).findByRole('list', { name: 'Links to Knowledge' });
      within(cards).getByRole('link', { name: 'Merudgifter til børn med handicap' });
      const age = within(cards).getByText(reviewLabel('overdue', daysFromToday(-500), daysFromToday(-135)));
      expect(age.closest('p')?.className).toContain('resource-age--overdue');
    } finally {
      i18n.locale = 'da';
    }
  });

  it('shows no card for a resource the reader may not see (404), and the link stays', async () => {
    const { container } = renderMessage(`Her: ${origin}/knowledge/${hiddenId}`);
    await waitFor(() => expect(requests).toEqual([`/api/resources/${hiddenId}`]));
    // Let the answer be handled before looking for the card that must not come.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(cardsIn(container)).toBeNull();
    const textLink = within(container).getByRole('link');
    expect(textLink.getAttribute('href')).toBe(`${origin}/knowledge/${hiddenId}`);
  });

  it('shows no card for a withdrawn resource (as its editor is sent it)', async () => {
    resources.set(
      guideId,
      buildResource({
        status: 'withdrawn',
        withdrawn: { at: new Date(Date.now()).toISOString(), reason: 'Forældet' },
      }),
    );
    const { container } = renderMessage(`${origin}/knowledge/${guideId}`);
    await waitFor(() => expect(requests).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(cardsIn(container)).toBeNull();
  });

  it('asks nothing of another site, whatever its path, and shows no card', async () => {
    const { container } = renderMessage(
      [
        `https://evil.example/knowledge/${guideId}`,
        `http://localhost:3001/knowledge/${guideId}`,
        `https://evil.example/x/knowledge/${guideId}`,
      ].join(' og '),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(cardsIn(container)).toBeNull();
    expect(requests).toEqual([]);
    expect(within(container).getAllByRole('link')).toHaveLength(3);
  });

  it('asks once for a resource that two messages link', async () => {
    const first = renderMessage(`${origin}/knowledge/${guideId}`, 'message-1');
    const second = renderMessage(`Samme: [guiden](${origin}/knowledge/${guideId}/)`, 'message-2');
    await within(first.container).findByRole('list', { name: t('chat.resourceLinks') });
    const cards = await within(second.container).findByRole('list', { name: t('chat.resourceLinks') });
    within(cards).getByRole('link', { name: 'Merudgifter til børn med handicap' });
    expect(requests).toEqual([`/api/resources/${guideId}`]);
  });

  it('shows at most three cards, once each', async () => {
    const ids = ['a', 'b', 'c', 'd'].map((letter) => `${letter.repeat(8)}-1111-4111-8111-111111111111`);
    for (const [index, id] of ids.entries())
      resources.set(id, buildResource({ id, title: `Guide ${index + 1}` }));
    const links = [...ids, ids[0]].map((id) => `${origin}/knowledge/${id}`).join(' ');
    const { container } = renderMessage(links);
    const cards = await within(container).findByRole('list', { name: t('chat.resourceLinks') });
    await waitFor(() => expect(within(cards).getAllByRole('listitem')).toHaveLength(3));
    expect(
      within(cards)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Guide 1', 'Guide 2', 'Guide 3']);
    expect(requests).toHaveLength(3);
    expect(screen.queryByText('Guide 4')).toBeNull();
  });
});
