/**
 * The safe Markdown subset of chat messages, parsed into a tree that the web renders as elements (never as HTML
 * text), so no input can inject markup. Supported: paragraphs and line breaks, **bold**, *italic* / _italic_,
 * `code`, fenced code blocks, "- " and "1. " lists, "> " quotes, [links](https://…), bare http(s) links and
 * mentions written as <@user-id>. Everything else is shown as the text it is.
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'mention'; userId: string }
  | { type: 'break' };

export type Block =
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'list'; ordered: boolean; items: Inline[][] }
  | { type: 'quote'; children: Inline[] }
  | { type: 'code'; text: string };

const mentionPattern = /^<@([0-9a-fA-F-]{36})>/;
const urlPattern = /^https?:\/\/[^\s<>"]+/;
const bulletPattern = /^\s{0,3}[-*•]\s+(.*)$/;
const orderedPattern = /^\s{0,3}\d{1,3}[.)]\s+(.*)$/;
const quotePattern = /^\s{0,3}>\s?(.*)$/;
const fencePattern = /^\s{0,3}```/;

/** Only these schemes become links; anything else (javascript:, data:) stays text. */
export function safeHref(href: string): string | null {
  const trimmed = href.trim();
  if (/^https?:\/\/[^\s]+$/i.test(trimmed) || /^mailto:[^\s@]+@[^\s@]+$/i.test(trimmed)) return trimmed;
  return null;
}

/** Options for texts other than messages: the pages may link within Spejl (`/privacy`). */
export interface MarkdownOptions {
  relativeLinks?: boolean;
}

/** A link within this site: one leading slash (never `//host`), and only characters a path or fragment needs. */
export function safeRelativeHref(href: string): string | null {
  const trimmed = href.trim();
  return /^\/(?!\/)[A-Za-z0-9\-._~/#?=&%]*$/.test(trimmed) ? trimmed : null;
}

/** Parses a message body into blocks. */
export function parseMarkdown(source: string, options: MarkdownOptions = {}): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flushParagraph = () => {
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', children: parseLines(paragraph, options) });
    paragraph = [];
  };

  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    if (fencePattern.test(line)) {
      flushParagraph();
      const code: string[] = [];
      index += 1;
      while (index < lines.length && !fencePattern.test(lines[index]!)) {
        code.push(lines[index]!);
        index += 1;
      }
      blocks.push({ type: 'code', text: code.join('\n') });
      continue;
    }
    if (line.trim() === '') {
      flushParagraph();
      continue;
    }
    const listMatch = bulletPattern.exec(line) ?? orderedPattern.exec(line);
    if (listMatch) {
      flushParagraph();
      const ordered = !bulletPattern.test(line);
      const pattern = ordered ? orderedPattern : bulletPattern;
      const items: Inline[][] = [];
      while (index < lines.length) {
        const match = pattern.exec(lines[index]!);
        if (!match) break;
        items.push(parseInline(match[1] ?? '', options));
        index += 1;
      }
      index -= 1;
      blocks.push({ type: 'list', ordered, items });
      continue;
    }
    const quoteMatch = quotePattern.exec(line);
    if (quoteMatch) {
      flushParagraph();
      const quoted: string[] = [];
      while (index < lines.length) {
        const match = quotePattern.exec(lines[index]!);
        if (!match) break;
        quoted.push(match[1] ?? '');
        index += 1;
      }
      index -= 1;
      blocks.push({ type: 'quote', children: parseLines(quoted, options) });
      continue;
    }
    paragraph.push(line);
  }
  flushParagraph();
  return blocks;
}

function parseLines(lines: string[], options: MarkdownOptions): Inline[] {
  const children: Inline[] = [];
  lines.forEach((line, index) => {
    if (index > 0) children.push({ type: 'break' });
    children.push(...parseInline(line, options));
  });
  return children;
}

/** Parses emphasis, code, links and mentions in one line. */
export function parseInline(text: string, options: MarkdownOptions = {}): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  const pushText = () => {
    if (plain) out.push({ type: 'text', text: plain });
    plain = '';
  };
  let index = 0;
  while (index < text.length) {
    const rest = text.slice(index);
    const char = text[index]!;

    if (char === '`') {
      const end = text.indexOf('`', index + 1);
      if (end > index + 1) {
        pushText();
        out.push({ type: 'code', text: text.slice(index + 1, end) });
        index = end + 1;
        continue;
      }
    }
    if (char === '<') {
      const mention = mentionPattern.exec(rest);
      if (mention) {
        pushText();
        out.push({ type: 'mention', userId: mention[1]!.toLowerCase() });
        index += mention[0].length;
        continue;
      }
    }
    if (char === '*' && rest.startsWith('**')) {
      const end = text.indexOf('**', index + 2);
      if (end > index + 2) {
        pushText();
        out.push({ type: 'strong', children: parseInline(text.slice(index + 2, end), options) });
        index = end + 2;
        continue;
      }
    }
    if ((char === '*' || char === '_') && isEmphasisStart(text, index)) {
      const end = findEmphasisEnd(text, index + 1, char);
      if (end > index + 1) {
        pushText();
        out.push({ type: 'em', children: parseInline(text.slice(index + 1, end), options) });
        index = end + 1;
        continue;
      }
    }
    if (char === '[') {
      const link = /^\[([^\]\n]{1,500})\]\(([^)\s]{1,2000})\)/.exec(rest);
      const href = link
        ? (safeHref(link[2]!) ?? (options.relativeLinks ? safeRelativeHref(link[2]!) : null))
        : null;
      if (link && href) {
        pushText();
        out.push({ type: 'link', href, children: parseInline(link[1]!, options) });
        index += link[0].length;
        continue;
      }
    }
    if ((char === 'h' || char === 'H') && (index === 0 || /[\s(]/.test(text[index - 1]!))) {
      const url = urlPattern.exec(rest);
      if (url) {
        // Trailing punctuation belongs to the sentence, not the link.
        const href = url[0].replace(/[.,;:!?)\]]+$/, '');
        pushText();
        out.push({ type: 'link', href, children: [{ type: 'text', text: href }] });
        index += href.length;
        continue;
      }
    }
    plain += char;
    index += 1;
  }
  pushText();
  return out;
}

/** `*word*` starts emphasis; `2 * 3` and snake_case do not. */
function isEmphasisStart(text: string, index: number): boolean {
  const next = text[index + 1];
  const previous = index > 0 ? text[index - 1] : ' ';
  return next !== undefined && !/\s/.test(next) && !/[\p{L}\p{N}]/u.test(previous ?? ' ');
}

function findEmphasisEnd(text: string, from: number, marker: string): number {
  for (let index = from; index < text.length; index += 1) {
    if (text[index] !== marker) continue;
    const previous = text[index - 1]!;
    const next = text[index + 1];
    if (!/\s/.test(previous) && (next === undefined || !/[\p{L}\p{N}]/u.test(next))) return index;
  }
  return -1;
}

/** The plain text of a body, for previews and announcements: markup removed, mentions named. */
export function plainText(source: string, nameOf: (userId: string) => string): string {
  const inline = (nodes: Inline[]): string =>
    nodes
      .map((node) => {
        switch (node.type) {
          case 'text':
          case 'code':
            return node.text;
          case 'break':
            return ' ';
          case 'mention':
            return `@${nameOf(node.userId)}`;
          default:
            return inline(node.children);
        }
      })
      .join('');
  return parseMarkdown(source)
    .map((block) => {
      switch (block.type) {
        case 'code':
          return block.text;
        case 'list':
          return block.items.map(inline).join(', ');
        default:
          return inline(block.children);
      }
    })
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}
