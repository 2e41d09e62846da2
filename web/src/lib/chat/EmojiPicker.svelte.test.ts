import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { t } from '../i18n/i18n.svelte.ts';
import EmojiPicker from './EmojiPicker.svelte';

function renderPicker() {
  const onPick = vi.fn<(emoji: string) => void>();
  const onClose = vi.fn<(refocus: boolean) => void>();
  const user = userEvent.setup();
  render(EmojiPicker, { id: 'picker', onPick, onClose });
  // Something outside the picker to move focus to.
  const outside = document.body.appendChild(document.createElement('button'));
  onTestFinished(() => outside.remove());
  const picker = screen.getByRole('group', { name: t('chat.pickReaction') });
  const option = (emoji: string) =>
    within(picker).getByRole('button', { name: t('chat.reactWith', { emoji }) });
  return { user, onPick, onClose, picker, option, outside };
}

describe('EmojiPicker', () => {
  it('calls back with the emoji chosen', async () => {
    const { user, onPick, onClose, option } = renderPicker();
    await user.click(option('🙏'));
    expect(onPick).toHaveBeenCalledExactlyOnceWith('🙏');
    expect(onClose).not.toHaveBeenCalled();
  });

  it('moves between the emoji with the arrow keys, round from the last to the first', async () => {
    const { user, onPick, option } = renderPicker();
    option('👍').focus();
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(option('❤️'));
    await user.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(document.activeElement).toBe(option('💪'));
    await user.keyboard('{ArrowRight}{Enter}');
    expect(onPick).toHaveBeenCalledExactlyOnceWith('👍');
  });

  it('closes with Escape asking for focus back on the opener', async () => {
    const { user, onClose, option } = renderPicker();
    option('😊').focus();
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledExactlyOnceWith(true);
  });

  it('closes with its close button asking for focus back on the opener', async () => {
    const { user, onClose, picker } = renderPicker();
    await user.click(within(picker).getByRole('button', { name: t('chat.close') }));
    expect(onClose).toHaveBeenLastCalledWith(true);
  });

  it('closes without taking focus back when focus leaves it, not when it moves inside', async () => {
    const { user, onClose, option, outside } = renderPicker();
    option('👍').focus();
    await user.keyboard('{ArrowRight}');
    expect(onClose).not.toHaveBeenCalled();
    outside.focus();
    expect(onClose).toHaveBeenCalledExactlyOnceWith(false);
  });
});
