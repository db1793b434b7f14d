/** What a run waits on while it goes: time (aborted with the run), and the queries it sent. */
import type { SecureStore } from '../../store';

const FINAL = new Set(['answered', 'failed', 'manual']);

/** Sleeps `ms`, or throws when the run is stopped meanwhile. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason ?? new Error('stopped'));
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    t.unref?.();
    const onAbort = () => {
      clearTimeout(t);
      reject(signal.reason ?? new Error('stopped'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Waits until every query request of `ids` is answered, failed or sent to manual handling: true;
 * false when `timeoutMs` passed first (the run then comes back later, the ids kept in its params).
 */
export async function queriesSettled(store: SecureStore, ids: readonly string[], signal: AbortSignal, timeoutMs = 10 * 60_000, pollMs = 200): Promise<boolean> {
  const t0 = Date.now();
  for (;;) {
    if (ids.every((id) => FINAL.has(store.engine.getRequest(id)?.state ?? 'failed'))) return true;
    if (Date.now() - t0 > timeoutMs) return false;
    await sleep(pollMs, signal);
  }
}
