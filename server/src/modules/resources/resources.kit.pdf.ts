import { type Locale, translate } from '@spejl/shared';
import { type PageBlock, parsePage } from '@spejl/shared/page-markdown';
import PDFDocument from 'pdfkit';
import { fontOf, fonts, printable, type Run, runsOf } from './resources.kit.text.ts';

/** One resource as the kit prints it: every text already in the kit's language, except the resource's own. */
export interface KitEntry {
  title: string;
  summary: string;
  /** The resource's language, for the tagged PDF (`da`, `en`). */
  language: Locale;
  /** Lines of facts under the summary: topic, audiences, where and when it holds, when it was checked. */
  facts: string[];
  /** "May be out of date" in words, when its review date has passed. */
  warning: string | null;
  /** Markdown (articles), rendered as the pages render it. */
  body: string | null;
  /** Lines before the body: a link's address, where a file is, where to read it online. */
  pointers: string[];
  sources: Array<{ title: string; url?: string | undefined }>;
  /** The contact: whom to ask, then their website and email. */
  contact: string[];
}

export interface KitContent {
  locale: Locale;
  /** The site's address, to print links within Spejl in full. */
  origin: string;
  /** The title page's lines under the title: the audience, the topic, when it was made. */
  chosen: string[];
  /** Set when more resources matched than one kit holds. */
  truncatedNote: string | null;
  entries: KitEntry[];
  glossary: Array<{ term: string; explanation: string }>;
  contacts: Array<{ name: string; lines: string[] }>;
}

const margin = { top: 56, bottom: 72, left: 62, right: 62 };
const sizes = { body: 11, small: 9, h1: 20, h2: 14, h3: 12, title: 30 };
const numberColumn = 70;

const languageTags: Record<Locale, string> = { da: 'da-DK', en: 'en-GB' };

/** Renders the kit: title page, contents with page numbers, one section per resource, glossary and contacts. */
export async function renderKit(content: KitContent): Promise<Buffer> {
  const { locale } = content;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(locale, key, params);
  const title = t('resources.kit.title');
  const doc = new PDFDocument({
    size: 'A4',
    margins: margin,
    bufferPages: true,
    autoFirstPage: true,
    pdfVersion: '1.7',
    tagged: true,
    lang: languageTags[locale],
    displayTitle: true,
    info: { Title: title, Author: 'Spejl', Subject: content.chosen.join(' · '), Creator: 'Spejl' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.fillColor('black').strokeColor('black');
  const width = doc.page.width - margin.left - margin.right;
  const bottom = () => doc.page.height - margin.bottom;
  const root = doc.struct('Document');
  doc.addStructure(root);
  type Parent = ReturnType<typeof doc.struct>;

  const ensureSpace = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };
  const runsText = (
    runs: Run[],
    options: { x?: number; width?: number; size?: number; align?: 'left' | 'center' } = {},
  ) => {
    const visible = runs
      .map((run) => ({ ...run, text: printable(run.text) }))
      .filter((run) => run.text !== '');
    if (visible.length === 0) return;
    doc.fontSize(options.size ?? sizes.body);
    visible.forEach((run, index) => {
      doc.font(fontOf(run));
      const textOptions = {
        width: options.width ?? width,
        align: options.align ?? 'left',
        continued: index < visible.length - 1,
        link: run.link,
        underline: run.link !== null,
        lineGap: 2,
      };
      if (index === 0) doc.text(run.text, options.x ?? margin.left, doc.y, textOptions);
      else doc.text(run.text, textOptions);
    });
    doc.x = margin.left;
  };
  const plainRun = (text: string, style: Partial<Run> = {}): Run => ({
    text,
    bold: false,
    italic: false,
    code: false,
    link: null,
    ...style,
  });
  /** A leaf of the structure tree, its content marked as it is drawn. */
  const leaf = (parent: Parent, type: string, draw: () => void) => {
    parent.add(doc.struct(type, {}, draw));
  };
  const paragraph = (
    parent: Parent,
    runs: Run[],
    options: { size?: number; after?: number; x?: number } = {},
  ) => {
    ensureSpace((options.size ?? sizes.body) * 1.6);
    leaf(parent, 'P', () =>
      runsText(runs, {
        size: options.size ?? sizes.body,
        ...(options.x === undefined ? {} : { x: options.x, width: width - (options.x - margin.left) }),
      }),
    );
    doc.moveDown(options.after ?? 0.5);
  };
  const heading = (parent: Parent, level: 1 | 2 | 3, text: string, destination?: string) => {
    const size = level === 1 ? sizes.h1 : level === 2 ? sizes.h2 : sizes.h3;
    ensureSpace(size * 1.4 + sizes.body * 3);
    if (level > 1) doc.moveDown(0.4);
    if (destination) doc.addNamedDestination(destination, 'XYZ', margin.left, doc.y, null);
    leaf(parent, `H${level}`, () => runsText([plainRun(text, { bold: true })], { size }));
    doc.moveDown(level === 1 ? 0.5 : 0.3);
  };
  const list = (parent: Parent, ordered: boolean, items: Run[][], size = sizes.body) => {
    const container = doc.struct('L');
    parent.add(container);
    const indent = 18;
    items.forEach((runs, index) => {
      ensureSpace(size * 1.6);
      const item = doc.struct('LI');
      container.add(item);
      const top = doc.y;
      item.add(
        doc.struct('Lbl', {}, () => {
          doc.font(fonts.regular).fontSize(size);
          doc.text(ordered ? `${index + 1}.` : '•', margin.left, top, {
            width: indent - 4,
            lineBreak: false,
          });
        }),
      );
      doc.y = top;
      item.add(
        doc.struct('LBody', {}, () =>
          runsText(runs, { x: margin.left + indent, width: width - indent, size }),
        ),
      );
      item.end();
      doc.moveDown(0.25);
    });
    container.end();
    doc.moveDown(0.3);
  };
  const markdown = (parent: Parent, source: string) => {
    for (const block of parsePage(source) as PageBlock[]) {
      switch (block.type) {
        case 'heading':
          heading(parent, block.level, block.text);
          break;
        case 'paragraph':
          paragraph(parent, runsOf(block.children, content.origin));
          break;
        case 'list':
          list(
            parent,
            block.ordered,
            block.items.map((item) => runsOf(item, content.origin)),
          );
          break;
        case 'quote': {
          ensureSpace(sizes.body * 1.6);
          const top = doc.y;
          const quote = doc.struct('BlockQuote');
          parent.add(quote);
          paragraph(quote, runsOf(block.children, content.origin, { bold: false, italic: true }), {
            x: margin.left + 14,
          });
          quote.end();
          if (doc.y > top) {
            doc
              .save()
              .moveTo(margin.left + 3, top)
              .lineTo(margin.left + 3, doc.y - 6)
              .lineWidth(2)
              .stroke()
              .restore();
          }
          break;
        }
        case 'code':
          ensureSpace(sizes.body * 1.6);
          leaf(parent, 'Code', () =>
            runsText([plainRun(block.text, { code: true })], { size: sizes.small + 1 }),
          );
          doc.moveDown(0.5);
          break;
      }
    }
  };

  // Title page.
  doc.y = margin.top + 120;
  leaf(root, 'H1', () => runsText([plainRun(title, { bold: true })], { size: sizes.title }));
  doc.moveDown(0.6);
  paragraph(root, [plainRun(t('resources.kit.subtitle'))], { size: sizes.h3 });
  doc.moveDown(0.6);
  for (const line of content.chosen)
    paragraph(root, [plainRun(line, { bold: true })], { size: sizes.h3, after: 0.2 });
  doc.moveDown(1);
  paragraph(root, [plainRun(t('resources.kit.checkedNote'))]);
  paragraph(root, [plainRun(t('resources.kit.publicNote'))]);
  if (content.truncatedNote) paragraph(root, [plainRun(content.truncatedNote, { bold: true })]);
  if (content.entries.length === 0) paragraph(root, [plainRun(t('resources.kit.empty'), { bold: true })]);

  // The contents: laid out now (their height does not depend on the page numbers), drawn once the numbers are known.
  const contentsLines = [
    ...content.entries.map((entry, index) => ({ text: entry.title, destination: `resource-${index + 1}` })),
    { text: t('resources.kit.glossary'), destination: 'glossary' },
    { text: t('resources.kit.contacts'), destination: 'contacts' },
  ];
  doc.addPage();
  const contentsStart = doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1;
  doc.font(fonts.bold).fontSize(sizes.h1);
  const firstLineTop = margin.top + doc.heightOfString(t('resources.kit.contents'), { width }) + sizes.body;
  doc.font(fonts.regular).fontSize(sizes.body);
  const placed: Array<{ page: number; y: number; text: string; destination: string }> = [];
  let page = 0;
  let y = firstLineTop;
  for (const line of contentsLines) {
    const text = printable(line.text);
    const height = doc.heightOfString(text, { width: width - numberColumn, lineGap: 2 }) + 6;
    if (y + height > bottom() - sizes.body) {
      page += 1;
      y = margin.top;
    }
    placed.push({ page, y, text, destination: line.destination });
    y += height;
  }
  for (let extra = 0; extra < page; extra += 1) doc.addPage();
  const contents = doc.struct('TOC');
  root.add(contents);
  const startPages = new Map<string, number>();
  const startSection = (destination: string) => {
    doc.addPage();
    startPages.set(destination, doc.bufferedPageRange().count);
  };

  content.entries.forEach((entry, index) => {
    startSection(`resource-${index + 1}`);
    const section = doc.struct('Sect', { lang: languageTags[entry.language] });
    root.add(section);
    heading(section, 1, entry.title, `resource-${index + 1}`);
    doc.outline.addItem(printable(entry.title));
    paragraph(section, [plainRun(entry.summary, { bold: true })], { size: sizes.h3 });
    for (const fact of entry.facts)
      paragraph(section, [plainRun(fact)], { size: sizes.small + 1, after: 0.1 });
    if (entry.warning) {
      doc.moveDown(0.3);
      paragraph(section, [plainRun(entry.warning, { bold: true })]);
    }
    doc.moveDown(0.4);
    for (const pointer of entry.pointers)
      paragraph(section, [plainRun(pointer)], { size: sizes.small + 1, after: 0.2 });
    doc.moveDown(0.4);
    if (entry.body) markdown(section, entry.body);
    if (entry.sources.length > 0) {
      heading(section, 2, t('resources.page.sources'));
      list(
        section,
        false,
        entry.sources.map((source) => [
          plainRun(source.title),
          ...(source.url ? [plainRun(` (${source.url})`, { link: source.url })] : []),
        ]),
      );
    }
    heading(section, 2, t('resources.page.contact'));
    for (const line of entry.contact) paragraph(section, [plainRun(line)], { after: 0.2 });
    section.end();
  });

  startSection('glossary');
  const glossary = doc.struct('Sect');
  root.add(glossary);
  heading(glossary, 1, t('resources.kit.glossary'), 'glossary');
  doc.outline.addItem(t('resources.kit.glossary'));
  paragraph(glossary, [plainRun(t('resources.kit.glossaryIntro'))]);
  for (const word of content.glossary) {
    ensureSpace(sizes.body * 4);
    paragraph(glossary, [plainRun(word.term, { bold: true })], { after: 0.1 });
    paragraph(glossary, [plainRun(word.explanation)], { after: 0.7 });
  }
  glossary.end();

  startSection('contacts');
  const contacts = doc.struct('Sect');
  root.add(contacts);
  heading(contacts, 1, t('resources.kit.contacts'), 'contacts');
  doc.outline.addItem(t('resources.kit.contacts'));
  paragraph(contacts, [plainRun(t('resources.kit.contactsIntro'))]);
  for (const contact of content.contacts) {
    ensureSpace(sizes.body * 4);
    heading(contacts, 2, contact.name);
    for (const line of contact.lines) paragraph(contacts, [plainRun(line)], { after: 0.2 });
  }
  contacts.end();

  // Back to the contents, now that every section's page is known.
  doc.switchToPage(contentsStart);
  doc.x = margin.left;
  doc.y = margin.top;
  leaf(contents, 'H1', () =>
    runsText([plainRun(t('resources.kit.contents'), { bold: true })], { size: sizes.h1 }),
  );
  let current = 0;
  for (const line of placed) {
    if (line.page !== current) {
      current = line.page;
      doc.switchToPage(contentsStart + current);
    }
    const pageNumber = startPages.get(line.destination) ?? 0;
    leaf(contents, 'TOCI', () => {
      doc.font(fonts.regular).fontSize(sizes.body);
      doc.text(line.text, margin.left, line.y, {
        width: width - numberColumn,
        lineGap: 2,
        goTo: line.destination,
      });
      doc.text(
        t('resources.kit.contentsPage', { page: pageNumber }),
        margin.left + width - numberColumn,
        line.y,
        {
          width: numberColumn,
          align: 'right',
          lineBreak: false,
          goTo: line.destination,
        },
      );
    });
  }
  contents.end();

  // Page numbers, as artifacts that a screen reader skips.
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    doc.page.margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.font(fonts.regular).fontSize(sizes.small);
    doc.text(
      t('resources.kit.footer', { page: index - range.start + 1, count: range.count }),
      margin.left,
      doc.page.height - margin.bottom + 28,
      { width, align: 'center', lineBreak: false },
    );
    doc.endMarkedContent();
    doc.page.margins.bottom = margin.bottom;
  }
  root.end();
  doc.end();
  return finished;
}
