/**
 * Per-channel concurrency (ChannelLimits.concurrency): at most N calls to one agency in flight.
 * Waiters are served first come, first served, so the oldest request of a case goes out first.
 * The queue is a linked list, so tens of thousands of waiters (a bureau-wide re-query) cost O(1)
 * each; they are cancelled together by `cancelAll` rather than by one abort listener each.
 */
interface Waiter {
  grant: (release: () => void) => void;
  reject: (e: unknown) => void;
  next: Waiter | undefined;
}

export class Semaphore {
  private used = 0;
  private head: Waiter | undefined;
  private tail: Waiter | undefined;
  private queued = 0;

  constructor(readonly size: number) {
    if (!(size >= 1)) throw new RangeError('size must be at least 1');
  }

  get inUse(): number {
    return this.used;
  }

  get waiting(): number {
    return this.queued;
  }

  /** Resolves with a release function (idempotent) once a slot is free. */
  acquire(): Promise<() => void> {
    if (this.used < this.size) {
      this.used += 1;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const w: Waiter = { grant: resolve, reject, next: undefined };
      if (this.tail) this.tail.next = w;
      else this.head = w;
      this.tail = w;
      this.queued += 1;
    });
  }

  /** Rejects every waiter (engine stop); slots already granted stay granted until released. */
  cancelAll(reason: unknown): void {
    let w = this.head;
    this.head = this.tail = undefined;
    this.queued = 0;
    while (w) {
      w.reject(reason);
      w = w.next;
    }
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const w = this.head;
      if (w) {
        // The slot passes straight to the next waiter; `used` stays the same.
        this.head = w.next;
        if (!this.head) this.tail = undefined;
        this.queued -= 1;
        w.grant(this.releaser());
      } else {
        this.used -= 1;
      }
    };
  }
}
