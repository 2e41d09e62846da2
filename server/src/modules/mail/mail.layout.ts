import { type Locale, locales, translate } from '@spejl/shared';
import mjml from 'mjml';

// Colours chosen for contrast: body text 13:1 on white, white on the header and buttons 7.6:1, footer text 7:1.
const colours = { text: '#1f2933', brand: '#0b5563', footer: '#46515c', footerBackground: '#f2f4f6' };
// Inline as well as in the head's style: some mail programs drop the head.
const buttonStyle = `display: inline-block; background: ${colours.brand}; color: #ffffff; text-decoration: underline; font-weight: 600; padding: 10px 18px; border-radius: 6px; word-break: break-all;`;
const fonts = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

// Filled in after compiling; mjml never sees a member's words, so nothing in them can be read as markup.
const slots = { title: '%%SPEJL_TITLE%%', body: '%%SPEJL_BODY%%' } as const;

function source(locale: Locale): string {
  return `<mjml lang="${locale}">
  <mj-head>
    <mj-title>${slots.title}</mj-title>
    <mj-attributes>
      <mj-all font-family="${fonts}" />
      <mj-text font-size="16px" line-height="1.5" color="${colours.text}" />
    </mj-attributes>
    <mj-style>
      .spejl-body p { margin: 0 0 16px; }
      .spejl-body a { color: ${colours.brand}; text-decoration: underline; }
      .spejl-body a.spejl-button { display: inline-block; background: ${colours.brand}; color: #ffffff;
        text-decoration: underline; font-weight: 600; padding: 10px 18px; border-radius: 6px; word-break: break-all; }
      .spejl-body ul { margin: 0 0 16px; padding-left: 20px; }
      .spejl-body li { margin: 0 0 12px; }
    </mj-style>
  </mj-head>
  <mj-body background-color="#ffffff" width="600px">
    <mj-section background-color="${colours.brand}" padding="16px 24px">
      <mj-column>
        <mj-text color="#ffffff" font-size="24px" font-weight="700" padding="0">Spejl</mj-text>
        <mj-text color="#ffffff" font-size="14px" padding="4px 0 0">${escapeHtml(translate(locale, 'mail.layout.tagline'))}</mj-text>
      </mj-column>
    </mj-section>
    <mj-section padding="24px 24px 8px">
      <mj-column>
        <mj-text css-class="spejl-body" padding="0">${slots.body}</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="${colours.footerBackground}" padding="16px 24px">
      <mj-column>
        <mj-text font-size="13px" color="${colours.footer}" padding="0">${escapeHtml(translate(locale, 'mail.layout.footer'))}</mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
}

const compiled = new Map<Locale, Promise<string>>();

/** The layout for a language, compiled by mjml once per process (a few milliseconds) and kept. */
function layout(locale: Locale): Promise<string> {
  let html = compiled.get(locale);
  if (!html) {
    html = mjml(source(locale), { validationLevel: 'strict' }).then((result) => {
      if (result.errors.length > 0) throw new Error(`mail layout: ${result.errors[0]?.formattedMessage}`);
      return result.html;
    });
    // A failed compile is not kept: the next mail tries again.
    html.catch(() => compiled.delete(locale));
    compiled.set(locale, html);
  }
  return html;
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const urlPattern = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g;
const lineIsUrl = /^https?:\/\/\S+$/;

/** A link's visible words: the address without its scheme, query or fragment, so a token is never read aloud. */
function linkLabel(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname === '/' ? '' : parsed.pathname;
    return `${parsed.host}${path}`;
  } catch {
    return url;
  }
}

/** One line of text: escaped, with addresses in it made links. */
function inline(line: string): string {
  let html = '';
  let last = 0;
  for (const match of line.matchAll(urlPattern)) {
    const index = match.index ?? 0;
    html += escapeHtml(line.slice(last, index));
    html += `<a style="color: ${colours.brand}; text-decoration: underline;" href="${escapeHtml(match[0])}">${escapeHtml(match[0])}</a>`;
    last = index + match[0].length;
  }
  return html + escapeHtml(line.slice(last));
}

/** A line that is a list item ("- " or "• "), as digests write their groups. */
const listItem = /^[-•] /;

/**
 * The body of the HTML part from the plain text: blank lines part paragraphs, an address on a line of its own
 * becomes a button, lines starting with "- " a list. Everything is escaped: a display name is never markup.
 */
export function textToHtml(text: string): string {
  const blocks = text
    .replaceAll('\r\n', '\n')
    .split(/\n{2,}/)
    .map((block) => block.split('\n').filter((line) => line.trim() !== ''))
    .filter((lines) => lines.length > 0);
  return blocks
    .map((lines) => {
      if (lines.every((line) => listItem.test(line) || lineIsUrl.test(line.trim()))) {
        const items: string[][] = [];
        for (const line of lines) {
          if (listItem.test(line) || items.length === 0) items.push([line.replace(listItem, '')]);
          else items.at(-1)?.push(line);
        }
        return `<ul>${items.map((item) => `<li>${listEntry(item)}</li>`).join('')}</ul>`;
      }
      return lineGroup(lines, 'p');
    })
    .join('\n');
}

/** A list item of a line and its address (a digest's group) is one link named by the line; anything else as usual. */
function listEntry(lines: string[]): string {
  const [line, url] = lines;
  if (
    lines.length === 2 &&
    line !== undefined &&
    url !== undefined &&
    lineIsUrl.test(url.trim()) &&
    !lineIsUrl.test(line.trim())
  )
    return `<a style="color: ${colours.brand}; text-decoration: underline; font-weight: 600;" href="${escapeHtml(url.trim())}">${escapeHtml(line)}</a>`;
  return lineGroup(lines);
}

function lineGroup(lines: string[], wrapper?: 'p'): string {
  const parts: string[] = [];
  let text: string[] = [];
  const flush = () => {
    if (text.length === 0) return;
    const joined = text.join('<br>');
    parts.push(wrapper ? `<p>${joined}</p>` : joined);
    text = [];
  };
  for (const line of lines) {
    const trimmed = line.trim();
    if (lineIsUrl.test(trimmed)) {
      flush();
      const link = `<a class="spejl-button" style="${buttonStyle}" href="${escapeHtml(trimmed)}">${escapeHtml(linkLabel(trimmed))}</a>`;
      parts.push(wrapper ? `<p>${link}</p>` : `<br>${link}`);
    } else {
      text.push(inline(line));
    }
  }
  flush();
  return parts.join(wrapper ? '\n' : '');
}

/** The mail in the common layout: Spejl's name, the text's paragraphs and links, the footer; `lang` from the locale. */
export async function renderMailHtml(mail: {
  subject: string;
  text: string;
  locale?: Locale;
}): Promise<string> {
  const locale = mail.locale && locales.includes(mail.locale) ? mail.locale : 'da';
  const html = await layout(locale);
  // Functions as replacements, so a `$&` in someone's name is not read as a pattern.
  return html
    .replaceAll(slots.title, () => escapeHtml(mail.subject))
    .replace(slots.body, () => textToHtml(mail.text));
}
