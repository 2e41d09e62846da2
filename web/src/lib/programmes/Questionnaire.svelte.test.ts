import type { Enrolment } from '@spejl/shared';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { programmesApi } from '../api/programmes.ts';
import { t } from '../i18n/i18n.svelte.ts';
import Questionnaire from './Questionnaire.svelte';

const enrolment = { id: 'e1', status: 'active' } as Enrolment;

describe('Questionnaire', () => {
  it('asks every question on a 1–5 scale and sends the answers once all are given', async () => {
    const evaluate = vi.spyOn(programmesApi, 'evaluate').mockResolvedValue(enrolment);
    const onanswered = vi.fn();
    const user = userEvent.setup();
    render(Questionnaire, { programmeId: 'p1', phase: 'before', onanswered });
    await user.click(screen.getByRole('button', { name: t('programmes.evaluation.start') }));
    expect(document.activeElement?.id).toBe('evaluation-before-knowledge-1');
    await user.click(screen.getByRole('button', { name: t('programmes.evaluation.submit') }));
    await screen.findByText(t('form.fixErrors'));
    expect(evaluate).not.toHaveBeenCalled();
    for (const question of ['knowledge', 'rights', 'network', 'everyday', 'support'] as const) {
      const group = screen.getByRole('group', { name: t(`programmes.question.${question}`) });
      await user.click(group.querySelectorAll('input[type="radio"]')[3] as HTMLElement);
    }
    await user.click(screen.getByRole('button', { name: t('programmes.evaluation.submit') }));
    expect(evaluate).toHaveBeenCalledWith('p1', {
      phase: 'before',
      answers: { knowledge: 4, rights: 4, network: 4, everyday: 4, support: 4 },
    });
    expect(onanswered).toHaveBeenCalledWith(enrolment);
  });
});
