import type { Inline } from '@spejl/shared/markdown';

/** The standard PDF fonts the kit writes with: no font file to ship, and every Danish letter is in them. */
export const fonts = {
  regular: 'Helvetica',
  bold: 'Helvetica-Bold',
  italic: 'Helvetica-Oblique',
  boldItalic: 'Helvetica-BoldOblique',
  code: 'Courier',
} as const;

/**
 * The standard PDF fonts write WinAnsi (Latin-1 plus a few signs such as – “ ” • €): æ, ø, å and § are in it. Any other
 * letter falls back to its base letter (ł, ş become l, s where Unicode decomposes them) or is left out (emoji), so the
 * PDF never shows a wrong glyph.
 */
const winAnsiExtra = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
/** Letters with a stroke, which Unicode does not decompose. */
const strokes: Record<string, string> = { ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ħ: 'h', ı: 'i' };
export function printable(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (
      char === '\n' ||
      (code >= 0x20 && code <= 0x7e) ||
      (code >= 0xa0 && code <= 0xff) ||
      winAnsiExtra.has(char)
    )
      out += char;
    else if (char === '\t') out += ' ';
    else if (strokes[char]) out += strokes[char];
    else
      out += [...char.normalize('NFKD')]
        .filter((part) => {
          const partCode = part.codePointAt(0) ?? 0;
          return (partCode >= 0x20 && partCode <= 0x7e) || (partCode >= 0xa0 && partCode <= 0xff);
        })
        .join('');
  }
  return out;
}

/** A stretch of text in one style, as pdfkit writes it (`continued` between runs). */
export interface Run {
  text: string;
  bold: boolean;
  italic: boolean;
  code: boolean;
  link: string | null;
}

/** A paragraph's inline tree as runs of one style; a link is followed by its address in brackets, for paper. */
export function runsOf(nodes: Inline[], origin: string, style = { bold: false, italic: false }): Run[] {
  const plain = (text: string, extra: Partial<Run> = {}): Run => ({
    text,
    ...style,
    code: false,
    link: null,
    ...extra,
  });
  return nodes.flatMap((node): Run[] => {
    switch (node.type) {
      case 'text':
        return [plain(node.text)];
      case 'break':
        return [plain('\n')];
      case 'code':
        return [plain(node.text, { code: true })];
      case 'strong':
        return runsOf(node.children, origin, { ...style, bold: true });
      case 'em':
        return runsOf(node.children, origin, { ...style, italic: true });
      case 'link': {
        const href = node.href.startsWith('/') ? `${origin}${node.href}` : node.href;
        const inner = runsOf(node.children, origin, style).map((run) => ({ ...run, link: href }));
        const shown = inner.map((run) => run.text).join('');
        const address = href.replace(/^mailto:/, '');
        return shown === node.href || shown === address ? inner : [...inner, plain(` (${address})`)];
      }
      default:
        // A mention names a member; a printed kit names no one.
        return [plain('@')];
    }
  });
}

export function fontOf(run: Pick<Run, 'bold' | 'italic' | 'code'>): string {
  if (run.code) return fonts.code;
  if (run.bold) return run.italic ? fonts.boldItalic : fonts.bold;
  return run.italic ? fonts.italic : fonts.regular;
}
