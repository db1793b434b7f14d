/**
 * The IPC router, independent of transport: Electron's ipcMain and host mode's WebSocket both hand
 * it (group, method, raw input) and send back what it answers. In order, before any handler runs:
 * the call must exist in the contract; its payload must pass the call's zod schema (docs/architecture.md, principle 5); its
 * policy must be met (docs/architecture.md §4: the authorizer finds the officer's session, the case the
 * input names and the access the officer has to it, refuses with the reason and records the
 * refusal). Every answer is a Result (docs/architecture.md, principle 6); an unexpected exception becomes INTERNAL without
 * leaking its text (it may hold personal data).
 */
import type { z } from 'zod';
import { AppFailure } from '../../shared/app-failure';
import { appError } from '../../shared/errors';
import { callSpec, type CallContext } from '../../shared/ipc/contract';
import type { Policy } from '../../shared/ipc/policy';
import { err, ok, type Result } from '../../shared/result';

export interface RouterLog {
  (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, string | number | boolean | undefined>): void;
}

export type Router = (group: string, method: string, input: unknown, ctx: CallContext) => Promise<Result<unknown>>;

/** The call as the authorizer sees it. */
export interface AuthorizeCall {
  group: string;
  method: string;
  policy: Policy;
  input: unknown;
  from: { transport: CallContext['transport']; connection: string };
}

/**
 * Enforces a call's policy: answers the context the handler runs with, or throws AppFailure
 * (NOT_SIGNED_IN, FORBIDDEN, NOT_FOUND …). `done` is told when the handler succeeded (read audits).
 */
export interface Authorizer {
  authorize(call: AuthorizeCall): Promise<unknown> | unknown;
  done?(call: AuthorizeCall, ctx: unknown): void;
}

type Impl = (input: unknown, ctx: unknown) => unknown;

function describeIssues(issues: z.core.$ZodIssue[]): { zh: string; en: string; field?: string } {
  const first = issues[0];
  const field = first?.path.map(String).join('.') || undefined;
  const where = field ? `字段 ${field}` : '请求';
  const whereEn = field ? `field ${field}` : 'request';
  return { zh: `${where}：${first?.message ?? '格式不正确'}`, en: `${whereEn}: ${first?.message ?? 'malformed'}`, field };
}

function handlerOf(handlers: object, group: string, method: string): Impl | undefined {
  const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
  if (!own(handlers, group)) return undefined;
  const g = (handlers as Record<string, Record<string, unknown>>)[group]!;
  const f = own(g, method) ? g[method] : undefined;
  return typeof f === 'function' ? (f as Impl) : undefined;
}

export function createRouter(handlers: object, authorizer: Authorizer, log: RouterLog = () => {}): Router {
  return async (group, method, input, ctx) => {
    const spec = typeof group === 'string' && typeof method === 'string' ? callSpec(group, method) : undefined;
    const impl = spec ? handlerOf(handlers, group, method) : undefined;
    if (!spec || !impl) {
      return err(appError('UNKNOWN_CALL', { zh: `未知操作 ${String(group)}.${String(method)}`, en: `unknown call ${String(group)}.${String(method)}` }));
    }
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      const d = describeIssues(parsed.error.issues);
      return err(appError('VALIDATION', { zh: d.zh, en: d.en }, d.field));
    }
    const call: AuthorizeCall = {
      group, method, policy: spec.policy, input: parsed.data,
      from: { transport: ctx.transport, connection: ctx.connection ?? ctx.transport },
    };
    const t0 = Date.now();
    try {
      const allowed = await authorizer.authorize(call);
      const value = await impl(parsed.data, allowed);
      authorizer.done?.(call, allowed);
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
