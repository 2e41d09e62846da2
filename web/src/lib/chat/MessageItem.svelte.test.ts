import type { Message } from '@spejl/shared';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client.ts';
import { t } from '../i18n/i18n.svelte.ts';
import MessageItem from './MessageItem.svelte';

const me = { id: 'user-me', displayName: 'Mads' };
const other = { id: 'user-other', displayName: 'Sofie' };

function buildMessage(overrides: Partial<Message> = {}): Message {
  return {
    id: 'message-1',
    groupId: 'group-1',
    seq: 1,
    author: other,
    clientId: 'client-message-1',
    body: 'See you on Thursday',
    threadId: null,
    replyCount: 0,
    lastReplyAt: null,
    mentions: [],
    reactions: [],
    createdAt: new Date(Date.now()).toISOString(),
    editedAt: null,
    deleted: false,
    hidden: false,
    attachments: [],
    permissions: { canEdit: false, canDelete: false, canViewHistory: false },
    ...overrides,
  };
}

type Props = {
  message: Message;
  canReport?: boolean;
  readOnly?: boolean;
  onReply?: (message: Message, opener: HTMLElement | null) => void;
  onReact?: (message: Message, emoji: string) => Promise<void>;
  onEdit?: (message: Message, body: string) => Promise<void>;
  onDelete?: (message: Message) => Promise<void>;
};

function renderMessage(props: Props) {
  const onReact = vi.fn(props.onReact ?? (async () => {}));
  const onEdit = vi.fn(props.onEdit ?? (async () => {}));
  const onDelete = vi.fn(props.onDelete ?? (async () => {}));
  const user = userEvent.setup();
  const nameOf = (userId: string) => (userId === me.id ? me.displayName : other.displayName);
  render(MessageItem, { ...props, nameOf, onReact, onEdit, onDelete });
  const article = screen.getByRole('article');
  const authorName = props.message.author?.displayName ?? '';
  const menuButton = () =>
    within(article).getByRole('button', { name: t('chat.actionsFor', { name: authorName }) });
  return { user, article, menuButton, onReact, onEdit, onDelete };
}

/** Opens the message's menu from the keyboard, which puts focus in it, and returns its entries' names. */
async function openMenu(user: ReturnType<typeof userEvent.setup>, button: HTMLElement) {
  button.focus();
  await user.keyboard('{Enter}');
  const menu = await screen.findByRole('menu');
  await waitFor(() => expect(menu.contains(document.activeElement)).toBe(true));
  return within(menu)
    .getAllByRole('menuitem')
    .map((item) => item.textContent?.trim());
}

describe('MessageItem', () => {
  it('shows no more than its menu button until the menu is opened', () => {
    const { article, menuButton } = renderMessage({
      message: buildMessage({
        author: me,
        permissions: { canEdit: true, canDelete: true, canViewHistory: true },
      }),
      onReply: () => {},
    });
    expect(within(article).getAllByRole('button')).toEqual([menuButton()]);
    expect(screen.queryByRole('menu')).toBeNull();
    expect(menuButton().getAttribute('aria-expanded')).toBe('false');
  });

  it('offers editing and deleting of my own message, and no report', async () => {
    const { user, menuButton } = renderMessage({
      message: buildMessage({
        author: me,
        permissions: { canEdit: true, canDelete: true, canViewHistory: true },
      }),
      onReply: () => {},
    });
    expect(await openMenu(user, menuButton())).toEqual([
      t('chat.reply'),
      t('chat.react'),
      t('chat.edit'),
      t('chat.delete'),
    ]);
  });

  it("offers no editing or deleting of someone else's message, and reporting only when allowed", async () => {
    const { user, menuButton } = renderMessage({ message: buildMessage(), canReport: true });
    expect(await openMenu(user, menuButton())).toEqual([t('chat.react'), t('moderation.flag.open')]);
  });

  it("offers a moderator deleting, but not editing, of someone else's message", async () => {
    const { user, menuButton } = renderMessage({
      message: buildMessage({
        editedAt: new Date(Date.now()).toISOString(),
        permissions: { canEdit: false, canDelete: true, canViewHistory: true },
      }),
    });
    expect(await openMenu(user, menuButton())).toEqual([
      t('chat.react'),
      t('chat.history'),
      t('chat.delete'),
    ]);
  });

  it('offers nothing that writes in a read-only conversation', async () => {
    const { user, menuButton } = renderMessage({ message: buildMessage(), readOnly: true, canReport: true });
    expect(await openMenu(user, menuButton())).toEqual([t('moderation.flag.open')]);
  });

  it('closes the menu with Escape and puts focus back on the "…" button', async () => {
    const { user, menuButton } = renderMessage({ message: buildMessage() });
    await openMenu(user, menuButton());
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull());
    expect(document.activeElement).toBe(menuButton());
  });

  it('reacts with an emoji from the picker, then puts focus back on the "…" button', async () => {
    const { user, menuButton, onReact, article } = renderMessage({ message: buildMessage() });
    await openMenu(user, menuButton());
    await user.click(screen.getByRole('menuitem', { name: t('chat.react') }));
    const picker = within(article).getByRole('group', { name: t('chat.pickReaction') });
    const first = within(picker).getByRole('button', { name: t('chat.reactWith', { emoji: '👍' }) });
    await waitFor(() => expect(document.activeElement).toBe(first));
    await user.keyboard('{ArrowRight}{Enter}');
    expect(onReact).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ id: 'message-1' }), '❤️');
    await waitFor(() =>
      expect(within(article).queryByRole('group', { name: t('chat.pickReaction') })).toBeNull(),
    );
    expect(document.activeElement).toBe(menuButton());
  });

  it('closes the emoji picker with Escape and puts focus back on the "…" button', async () => {
    const { user, menuButton, onReact, article } = renderMessage({ message: buildMessage() });
    await openMenu(user, menuButton());
    await user.click(screen.getByRole('menuitem', { name: t('chat.react') }));
    await waitFor(() =>
      expect(within(article).getByRole('group', { name: t('chat.pickReaction') })).toBeTruthy(),
    );
    await waitFor(() =>
      expect(document.activeElement?.getAttribute('aria-label')).toBe(t('chat.reactWith', { emoji: '👍' })),
    );
    await user.keyboard('{Escape}');
    expect(within(article).queryByRole('group', { name: t('chat.pickReaction') })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(menuButton()));
    expect(onReact).not.toHaveBeenCalled();
  });

  it('shows why a reaction failed', async () => {
    const refusal = new ApiError('chat.muted', 403, 'You are muted in this group');
    const { user, article } = renderMessage({
      message: buildMessage({ reactions: [{ emoji: '👍', count: 2, mine: false }] }),
      onReact: async () => {
        throw refusal;
      },
    });
    await user.click(within(article).getByRole('button', { name: /👍/ }));
    expect((await within(article).findByRole('alert')).textContent).toBe('You are muted in this group');
  });

  it('edits in place: the box holds the text, saving sends the new text, Escape cancels back to the button', async () => {
    const { user, menuButton, onEdit, article } = renderMessage({
      message: buildMessage({
        author: me,
        permissions: { canEdit: true, canDelete: true, canViewHistory: false },
      }),
    });
    await openMenu(user, menuButton());
    await user.click(screen.getByRole('menuitem', { name: t('chat.edit') }));
    const box = within(article).getByRole<HTMLTextAreaElement>('textbox', { name: t('chat.editLabel') });
    await waitFor(() => expect(document.activeElement).toBe(box));
    expect(box.value).toBe('See you on Thursday');
    await user.keyboard('{Escape}');
    expect(within(article).queryByRole('textbox')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(menuButton()));
    expect(onEdit).not.toHaveBeenCalled();

    await openMenu(user, menuButton());
    await user.click(screen.getByRole('menuitem', { name: t('chat.edit') }));
    const again = within(article).getByRole<HTMLTextAreaElement>('textbox', { name: t('chat.editLabel') });
    await user.clear(again);
    await user.type(again, 'See you on Friday');
    await user.click(within(article).getByRole('button', { name: t('chat.save') }));
    expect(onEdit).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ id: 'message-1' }),
      'See you on Friday',
    );
    await waitFor(() => expect(within(article).queryByRole('textbox')).toBeNull());
  });

  it('deletes only after the confirmation, which takes focus', async () => {
    const { user, menuButton, onDelete, article } = renderMessage({
      message: buildMessage({
        author: me,
        permissions: { canEdit: true, canDelete: true, canViewHistory: false },
      }),
    });
    await openMenu(user, menuButton());
    await user.click(screen.getByRole('menuitem', { name: t('chat.delete') }));
    const confirm = within(article).getByRole('group', { name: t('chat.deleteConfirm') });
    await waitFor(() => expect(document.activeElement).toBe(confirm));
    expect(onDelete).not.toHaveBeenCalled();
    await user.click(within(confirm).getByRole('button', { name: t('chat.cancel') }));
    expect(within(article).queryByRole('group', { name: t('chat.deleteConfirm') })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(menuButton()));

    await openMenu(user, menuButton());
    await user.click(screen.getByRole('menuitem', { name: t('chat.delete') }));
    await user.click(within(article).getByRole('button', { name: t('chat.deleteYes') }));
    expect(onDelete).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ id: 'message-1' }));
  });
});
