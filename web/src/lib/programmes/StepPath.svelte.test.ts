import type { Enrolment, ProgrammeStep, StepProgress } from '@spejl/shared';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { i18n, t } from '../i18n/i18n.svelte.ts';
import { noLinkTitles } from './links.ts';
import NextStep from './NextStep.svelte';
import StepPath from './StepPath.svelte';

/** A time some days after today's 10:00 UTC: the tests take their times from the clock, never the calendar. */
const at = (days: number) => new Date(new Date().setUTCHours(10, 0, 0, 0) + days * 86_400_000).toISOString();

function buildStep(index: number, overrides: Partial<ProgrammeStep> = {}): ProgrammeStep {
  return {
    id: `step-${index}`,
    position: index,
    kind: 'read',
    title: `Trin nummer ${index + 1}`,
    description: '',
    completion: 'read',
    opens: { rule: 'after_previous' },
    dueAfterDays: 7,
    resourceIds: [],
    group: null,
    webinarIds: [],
    meeting: null,
    mentoring: null,
    ...overrides,
  };
}

const steps: ProgrammeStep[] = [
  buildStep(0, { title: 'Læs om jeres rettigheder' }),
  buildStep(1, {
    kind: 'join_group',
    title: 'Meld dig ind i netværket',
    completion: 'marked_done',
    group: { id: 'group-1', name: 'Sjældne-netværket' },
  }),
  buildStep(2, {
    kind: 'attend_webinar',
    title: 'Vær med i et webinar',
    completion: 'attended',
    webinarIds: ['w-1'],
  }),
  buildStep(3, { kind: 'meeting', title: 'Familiedag', completion: 'confirmed' }),
  buildStep(4, { kind: 'read', title: 'Læs om skolen' }),
];

function progress(
  stepId: string,
  state: StepProgress['state'],
  extra: Partial<StepProgress> = {},
): StepProgress {
  return { stepId, state, opensAt: null, dueAt: null, doneAt: null, doneHow: null, ...extra };
}

function buildEnrolment(overrides: Partial<Enrolment> = {}): Enrolment {
  return {
    id: 'enrolment-1',
    programmeId: 'programme-1',
    programmeTitle: 'De første måneder',
    cohort: null,
    associationId: null,
    familyLabel: null,
    status: 'active',
    enrolledAt: at(0),
    startsAt: at(0),
    pausedAt: null,
    completedAt: null,
    steps: [
      progress('step-0', 'done', { doneAt: at(1), doneHow: 'read' }),
      progress('step-1', 'overdue', {
        opensAt: at(1),
        dueAt: at(8),
      }),
      progress('step-2', 'locked', { opensAt: at(19) }),
      progress('step-3', 'locked'),
      progress('step-4', 'open', { opensAt: at(0), dueAt: at(29) }),
    ],
    doneCount: 1,
    stepCount: 5,
    nextStepId: 'step-1',
    finalGroup: null,
    mentorship: null,
    evaluations: { due: ['before'], answered: [] },
    ...overrides,
  };
}

const itemOf = (title: string) => {
  const heading = screen.getByRole('heading', { name: new RegExp(title) });
  const item = heading.closest('li');
  if (!item) throw new Error(`no step ${title}`);
  return item;
};

describe('StepPath', () => {
  it('lists the steps in order, each state in words and not by colour alone', () => {
    render(StepPath, { steps, enrolment: buildEnrolment(), titles: noLinkTitles(), onmark: () => {} });
    const items = within(screen.getByRole('list')).getAllByRole('listitem', { name: undefined });
    const own = items.filter((item) => item.classList.contains('step'));
    expect(
      own.map((item) => within(item).getByRole('heading').textContent?.replace(/\s+/g, ' ').trim()),
    ).toEqual(
      steps.map((step, index) => `${t('programmes.stepNumber', { number: index + 1 })} ${step.title}`),
    );
    const done = itemOf('Læs om jeres rettigheder');
    expect(done.textContent).toContain(t('programmes.state.done'));
    expect(done.textContent).toContain(t('programmes.when.doneOn', { date: i18n.formatDate(at(1)) }));
    // Overdue is said gently, and the next step is marked as such, also for assistive technology.
    const overdue = itemOf('Meld dig ind i netværket');
    expect(overdue.textContent).toContain(t('programmes.state.overdue'));
    expect(overdue.textContent).toContain(t('programmes.when.overdue'));
    expect(overdue.getAttribute('aria-current')).toBe('step');
    expect(
      within(overdue).getByRole('link', {
        name: t('programmes.links.group', { group: 'Sjældne-netværket' }),
      }),
    ).toHaveProperty('pathname', '/groups/group-1');
    // A locked step says when it opens, or that it waits for the step before.
    const dated = itemOf('Vær med i et webinar');
    expect(dated.textContent).toContain(t('programmes.state.locked'));
    expect(dated.textContent).toContain(t('programmes.when.opensOn', { date: i18n.formatDate(at(19)) }));
    expect(dated.textContent).toContain(t('programmes.how.attended'));
    const waiting = itemOf('Familiedag');
    expect(waiting.textContent).toContain(t('programmes.when.afterPrevious'));
    expect(waiting.textContent).toContain(t('programmes.how.confirmed'));
  });

  it('offers a button only on open steps the family ticks off itself, naming the step', async () => {
    const onmark = vi.fn();
    render(StepPath, { steps, enrolment: buildEnrolment(), titles: noLinkTitles(), onmark });
    // The next step's button is in "Dit næste skridt"; locked, done and coordinator-confirmed steps have none.
    const buttons = screen.getAllByRole('button');
    expect(buttons.map((button) => button.textContent?.trim())).toEqual([
      `${t('programmes.action.read')}: Læs om skolen`,
    ]);
    await userEvent.setup().click(buttons[0] as HTMLElement);
    expect(onmark).toHaveBeenCalledWith(steps[4]);
  });

  it('says when each step opens to a family that has not enrolled', () => {
    render(StepPath, {
      steps: [
        buildStep(0, { opens: { rule: 'at_once' } }),
        buildStep(1, { opens: { rule: 'days_after_enrolling', days: 14 } }),
      ],
      titles: noLinkTitles(),
    });
    expect(screen.getByText(t('programmes.opens.at_once'))).toBeTruthy();
    expect(screen.getByText(i18n.plural('programmes.opens.days_after_enrolling', 14))).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });
});

describe('NextStep', () => {
  it('shows the next step with the button that completes it', async () => {
    const onmark = vi.fn();
    const enrolment = buildEnrolment({
      steps: buildEnrolment().steps.map((item) =>
        item.stepId === 'step-1' ? { ...item, state: 'open' } : item,
      ),
    });
    render(NextStep, { steps, enrolment, titles: noLinkTitles(), onmark });
    const region = screen.getByRole('region', { name: t('programmes.next.title') });
    within(region).getByRole('heading', { name: 'Meld dig ind i netværket' });
    await userEvent
      .setup()
      .click(within(region).getByRole('button', { name: t('programmes.action.marked_done') }));
    expect(onmark).toHaveBeenCalledWith(steps[1]);
  });

  it('explains how a step counts when the family cannot mark it, with no button', () => {
    const enrolment = buildEnrolment({
      nextStepId: 'step-3',
      steps: buildEnrolment().steps.map((item) =>
        item.stepId === 'step-3' ? { ...item, state: 'open' } : item,
      ),
    });
    render(NextStep, { steps, enrolment, titles: noLinkTitles(), onmark: () => {} });
    const region = screen.getByRole('region', { name: t('programmes.next.title') });
    expect(within(region).queryByRole('button')).toBeNull();
    within(region).getByText(t('programmes.how.confirmed'));
  });

  it('says so when every step is done, and points to the group the families keep', () => {
    const enrolment = buildEnrolment({
      status: 'completed',
      nextStepId: null,
      finalGroup: { id: 'group-9', name: 'Nye familier' },
    });
    render(NextStep, { steps, enrolment, titles: noLinkTitles(), onmark: () => {} });
    screen.getByText(t('programmes.next.allDone'));
    expect(screen.getByRole('link', { name: 'Nye familier' })).toHaveProperty('pathname', '/groups/group-9');
  });
});
