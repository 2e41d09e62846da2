import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Attachment } from '@spejl/shared';
import { t } from '../i18n/i18n.svelte.ts';
import Composer from './Composer.svelte';

/** Uploads the test finishes by hand: each call waits until `finish` (or `abort`) settles it. */
const uploads = vi.hoisted(() => {
  const calls: Array<{
    groupId: string;
    name: string;
    progress: (fraction: number) => void;
    finish: (upload: unknown) => void;
    aborted: boolean;
  }> = [];
  return { calls };
});
vi.mock('../api/attachments.ts', () => ({
  uploadAttachment: (groupId: string, file: File, progress: (fraction: number) => void) => {
    let finish: (upload: unknown) => void = () => {};
    let fail: (error: unknown) => void = () => {};
    const done = new Promise((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
    const call = { groupId, name: file.name, progress, finish, aborted: false };
    uploads.calls.push(call);
    return {
      done,
      abort: () => {
        call.aborted = true;
        fail(Object.assign(new Error('aborted'), { code: 'aborted' }));
      },
    };
  },
}));

const photo: Attachment = {
  id: 'upload-1',
  kind: 'image',
  mime: 'image/jpeg',
  size: 1234,
  width: 10,
  height: 10,
  name: 'foto.jpg',
};

const members = [
  { userId: 'user-anne', displayName: 'Anne' },
  { userId: 'user-anne-marie', displayName: 'Anne Marie' },
  { userId: 'user-bo', displayName: 'Bo' },
];

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

function renderComposer(props: { disabled?: boolean; attachmentsTo?: string } = {}) {
  const onSend = vi.fn<(body: string, attachments: string[]) => void>();
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
    expect(onSend).toHaveBeenCalledExactlyOnceWith('Hello there', []);
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
    expect(onSend).toHaveBeenCalledExactlyOnceWith('first line\nsecond line', []);
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
    expect(onSend).toHaveBeenCalledExactlyOnceWith('By button', []);
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
    expect(onSend).toHaveBeenCalledExactlyOnceWith('Hi <@user-anne-marie> and <@user-anne> too', []);
  });

  it('attaches a chosen file, shows its progress, waits for it, and sends its id with the text', async () => {
    uploads.calls.length = 0;
    const { user, box, onSend, container } = renderComposer({ attachmentsTo: 'group-1' });
    const input = container.querySelector<HTMLInputElement>('input[type="file"]')!;
    expect(screen.getByRole('button', { name: t('uploads.attach') })).toBeTruthy();
    await fireEvent.change(input, {
      target: { files: [new File(['x'], 'foto.jpg', { type: 'image/jpeg' })] },
    });
    expect(uploads.calls.map((call) => [call.groupId, call.name])).toEqual([['group-1', 'foto.jpg']]);
    uploads.calls[0]!.progress(0.5);
    await waitFor(() =>
      expect(
        screen.getByRole('progressbar', { name: t('uploads.progress', { name: 'foto.jpg', percent: 50 }) }),
      ).toBeTruthy(),
    );
    await user.click(box);
    await user.keyboard('Se her{Enter}');
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.getByRole('status').textContent).toBe(t('uploads.waiting'));
    uploads.calls[0]!.finish(photo);
    await screen.findByRole('button', { name: t('uploads.remove', { name: 'foto.jpg' }) });
    await user.keyboard('{Enter}');
    expect(onSend).toHaveBeenCalledExactlyOnceWith('Se her', ['upload-1']);
    expect(screen.queryByRole('button', { name: t('uploads.remove', { name: 'foto.jpg' }) })).toBeNull();
    expect(document.activeElement).toBe(box);
  });

  it('stops an upload when its chip is removed, and sends a file alone without text', async () => {
    uploads.calls.length = 0;
    const { user, box, onSend, container } = renderComposer({ attachmentsTo: 'group-1' });
    const input = container.querySelector<HTMLInputElement>('input[type="file"]')!;
    const files = ['a.pdf', 'b.pdf'].map((name) => new File(['%PDF'], name, { type: 'application/pdf' }));
    await fireEvent.change(input, { target: { files } });
    await user.click(screen.getByRole('button', { name: t('uploads.cancel', { name: 'a.pdf' }) }));
    expect(uploads.calls[0]!.aborted).toBe(true);
    expect(document.activeElement).toBe(box);
    uploads.calls[1]!.finish({
      ...photo,
      id: 'upload-2',
      kind: 'pdf',
      mime: 'application/pdf',
      name: 'b.pdf',
    });
    await screen.findByRole('button', { name: t('uploads.remove', { name: 'b.pdf' }) });
    await user.keyboard('{Enter}');
    expect(onSend).toHaveBeenCalledExactlyOnceWith('', ['upload-2']);
  });

  it('has no attach button where the conversation takes no files', () => {
    renderComposer();
    expect(screen.queryByRole('button', { name: t('uploads.attach') })).toBeNull();
  });
});
