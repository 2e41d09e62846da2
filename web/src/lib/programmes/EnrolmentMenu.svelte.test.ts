import type { Enrolment } from '@spejl/shared';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { programmesApi } from '../api/programmes.ts';
import { t } from '../i18n/i18n.svelte.ts';
import EnrolmentMenu from './EnrolmentMenu.svelte';

const enrolment = { id: 'e1', status: 'active' } as Enrolment;

describe('EnrolmentMenu', () => {
  it('asks in words before pausing, and does nothing when cancelled', async () => {
    const pause = vi.spyOn(programmesApi, 'pause').mockResolvedValue({ ...enrolment, status: 'paused' });
    const onchange = vi.fn();
    const user = userEvent.setup();
    render(EnrolmentMenu, { programmeId: 'p1', enrolment, onchange });
    const trigger = screen.getByRole('button', { name: t('programmes.menu.label') });
    trigger.focus();
    await user.keyboard('{Enter}');
    await user.click(await screen.findByRole('menuitem', { name: t('programmes.menu.pause') }));
    const question = await screen.findByText(t('programmes.confirm.pause'));
    await waitFor(() => expect(document.activeElement).toBe(question));
    await user.click(screen.getByRole('button', { name: t('programmes.confirm.cancel') }));
    expect(pause).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(trigger);

    await user.keyboard('{Enter}');
    await user.click(await screen.findByRole('menuitem', { name: t('programmes.menu.pause') }));
    await user.click(await screen.findByRole('button', { name: t('programmes.confirm.pauseYes') }));
    expect(pause).toHaveBeenCalledWith('p1', 'e1');
    expect(onchange).toHaveBeenCalledWith(
      { ...enrolment, status: 'paused' },
      { key: 'programmes.pausedNow' },
    );
  });
});
