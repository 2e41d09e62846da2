import { describe, expect, it } from 'vitest';
import { parseMarkdown } from './markdown.ts';
import { headingId, pageContents, parsePage } from './page-markdown.ts';

describe('page Markdown', () => {
  it('turns ## and ### lines into headings with unique ids, and lists the ## ones as contents', () => {
    const blocks = parsePage('Intro\n\n## Dine rettigheder\n\nTekst\n\n### Klage\n\n## Dine rettigheder\n');
    expect(blocks.filter((block) => block.type === 'heading')).toEqual([
      { type: 'heading', level: 2, text: 'Dine rettigheder', id: 'dine-rettigheder' },
      { type: 'heading', level: 3, text: 'Klage', id: 'klage' },
      { type: 'heading', level: 2, text: 'Dine rettigheder', id: 'dine-rettigheder-2' },
    ]);
    expect(pageContents(blocks).map((entry) => entry.id)).toEqual(['dine-rettigheder', 'dine-rettigheder-2']);
    expect(headingId('Hvor længe vi gemmer oplysningerne')).toBe('hvor-laenge-vi-gemmer-oplysningerne');
  });

  it('keeps links within Spejl on pages, but never in messages, and never to another host', () => {
    const [page] = parsePage('Se [privatlivspolitikken](/privacy) og [her](//evil.example).');
    expect(page).toMatchObject({
      type: 'paragraph',
      children: [
        { type: 'text', text: 'Se ' },
        { type: 'link', href: '/privacy' },
        { type: 'text', text: ' og [her](//evil.example).' },
      ],
    });
    const [message] = parseMarkdown('Se [privatlivspolitikken](/privacy)');
    expect(message).toEqual({
      type: 'paragraph',
      children: [{ type: 'text', text: 'Se [privatlivspolitikken](/privacy)' }],
    });
    const [script] = parsePage('[klik](javascript:alert(1))');
    expect(JSON.stringify(script)).not.toContain('"link"');
  });

  it('does not read a # inside a code block as a heading', () => {
    expect(parsePage('```\n## ikke en overskrift\n```').map((block) => block.type)).toEqual(['code']);
  });
});
