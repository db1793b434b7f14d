import type { EngineLog } from './types';

/** A listener's fault must not stop an engine; it is logged by the error's class only (its text may hold personal data). */
export function listenerGuard(log: EngineLog): (what: string, fn: () => void) => void {
  return (what, fn) => {
    try {
      fn();
    } catch (e) {
      log('error', 'event listener failed', { event: what, error: (e as Error)?.name ?? 'unknown' });
    }
  };
}
