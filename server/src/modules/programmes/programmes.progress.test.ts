import { describe, expect, it } from 'vitest';
import {
  type DoneStep,
  evaluationsDue,
  nextStepOf,
  type StepTiming,
  stepStatuses,
} from './programmes.progress.ts';

const dayMs = 24 * 60 * 60 * 1000;
// A start taken from the running clock: no test here depends on the calendar.
const start = new Date(Math.floor(Date.now() / dayMs) * dayMs);
const at = (days: number) => new Date(start.getTime() + days * dayMs);

const step = (id: string, opening: Partial<StepTiming> = {}): StepTiming => ({
  id,
  opensRule: 'after_previous',
  opensAfterDays: null,
  opensOn: null,
  dueAfterDays: 7,
  ...opening,
});
const doneOn = (stepId: string, days: number): [string, DoneStep] => [
  stepId,
  { stepId, doneAt: at(days), how: 'marked_done' },
];

describe('stepStatuses', () => {
  const steps = [
    step('a'),
    step('b'),
    step('c', { opensRule: 'days_after_enrolling', opensAfterDays: 10 }),
    step('d', { opensRule: 'at_once', dueAfterDays: 3 }),
  ];

  it('opens the first step at the start, the next once it is done, and a later one on its day', () => {
    const states = (done: Map<string, DoneStep>, days: number) =>
      stepStatuses(steps, start, done, at(days)).map((status) => status.state);
    expect(states(new Map(), 1)).toEqual(['open', 'locked', 'locked', 'open']);
    expect(states(new Map([doneOn('a', 2)]), 2)).toEqual(['done', 'open', 'locked', 'open']);
    expect(states(new Map([doneOn('a', 2)]), 10)).toEqual(['done', 'overdue', 'open', 'overdue']);
  });

  it('says when each step opened and falls due', () => {
    const [first, second, third] = stepStatuses(steps, start, new Map([doneOn('a', 2)]), at(3));
    expect(first?.opensAt).toEqual(start);
    expect(second?.opensAt).toEqual(at(2));
    expect(second?.dueAt).toEqual(at(9));
    expect(third?.opensAt).toEqual(at(10));
  });

  it('opens a step on its date', () => {
    const onDate = [step('x', { opensRule: 'on_date', opensOn: at(5).toISOString().slice(0, 10) })];
    expect(stepStatuses(onDate, start, new Map(), at(4))[0]?.state).toBe('locked');
    expect(stepStatuses(onDate, start, new Map(), at(5))[0]?.state).toBe('open');
  });
});

describe('nextStepOf', () => {
  it('points to the first open step, else the first that will open, else nothing', () => {
    const steps = [step('a'), step('b', { opensRule: 'days_after_enrolling', opensAfterDays: 5 })];
    expect(nextStepOf(stepStatuses(steps, start, new Map(), at(1)))).toBe('a');
    expect(nextStepOf(stepStatuses(steps, start, new Map([doneOn('a', 1)]), at(1)))).toBe('b');
    expect(
      nextStepOf(stepStatuses(steps, start, new Map([doneOn('a', 1), doneOn('b', 6)]), at(6))),
    ).toBeNull();
  });
});

describe('evaluationsDue', () => {
  it('asks before until done, after once done, and the follow-up months later, each once', () => {
    expect(evaluationsDue({ status: 'active', completedAt: null }, new Set(), at(0))).toEqual(['before']);
    expect(evaluationsDue({ status: 'active', completedAt: null }, new Set(['before']), at(0))).toEqual([]);
    expect(evaluationsDue({ status: 'completed', completedAt: at(10) }, new Set(['before']), at(11))).toEqual(
      ['after'],
    );
    expect(evaluationsDue({ status: 'completed', completedAt: at(10) }, new Set(['after']), at(101))).toEqual(
      ['follow_up'],
    );
    expect(evaluationsDue({ status: 'left', completedAt: null }, new Set(), at(0))).toEqual([]);
  });
});
