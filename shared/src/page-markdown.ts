import { type Block, parseMarkdown } from './markdown.ts';

/**
 * The Markdown of the pages (terms, privacy policy, help): the messages' safe subset, plus `## ` and `### `
 * headings and links within Spejl (`/privacy`). Parsed to a tree, never to HTML, like a message.
 */
export type PageBlock = Block | { type: 'heading'; level: 2 | 3; text: string; id: string };

const headingPattern = /^\s{0,3}(#{1,3})\s+(.+?)\s*#*\s*$/;

/** A fragment id for a heading: lower case, Danish letters spelled out, anything else a hyphen. */
export function headingId(text: string): string {
  const folded = text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return folded || 'afsnit';
}

/** Parses a page into blocks and headings; heading ids are unique within the page. */
export function parsePage(source: string): PageBlock[] {
  const out: PageBlock[] = [];
  const used = new Set<string>();
  let chunk: string[] = [];
  let inFence = false;
  const flush = () => {
    if (chunk.length > 0) out.push(...parseMarkdown(chunk.join('\n'), { relativeLinks: true }));
    chunk = [];
  };
  for (const line of source.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s{0,3}```/.test(line)) inFence = !inFence;
    const match = inFence ? null : headingPattern.exec(line);
    if (!match) {
      chunk.push(line);
      continue;
    }
    flush();
    const text = match[2]!;
    const base = headingId(text);
    let id = base;
    for (let count = 2; used.has(id); count += 1) id = `${base}-${count}`;
    used.add(id);
    out.push({ type: 'heading', level: match[1]!.length >= 3 ? 3 : 2, text, id });
  }
  flush();
  return out;
}

/** The page's table of contents: its `## ` headings. */
export function pageContents(blocks: PageBlock[]): { text: string; id: string }[] {
  return blocks.flatMap((block) =>
    block.type === 'heading' && block.level === 2 ? [{ text: block.text, id: block.id }] : [],
  );
}
