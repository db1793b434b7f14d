/**
 * The IPC router, independent of transport: Electron's ipcMain and host mode's WebSocket both hand
 * it (group, method, raw input) and send back what it answers. Every payload is parsed with the
 * call's zod schema before any service sees it (STYLE 5); every answer is a Result (STYLE 6); an
 * unexpected exception becomes INTERNAL without leaking its text (it may hold personal data).
 */
import type { z } from 'zod';
import { AppFailure } from '../../shared/app-failure';
import { appError } from '../../shared/errors';
import { callSpec, type CallContext, type Services } from '../../shared/ipc/contract';
import { err, ok, type Result } from '../../shared/result';

export interface RouterLog {
  (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, string | number | boolean | undefined>): void;
}

export type Router = (group: string, method: string, input: unknown, ctx: CallContext) => Promise<Result<unknown>>;

function describeIssues(issues: z.core.$ZodIssue[]): { zh: string; en: string; field?: string } {
  const first = issues[0];
  const field = first?.path.map(String).join('.') || undefined;
  const where = field ? `字段 ${field}` : '请求';
  const whereEn = field ? `field ${field}` : 'request';
  return { zh: `${where}：${first?.message ?? '格式不正确'}`, en: `${whereEn}: ${first?.message ?? 'malformed'}`, field };
}

export function createRouter(services: Services, log: RouterLog = () => {}): Router {
  return async (group, method, input, ctx) => {
    const spec = typeof group === 'string' && typeof method === 'string' ? callSpec(group, method) : undefined;
    const impl = spec ? (services as unknown as Record<string, Record<string, Function>>)[group]?.[method] : undefined;
    if (!spec || typeof impl !== 'function') {
      return err(appError('UNKNOWN_CALL', { zh: `未知操作 ${String(group)}.${String(method)}`, en: `unknown call ${String(group)}.${String(method)}` }));
    }
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      const d = describeIssues(parsed.error.issues);
      return err(appError('VALIDATION', { zh: d.zh, en: d.en }, d.field));
    }
    const t0 = Date.now();
    try {
      const value = await impl.call((services as unknown as Record<string, unknown>)[group], parsed.data, ctx);
      const ms = Date.now() - t0;
      if (ms > 200) log('info', 'slow call', { call: `${group}.${method}`, ms });
      return ok(value);
    } catch (e) {
      if (e instanceof AppFailure) return err(e.error);
      // only the error's class: its message may hold a name, an ID number or an account
      log('error', 'call failed', { call: `${group}.${method}`, error: e instanceof Error ? e.name : 'unknown' });
      return err(appError('INTERNAL'));
    }
  };
}
