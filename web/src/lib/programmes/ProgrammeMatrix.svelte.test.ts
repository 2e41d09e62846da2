import type { Enrolment, ProgrammeMatrix as Matrix, ProgrammeStep } from '@spejl/shared';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { programmesApi } from '../api/programmes.ts';
import { i18n, t } from '../i18n/i18n.svelte.ts';
import ProgrammeMatrix from './ProgrammeMatrix.svelte';

/** A time some days after today's 10:00 UTC: the tests take their times from the clock, never the calendar. */
const at = (days: number) => new Date(new Date().setUTCHours(10, 0, 0, 0) + days * 86_400_000).toISOString();

const stepBase = {
  description: '',
  opens: { rule: 'after_previous' as const },
  dueAfterDays: 7,
  resourceIds: [],
  group: null,
  webinarIds: [],
  meeting: null,
  mentoring: null,
};
const steps: ProgrammeStep[] = [
  { ...stepBase, id: 's1', position: 0, kind: 'read', title: 'Læs', completion: 'read' },
  {
    ...stepBase,
    id: 's2',
    position: 1,
    kind: 'meet_mentor',
    title: 'Mød din mentor',
    completion: 'confirmed',
  },
];
const matrix: Matrix = {
  programmeId: 'p1',
  steps: steps.map(({ id, title, kind }) => ({ id, title, kind })),
  families: [
    {
      enrolmentId: 'e1',
      userId: 'u1',
      displayName: 'Jonas',
      familyLabel: 'Familien i Vejle',
      cohortId: null,
      status: 'active',
      enrolledAt: at(0),
      states: ['overdue', 'locked'],
      overdueCount: 1,
    },
  ],
  nextCursor: null,
};

describe('ProgrammeMatrix', () => {
  it('is a table of families by steps, with states in words, overdue counted, and a named confirm button', async () => {
    const confirm = vi.spyOn(programmesApi, 'confirm').mockResolvedValue({
      status: 'active',
      steps: [
        { stepId: 's1', state: 'overdue', opensAt: null, dueAt: null, doneAt: null, doneHow: null },
        { stepId: 's2', state: 'done', opensAt: null, dueAt: null, doneAt: null, doneHow: 'confirmed' },
      ],
    } as unknown as Enrolment);
    render(ProgrammeMatrix, { programmeId: 'p1', matrix, steps });
    const table = screen.getByRole('table', { name: t('programmes.matrix.caption') });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent?.trim()),
    ).toEqual([t('programmes.matrix.family'), '1. Læs', '2. Mød din mentor']);
    const row = within(table).getByRole('rowheader');
    expect(row.textContent).toContain('Jonas (Familien i Vejle)');
    expect(row.textContent).toContain(i18n.plural('programmes.matrix.overdue', 1));
    const cells = within(table).getAllByRole('cell');
    expect(cells[0]?.textContent).toContain(t('programmes.state.overdue'));
    // Only the step the coordinator confirms has the button, named for the family and the step.
    const name = t('programmes.matrix.confirmFor', {
      step: 'Mød din mentor',
      family: 'Jonas (Familien i Vejle)',
    });
    expect(
      within(table)
        .getAllByRole('button')
        .map((button) => button.getAttribute('aria-label')),
    ).toEqual([name]);
    await userEvent.setup().click(within(table).getByRole('button', { name }));
    expect(confirm).toHaveBeenCalledWith('p1', 'e1', 's2');
    await waitFor(() => expect(within(table).queryByRole('button')).toBeNull());
    expect(within(table).getAllByRole('cell')[1]?.textContent).toContain(t('programmes.state.done'));
    expect(document.activeElement).toBe(within(table).getAllByRole('cell')[1]);
    await screen.findByText(
      t('programmes.matrix.confirmed', { step: 'Mød din mentor', family: 'Jonas (Familien i Vejle)' }),
    );
  });
});
