import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { t } from '../i18n/i18n.svelte.ts';
import FlagDialog from './FlagDialog.svelte';
import { flagReasons, reasonKeys } from './labels.ts';

// jsdom has <dialog> without its modal methods: open and close it as a browser would, `close` event included.
beforeAll(() => {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    if (!this.hasAttribute('open')) return;
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
});

const firstReason = () => screen.getByRole('radio', { name: t(reasonKeys[flagReasons[0]!]) });

describe('FlagDialog', () => {
  it('opens from its own button and gives focus back to it on cancel', async () => {
    const user = userEvent.setup();
    render(FlagDialog, { messageId: 'message-1', groupId: 'group-1', authorName: 'Sofie' });
    const button = screen.getByRole('button', { name: new RegExp(t('moderation.flag.open')) });
    await user.click(button);
    expect(screen.getByRole('dialog', { name: t('moderation.flag.title') })).toBeTruthy();
    expect(document.activeElement).toBe(firstReason());
    await user.click(screen.getByRole('button', { name: t('form.cancel') }));
    expect(document.activeElement).toBe(button);
  });

  it('opens with open() when something else is its button, and gives focus back to what had it', async () => {
    const user = userEvent.setup();
    const opener = document.createElement('button');
    opener.textContent = '…';
    document.body.append(opener);
    const { component } = render(FlagDialog, {
      messageId: 'message-1',
      groupId: 'group-1',
      authorName: 'Sofie',
      ownButton: false,
    });
    expect(screen.queryByRole('button', { name: new RegExp(t('moderation.flag.open')) })).toBeNull();
    expect(screen.queryByRole('dialog')).toBeNull();

    opener.focus();
    await component.open();
    expect(screen.getByRole('dialog', { name: t('moderation.flag.title') })).toBeTruthy();
    expect(document.activeElement).toBe(firstReason());
    await user.click(screen.getByRole('button', { name: t('form.cancel') }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });
});
