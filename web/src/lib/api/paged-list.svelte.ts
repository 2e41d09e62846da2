import type { Page } from './groups.ts';

/** A list that starts with one loaded page and fetches the next ones on request ("Vis flere"). */
export class PagedList<T> {
  items = $state<T[]>([]);
  nextCursor = $state<string | null>(null);
  loading = $state(false);
  /** How many items the last "load more" added, for the status message. */
  added = $state<number | null>(null);
  failed = $state<unknown>(null);

  private readonly fetchPage: (cursor: string) => Promise<Page<T>>;

  constructor(first: Page<T>, fetchPage: (cursor: string) => Promise<Page<T>>) {
    this.items = first.items;
    this.nextCursor = first.nextCursor;
    this.fetchPage = fetchPage;
  }

  get hasMore(): boolean {
    return this.nextCursor !== null;
  }

  async loadMore(): Promise<void> {
    if (this.loading || !this.nextCursor) return;
    this.loading = true;
    this.failed = null;
    try {
      const page = await this.fetchPage(this.nextCursor);
      this.items = [...this.items, ...page.items];
      this.nextCursor = page.nextCursor;
      this.added = page.items.length;
    } catch (error) {
      this.failed = error;
    } finally {
      this.loading = false;
    }
  }

  /** Replaces one item in place, such as a member whose role changed. */
  replace(match: (item: T) => boolean, next: T): void {
    this.items = this.items.map((item) => (match(item) ? next : item));
  }

  remove(match: (item: T) => boolean): void {
    this.items = this.items.filter((item) => !match(item));
  }

  prepend(item: T): void {
    this.items = [item, ...this.items];
  }
}
