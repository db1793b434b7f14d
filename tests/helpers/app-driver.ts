/** Drives the main-process router as the renderer does, for the whole-stack integration tests. */
import type { Core } from '../../electron/services/core';
import type { Result } from '../../shared/result';

export interface AppDriver {
  call(g: string, m: string, input?: unknown): Promise<Result<unknown>>;
  /** the call's value, or a thrown error naming the refusal */
  value<T>(g: string, m: string, input?: unknown): Promise<T>;
}

export function appDriver(core: () => Core): AppDriver {
  const call = (g: string, m: string, input: unknown = {}) => core().router(g, m, input, { transport: 'host' });
  return {
    call,
    async value<T>(g: string, m: string, input: unknown = {}): Promise<T> {
      const r = await call(g, m, input);
      if (!r.ok) throw new Error(`${g}.${m}: ${r.error.code} ${r.error.messageEn} ${r.error.detail?.en ?? ''}`);
      return r.value as T;
    },
  };
}

/** Polls until fn gives a value (not undefined), or fails after ms. */
export async function waitFor<T>(fn: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}
