import { type Inline, parseMarkdown } from '@spejl/shared/markdown';

/** No message shows more resource cards than this, however many it links. */
export const maxResourceCards = 3;

const uuid = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** A resource's page, as the address bar and "copy link" write it: `/knowledge/<id>`, nothing after the id. */
const resourcePage = new RegExp(`^/knowledge/(${uuid})/?$`);
/** A bare path in the text, standing on its own (not the tail of someone else's address). */
const resourcePathInText = new RegExp(`(?:^|[\\s(])/knowledge/(${uuid})(?![\\w/-])`, 'g');

/**
 * The ids of the resources a message body links on this Spejl, in order, without repeats, at most
 * `maxResourceCards`: links whose origin is `origin` (the page's own), and bare `/knowledge/<id>` paths. An address on
 * any other site is never a resource, whatever its path, so no card ever makes a request elsewhere. Code is skipped.
 */
export function resourceLinksIn(body: string, origin: string): string[] {
  const ids: string[] = [];
  const add = (id: string) => {
    const lower = id.toLowerCase();
    if (ids.length < maxResourceCards && !ids.includes(lower)) ids.push(lower);
  };
  const visit = (nodes: Inline[]) => {
    for (const node of nodes) {
      if (node.type === 'link') {
        const id = resourceIdOf(node.href, origin);
        if (id) add(id);
      } else if (node.type === 'text') {
        for (const match of node.text.matchAll(resourcePathInText)) add(match[1]!);
      } else if (node.type === 'strong' || node.type === 'em') {
        visit(node.children);
      }
    }
  };
  for (const block of parseMarkdown(body)) {
    if (block.type === 'paragraph' || block.type === 'quote') visit(block.children);
    else if (block.type === 'list') for (const item of block.items) visit(item);
  }
  return ids;
}

/** The resource id an absolute address points to on `origin`, or null for anything else. */
export function resourceIdOf(href: string, origin: string): string | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.origin !== origin || url.username || url.password) return null;
  return resourcePage.exec(url.pathname)?.[1]?.toLowerCase() ?? null;
}
