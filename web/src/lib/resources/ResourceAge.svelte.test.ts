import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n/i18n.svelte.ts';
import { ageOf, danishToday } from './review-age.ts';
import ResourceAge from './ResourceAge.svelte';

describe('a resource’s age', () => {
  it('is counted in whole days, months and years', () => {
    // Dates from the clock: the 15th of this month, so shifting by months never meets a month's end.
    const [year, month] = danishToday(new Date()).split('-').map(Number) as [number, number];
    const on = (months: number, days = 0) => {
      const date = new Date(Date.UTC(year, month - 1 + months, 15 + days));
      return date.toISOString().slice(0, 10);
    };
    const today = on(0);
    expect(ageOf(today, today)).toEqual({ unit: 'today' });
    expect(ageOf(on(0, 1), today)).toEqual({ unit: 'today' });
    expect(ageOf(on(0, -5), today)).toEqual({ unit: 'days', count: 5 });
    expect(ageOf(on(-1, 1), today)).toMatchObject({ unit: 'days' });
    expect(ageOf(on(-3), today)).toEqual({ unit: 'months', count: 3 });
    expect(ageOf(on(-3, 1), today)).toEqual({ unit: 'months', count: 2 });
    expect(ageOf(on(-12), today)).toEqual({ unit: 'years', count: 1, over: false });
    expect(ageOf(on(-13), today)).toEqual({ unit: 'years', count: 1, over: true });
  });

  it('takes today in Danish time', () => {
    // 23:30 UTC on 31 December is already New Year's Day in Copenhagen.
    expect(danishToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });

  it('says a current check calmly, in Danish and English', () => {
    render(ResourceAge, {
      state: 'current',
      reviewedOn: '2026-09-06',
      reviewDueOn: '2027-09-06',
      today: '2026-12-06',
    });
    expect(screen.getByText('Gennemgået for 3 måneder siden')).toBeTruthy();
    i18n.locale = 'en';
    try {
      render(ResourceAge, {
        state: 'current',
        reviewedOn: '2026-12-05',
        reviewDueOn: '2027-12-05',
        today: '2026-12-06',
      });
      expect(screen.getByText('Checked 1 day ago')).toBeTruthy();
    } finally {
      i18n.locale = 'da';
    }
  });

  it('warns openly when the review date has passed, not by colour alone', () => {
    const { container } = render(ResourceAge, {
      state: 'overdue',
      reviewedOn: '2025-11-01',
      reviewDueOn: '2026-11-01',
      today: '2026-12-06',
    });
    const label = screen.getByText('Skal gennemgås: sidst gennemgået for over 1 år siden');
    expect(label.closest('p')?.className).toContain('resource-age--overdue');
    expect(container.querySelector('svg')).toBeTruthy();
  });

  it('says when a check is due soon', () => {
    render(ResourceAge, {
      state: 'due',
      reviewedOn: '2026-01-06',
      reviewDueOn: '2026-12-31',
      today: '2026-12-06',
    });
    expect(
      screen.getByText('Gennemgået for 11 måneder siden. Skal gennemgås igen senest 31. december 2026'),
    ).toBeTruthy();
  });
});
