/**
 * The engine's lifetime: every sleep and every in-flight call hangs off one AbortSignal, so that
 * stop() cancels all timers and calls at once and leaves each request in the state the store
 * already holds (a request caught on the wire stays 'sent' and is resolved by asking about its id
 * after the restart, docs/domain.md rule 7). Sleeps are kept in one set instead of one abort listener each,
 * so tens of thousands of sleeping requests cost nothing extra.
 */
import { setMaxListeners } from 'node:events';

/** Thrown into every waiting job when the engine stops; jobs end quietly on it. */
export class Stopped extends Error {
  constructor() {
    super('engine stopped');
    this.name = 'Stopped';
  }
}

export class Lifetime {
  private readonly ac = new AbortController();
  /** one error for every waiter: thousands of stack captures at stop would stall the loop */
  readonly reason = new Stopped();
  private readonly sleepers = new Map<ReturnType<typeof setTimeout>, (e: unknown) => void>();

  constructor() {
    // In-flight calls (at most the sum of channel concurrencies) each listen on this signal.
    setMaxListeners(0, this.ac.signal);
  }

  get signal(): AbortSignal {
    return this.ac.signal;
  }

  get stopped(): boolean {
    return this.ac.signal.aborted;
  }

  /** Waits `ms` (timer, no spinning); rejects with Stopped if the engine stops meanwhile. */
  sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.reject(this.reason);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => {
        this.sleepers.delete(t);
        resolve();
      }, Math.max(0, ms));
      this.sleepers.set(t, reject);
    });
  }

  /**
   * Like sleep, but `hold` is handed a function that ends the wait at once (an answer for the
   * waiting exchange arrived from the feed). Waking after the wait ended does nothing.
   */
  nap(ms: number, hold: (wake: () => void) => void): Promise<void> {
    if (this.stopped) return Promise.reject(this.reason);
    return new Promise((resolve, reject) => {
      const wake = () => {
        clearTimeout(t);
        this.sleepers.delete(t);
        resolve();
      };
      const t = setTimeout(wake, Math.max(0, ms));
      this.sleepers.set(t, reject);
      hold(wake);
    });
  }

  /** Throws Stopped if the engine has stopped. */
  check(): void {
    if (this.stopped) throw this.reason;
  }

  stop(): void {
    if (this.stopped) return;
    this.ac.abort(this.reason);
    for (const [t, reject] of this.sleepers) {
      clearTimeout(t);
      reject(this.reason);
    }
    this.sleepers.clear();
  }
}
