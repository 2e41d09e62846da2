import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { resourceTopics } from '@spejl/shared/resources-values';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { t } from '../i18n/i18n.svelte.ts';
import { filterFromUrl, type KnowledgeFilter, kitUrl, knowledgeUrl } from './filters.ts';
import KnowledgeFilters from './KnowledgeFilters.svelte';

const none: KnowledgeFilter = { q: '', topic: null, audience: null };

/** Opens the folded filters, as on a phone (a wider screen shows them anyway, by its style sheet). */
async function openFilters(user = userEvent.setup()) {
  await user.click(screen.getByRole('button', { name: t('resources.filters.toggle') }));
  return user;
}

afterEach(() => vi.useRealTimers());

describe('the knowledge filters', () => {
  it('folds the topics and audience behind a "Filtre" button that says how many are chosen, the search left out', async () => {
    const user = userEvent.setup();
    const { rerender } = render(KnowledgeFilters, { filter: none, onchange: () => {} });
    const toggle = screen.getByRole('button', { name: t('resources.filters.toggle') });
    const panel = document.getElementById(toggle.getAttribute('aria-controls') ?? '');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(panel?.hidden).toBe(true);
    expect(panel?.contains(screen.getByLabelText(t('resources.audience.label')))).toBe(true);
    expect(screen.queryByRole('group', { name: t('resources.topics') })).toBeNull();
    expect(screen.getByRole('searchbox', { name: t('resources.search.label') })).toBeTruthy();

    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(panel?.hidden).toBe(false);
    expect(screen.getByRole('group', { name: t('resources.topics') })).toBeTruthy();
    expect(document.activeElement).toBe(toggle);

    await rerender({ filter: { ...none, topic: 'work', audience: 'families' }, onchange: () => {} });
    expect(toggle.textContent?.trim()).toBe(t('resources.filters.toggleCount', { count: 2 }));
    await rerender({ filter: { q: 'skole', topic: null, audience: 'families' }, onchange: () => {} });
    expect(toggle.textContent?.trim()).toBe(t('resources.filters.toggleCount', { count: 1 }));
    expect(toggle.getAttribute('aria-expanded')).toBe('true');

    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(panel?.hidden).toBe(true);
  });

  it('offers every topic as a toggle, with "all topics" pressed when none is chosen', async () => {
    render(KnowledgeFilters, { filter: none, onchange: () => {} });
    await openFilters();
    const group = screen.getByRole('group', { name: t('resources.topics') });
    const buttons = group.querySelectorAll('button');
    expect(buttons).toHaveLength(resourceTopics.length + 1);
    expect(screen.getByRole('button', { name: t('resources.topic.all') }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    for (const topic of resourceTopics)
      expect(
        screen.getByRole('button', { name: t(`resources.topic.${topic}`) }).getAttribute('aria-pressed'),
      ).toBe('false');
  });

  it('chooses a topic at once, and pressing it again shows every topic', async () => {
    const user = userEvent.setup();
    const onchange = vi.fn();
    const { rerender } = render(KnowledgeFilters, { filter: none, onchange });
    await openFilters(user);
    await user.click(screen.getByRole('button', { name: t('resources.topic.rights_and_benefits') }));
    expect(onchange).toHaveBeenLastCalledWith({ q: '', topic: 'rights_and_benefits', audience: null });

    await rerender({ filter: { ...none, topic: 'rights_and_benefits' }, onchange });
    const chosen = screen.getByRole('button', { name: t('resources.topic.rights_and_benefits') });
    expect(chosen.getAttribute('aria-pressed')).toBe('true');
    await user.click(chosen);
    expect(onchange).toHaveBeenLastCalledWith({ q: '', topic: null, audience: null });
  });

  it('filters by audience from a labelled list, keeping the chosen topic', async () => {
    const user = userEvent.setup();
    const onchange = vi.fn();
    render(KnowledgeFilters, { filter: { ...none, topic: 'work' }, onchange });
    await user.click(screen.getByRole('button', { name: t('resources.filters.toggleCount', { count: 1 }) }));
    await user.selectOptions(
      screen.getByLabelText(t('resources.audience.label')),
      t('resources.audience.municipal_caseworkers'),
    );
    expect(onchange).toHaveBeenLastCalledWith({ q: '', topic: 'work', audience: 'municipal_caseworkers' });
  });

  it('searches once typing pauses, not on every key, and at once on Enter', async () => {
    const user = userEvent.setup();
    const onchange = vi.fn();
    render(KnowledgeFilters, { filter: none, onchange, debounceMs: 200 });
    const box = screen.getByRole('searchbox', { name: t('resources.search.label') });
    await user.type(box, 'merudgift');
    expect(onchange).not.toHaveBeenCalled();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(onchange).toHaveBeenCalledTimes(1);
    expect(onchange).toHaveBeenLastCalledWith({ q: 'merudgift', topic: null, audience: null });

    onchange.mockClear();
    await user.clear(box);
    await user.type(box, 'aflastning{Enter}');
    expect(onchange).toHaveBeenCalledTimes(1);
    expect(onchange).toHaveBeenLastCalledWith({ q: 'aflastning', topic: null, audience: null });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(onchange).toHaveBeenCalledTimes(1);
  });

  it('keeps what is typed while its search loads, and takes a search from elsewhere', async () => {
    const user = userEvent.setup();
    const onchange = vi.fn();
    const { rerender } = render(KnowledgeFilters, { filter: none, onchange, debounceMs: 50 });
    const box = screen.getByRole('searchbox', { name: t('resources.search.label') }) as HTMLInputElement;
    await user.type(box, 'merud');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await user.type(box, 'gift');
    // The page comes back with the first search while the person has typed on.
    await rerender({ filter: { ...none, q: 'merud' }, onchange });
    expect(box.value).toBe('merudgift');
    // "Vis al viden" (or the back button) brings an empty search.
    await rerender({ filter: none, onchange });
    expect(box.value).toBe('');
  });

  it('keeps the filter in the address and reads it back, ignoring unknown values', () => {
    const filter: KnowledgeFilter = { q: 'skole start', topic: 'school_and_daycare', audience: 'families' };
    const url = new URL(knowledgeUrl(filter), 'http://localhost');
    expect(filterFromUrl(url)).toEqual(filter);
    expect(knowledgeUrl(none)).toBe('/knowledge');
    expect(filterFromUrl(new URL('http://localhost/knowledge?topic=cooking&audience=cats'))).toEqual(none);
  });

  it('points the printable kit at the chosen audience and topic in the reader’s language, without the search', () => {
    expect(kitUrl({ q: 'skole', topic: 'school_and_daycare', audience: 'families' }, 'da')).toBe(
      '/api/kit.pdf?audience=families&topic=school_and_daycare&lang=da',
    );
    expect(kitUrl(none, 'en')).toBe('/api/kit.pdf?lang=en');
  });
});
