import { cleanup } from '@testing-library/svelte';
import { afterEach } from 'vitest';

// jsdom lays nothing out: every element has no box, in a 0×0 page. Floating UI (bits-ui's menus) reads that as an
// anchor out of sight and hides the menu with `visibility: hidden`, which also takes its entries' names and focus.
// So every element gets one box, inside a page as large as the window.
function box(): DOMRect {
  const [x, y, width, height] = [16, 16, 120, 32];
  return { x, y, width, height, top: y, left: x, right: x + width, bottom: y + height, toJSON: () => ({}) };
}
Element.prototype.getBoundingClientRect = box;
Element.prototype.getClientRects = function getClientRects() {
  const rects = [box()];
  return Object.assign(rects, { item: (index: number) => rects[index] ?? null }) as unknown as DOMRectList;
};
Object.defineProperty(document.documentElement, 'clientWidth', { get: () => window.innerWidth });
Object.defineProperty(document.documentElement, 'clientHeight', { get: () => window.innerHeight });

afterEach(() => cleanup());
