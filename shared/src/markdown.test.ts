import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, plainText, safeHref } from './markdown.ts';

const id = '3f2c8a90-1b2c-4d5e-8f90-123456789abc';

describe('the chat Markdown subset', () => {
  it('keeps raw HTML as text, so no markup can be injected', () => {
    expect(parseMarkdown('<script>alert(1)</script> <img src=x onerror=alert(1)>')).toEqual([
      {
        type: 'paragraph',
        children: [{ type: 'text', text: '<script>alert(1)</script> <img src=x onerror=alert(1)>' }],
      },
    ]);
  });

  it('links only http, https and mailto', () => {
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,hi')).toBeNull();
    expect(safeHref('https://sjaeldne.dk/a?b=c')).toBe('https://sjaeldne.dk/a?b=c');
    expect(parseInline('[klik](javascript:alert(1))')).toEqual([
      { type: 'text', text: '[klik](javascript:alert(1))' },
    ]);
    expect(parseInline('[Sjældne Diagnoser](https://sjaeldne.dk)')).toEqual([
      { type: 'link', href: 'https://sjaeldne.dk', children: [{ type: 'text', text: 'Sjældne Diagnoser' }] },
    ]);
  });

  it('turns bare links into links without the sentence’s full stop', () => {
    expect(parseInline('Se https://rarelink.dk/side.')).toEqual([
      { type: 'text', text: 'Se ' },
      {
        type: 'link',
        href: 'https://rarelink.dk/side',
        children: [{ type: 'text', text: 'https://rarelink.dk/side' }],
      },
      { type: 'text', text: '.' },
    ]);
  });

  it('reads emphasis, code and mentions, and leaves arithmetic and snake_case alone', () => {
    expect(parseInline(`**Vigtigt**: *husk* \`medicin\` <@${id}>`)).toEqual([
      { type: 'strong', children: [{ type: 'text', text: 'Vigtigt' }] },
      { type: 'text', text: ': ' },
      { type: 'em', children: [{ type: 'text', text: 'husk' }] },
      { type: 'text', text: ' ' },
      { type: 'code', text: 'medicin' },
      { type: 'text', text: ' ' },
      { type: 'mention', userId: id },
    ]);
    expect(parseInline('2 * 3 * 4 og snake_case_navn')).toEqual([
      { type: 'text', text: '2 * 3 * 4 og snake_case_navn' },
    ]);
  });

  it('builds lists, quotes, code blocks and paragraphs with line breaks', () => {
    const blocks = parseMarkdown(
      'Hej\nalle\n\n- en\n- to\n\n1. først\n2. så\n\n> citat\n\n```\n<b>kode</b>\n```',
    );
    expect(blocks.map((block) => block.type)).toEqual(['paragraph', 'list', 'list', 'quote', 'code']);
    expect(blocks[0]).toEqual({
      type: 'paragraph',
      children: [{ type: 'text', text: 'Hej' }, { type: 'break' }, { type: 'text', text: 'alle' }],
    });
    expect(blocks[1]).toMatchObject({ ordered: false, items: [[{ text: 'en' }], [{ text: 'to' }]] });
    expect(blocks[2]).toMatchObject({ ordered: true });
    expect(blocks[4]).toEqual({ type: 'code', text: '<b>kode</b>' });
  });

  it('gives plain text with mentions named, for previews and screen-reader announcements', () => {
    expect(plainText(`Hej <@${id}>, se **det her**`, () => 'Mette')).toBe('Hej @Mette, se det her');
  });
});
