import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { t } from '../i18n/i18n.svelte.ts';
import Composer from './Composer.svelte';

const members = [
  { userId: 'user-anne', displayName: 'Anne' },
  { userId: 'user-anne-marie', displayName: 'Anne Marie' },
  { userId: 'user-bo', displayName: 'Bo' },
];

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

function renderComposer(props: { disabled?: boolean } = {}) {
  const onSend = vi.fn<(body: string) => void>();
  const onTyping = vi.fn<() => void>();
  const user = userEvent.setup();
  const view = render(Composer, {
    id: 'composer',
    label: 'Write to the group',
    members,
    onSend,
    onTyping,
    ...props,
  });
  const box = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Write to the group' });
  return { ...view, onSend, onTyping, user, box };
}

describe('Composer', () => {
  it('sends the text with Enter, empties the box and keeps focus in it', async () => {
    const { user, box, onSend, onTyping } = renderComposer();
    await user.click(box);
    await user.keyboard('Hello there{Enter}');
    expect(onSend).toHaveBeenCalledExactlyOnceWith('Hello there');
    expect(box.value).toBe('');
    expect(document.activeElement).toBe(box);
    expect(onTyping).toHaveBeenCalled();
  });

  it('makes a new line with Shift+Enter and sends nothing', async () => {
    const { user, box, onSend } = renderComposer();
    await user.click(box);
    await user.keyboard('first line{Shift>}{Enter}{/Shift}second line');
    expect(onSend).not.toHaveBeenCalled();
    expect(box.value).toBe('first line\nsecond line');
    await user.keyboard('{Enter}');
    expect(onSend).toHaveBeenCalledExactlyOnceWith('first line\nsecond line');
  });

  it('sends nothing for an empty or whitespace-only message, by key or by button', async () => {
    const { user, box, onSend } = renderComposer();
    await user.click(box);
    await user.keyboard('{Enter}');
    await user.keyboard('   {Shift>}{Enter}{/Shift}  {Enter}');
    await user.click(screen.getByRole('button', { name: t('chat.send') }));
    expect(onSend).not.toHaveBeenCalled();
    // The blank text is left for the person to see, not silently thrown away.
    expect(box.value).toBe('   \n  ');
    expect(screen.getByRole('button', { name: t('chat.send') }).getAttribute('aria-disabled')).toBe('true');
  });

  it('sends with the send button too', async () => {
    const { user, box, onSend } = renderComposer();
    await user.type(box, 'By button');
    const send = screen.getByRole('button', { name: t('chat.send') });
    expect(send.getAttribute('aria-disabled')).toBeNull();
    await user.click(send);
    expect(onSend).toHaveBeenCalledExactlyOnceWith('By button');
    expect(box.value).toBe('');
  });

  it('sends nothing while disabled', async () => {
    const { user, onSend } = renderComposer({ disabled: true });
    await user.click(screen.getByRole('button', { name: t('chat.send') }));
    expect(onSend).not.toHaveBeenCalled();
  });

  it('puts the caret in the text box with focus()', () => {
    const { component, box } = renderComposer();
    expect(document.activeElement).not.toBe(box);
    component.focus();
    expect(document.activeElement).toBe(box);
  });

  it('offers matching members after @ and sends a picked one as a mention of that member', async () => {
    const { user, box, onSend } = renderComposer();
    await user.click(box);
    await user.keyboard('Hi @an');
    const list = screen.getByRole('listbox', { name: t('chat.mentionList') });
    const options = [...list.querySelectorAll('[role="option"]')].map((option) => option.textContent?.trim());
    expect(options).toEqual(['Anne', 'Anne Marie']);
    await user.keyboard('{ArrowDown}{Enter}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(box.value).toBe('Hi @Anne Marie ');
    // The caret is put after the inserted name in the next frame.
    await nextFrame();
    await user.keyboard('and @ann{Enter}');
    await nextFrame();
    await user.keyboard('too{Enter}');
    // "@Anne Marie" stays one mention, not a mention of Anne followed by "Marie".
    expect(onSend).toHaveBeenCalledExactlyOnceWith('Hi <@user-anne-marie> and <@user-anne> too');
  });
});
