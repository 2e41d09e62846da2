/**
 * Puts one group's `message.created` events back in seq order before they fan out to the group's sockets.
 *
 * Messages commit in seq order, but their events are published after commit, and concurrent sends (or another
 * node's events) can overtake each other on the way. A socket that sees seq 7 before 6 fills the gap from the
 * database, so every socket in the group would read the database at once; the load benchmark's webinar room of
 * 2,000 spent its time doing that. Holding an early event for a moment, until the one before it arrives, turns those
 * reads into nothing. If the missing event does not come within `waitMs` (it was lost, or went to another node that
 * crashed), the held events go out in order anyway and each socket fills its gap from the database as before: this
 * only reorders, the sockets' own gap and duplicate checks stay the guarantee.
 */
export class SeqOrder<E extends { seq: number }> {
  private next: number | null = null;
  private readonly held = new Map<number, E>();
  private timer: NodeJS.Timeout | null = null;
  private readonly release: (event: E) => void;
  private readonly waitMs: number;

  constructor(release: (event: E) => void, waitMs = 100) {
    this.release = release;
    this.waitMs = waitMs;
  }

  push(event: E): void {
    if (this.next === null || event.seq < this.next) {
      // The first event this node sees for the group, or an old one: nothing to wait for.
      if (this.next === null) this.next = event.seq + 1;
      this.release(event);
      return;
    }
    if (event.seq === this.next) {
      this.next += 1;
      this.release(event);
      this.releaseConsecutive();
      return;
    }
    this.held.set(event.seq, event);
    this.timer ??= setTimeout(() => this.giveUp(), this.waitMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.held.clear();
  }

  private releaseConsecutive() {
    while (this.next !== null && this.held.has(this.next)) {
      const event = this.held.get(this.next)!;
      this.held.delete(this.next);
      this.next += 1;
      this.release(event);
    }
    if (this.held.size === 0 && this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private giveUp() {
    this.timer = null;
    const seqs = [...this.held.keys()].sort((a, b) => a - b);
    for (const seq of seqs) {
      const event = this.held.get(seq)!;
      this.held.delete(seq);
      this.next = seq + 1;
      this.release(event);
    }
  }
}
