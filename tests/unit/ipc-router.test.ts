import { describe, expect, it } from 'vitest';
import { createRouter, type Authorizer, type AuthorizeCall } from '../../electron/ipc/router';
import { isTrustedSender, isAllowedNavigation } from '../../electron/main/trusted-sender';
import { AppFailure } from '../../shared/app-failure';
import { allCalls, contract } from '../../shared/ipc/contract';

/** Handlers whose every method records what it was given and answers it back. */
function echoServices(seen: unknown[]): Record<string, Record<string, (input: unknown, ctx: unknown) => unknown>> {
  const s: Record<string, Record<string, (input: unknown) => unknown>> = {};
  for (const [g, m] of allCalls()) (s[g] ??= {})[m] = (input) => (seen.push(input), { echoed: input });
  return s;
}

/** lets every call through, keeping what it was asked */
function openDoor(asked: AuthorizeCall[] = []): Authorizer {
  return { authorize: (call) => (asked.push(call), { officer: 'test' }) };
}

const ctx = { transport: 'host' as const };
const route0 = (services: object, asked?: AuthorizeCall[]) => createRouter(services, openDoor(asked));

describe('IPC router', () => {
  it('answers a valid call with {ok:true,value}', async () => {
    const seen: unknown[] = [];
    const r = await route0(echoServices(seen))('cases', 'list', { search: '黔0103', limit: 20 }, ctx);
    expect(r).toEqual({ ok: true, value: { echoed: { search: '黔0103', limit: 20 } } });
  });

  it('refuses unknown calls, including prototype tricks, without reaching a service', async () => {
    const seen: unknown[] = [];
    const route = route0(echoServices(seen));
    for (const [g, m] of [['cases', 'drop'], ['nope', 'list'], ['cases', '__proto__'], ['cases', 'constructor'], ['__proto__', 'toString']]) {
      const r = await route(g!, m!, {}, ctx);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('UNKNOWN_CALL');
    }
    expect(seen).toHaveLength(0);
  });

  it('refuses payloads that fail the schema, naming the field in both languages', async () => {
    const seen: unknown[] = [];
    const route = route0(echoServices(seen));
    const r = await route('cases', 'create', {
      number: '(2025)黔0103执1号', filedOn: '2025-01-01', cause: 'x', amountOwed: 12.5, costs: 0,
      applicant: { kind: 'person', name: 'a', idNumber: 'b' }, debtors: [{ kind: 'person', name: 'c', idNumber: 'd' }],
    }, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.field).toBe('amountOwed');
      expect(r.error.detail?.zh).toContain('amountOwed');
    }
    expect(seen).toHaveLength(0);
  });

  it('refuses extra keys (strict schemas) so nothing unexpected reaches a service', async () => {
    const seen: unknown[] = [];
    const r = await route0(echoServices(seen))('query', 'start', { caseId: 'c1', officer: 'someone-else' }, ctx);
    expect(r.ok).toBe(false);
    expect(seen).toHaveLength(0);
  });

  it('survives fuzzed payloads: every call, random junk, never throws, never reaches a service with junk', async () => {
    const seen: unknown[] = [];
    const route = route0(echoServices(seen));
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const junk = (depth = 0): unknown => {
      const k = Math.floor(rnd() * 9);
      if (depth > 2) return k;
      return [null, undefined, -1, 1e308, 'x'.repeat(Math.floor(rnd() * 300)), [junk(depth + 1)], { a: junk(depth + 1) }, { caseId: junk(depth + 1) }, true][k];
    };
    let refused = 0;
    for (let i = 0; i < 2000; i++) {
      const [g, m] = allCalls()[i % allCalls().length]!;
      const input = junk();
      const r = await route(g, m, input, ctx);
      if (!r.ok) {
        refused++;
        expect(['VALIDATION']).toContain(r.error.code);
      } else {
        // whatever got through must satisfy the schema
        expect((contract as any)[g][m].input.safeParse(input ?? {}).success).toBe(true);
      }
    }
    expect(refused).toBeGreaterThan(1000);
  });

  it('turns a service AppFailure into a typed error and hides unexpected exceptions', async () => {
    const services = echoServices([]) as any;
    services.cases.get = () => { throw new AppFailure('NOT_FOUND'); };
    services.cases.list = () => { throw new Error('张三 520102199001011234 leaked'); };
    const route = route0(services);
    const a = await route('cases', 'get', { caseId: 'x' }, ctx);
    expect(a).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '未找到' } });
    const b = await route('cases', 'list', {}, ctx);
    expect(b.ok).toBe(false);
    if (!b.ok) {
      expect(b.error.code).toBe('INTERNAL');
      expect(JSON.stringify(b)).not.toContain('520102199001011234');
    }
  });
});

describe('IPC router and the policy seam', () => {
  it('hands every call its policy from the contract before the handler runs, with the window it came from', async () => {
    const asked: AuthorizeCall[] = [];
    const seen: unknown[] = [];
    await route0(echoServices(seen), asked)('deduction', 'submit', { freezeId: 'f1', decisionId: 'decision-1', amount: 100, courtAccountId: 'a', checkedAt: 't', pin: 'p' }, { transport: 'host', connection: 'tab-1' });
    expect(asked[0]).toMatchObject({ group: 'deduction', method: 'submit', policy: { act: 'deduction.decide', case: 'freezeId' }, from: { connection: 'tab-1' } });
    expect(seen).toHaveLength(1);
  });

  it('runs no handler when the authorizer refuses, and answers the refusal', async () => {
    const seen: unknown[] = [];
    const refusing: Authorizer = { authorize: () => { throw new AppFailure('FORBIDDEN', { zh: '本人职务不能决定扣划', en: 'may not decide a deduction' }); } };
    const r = await createRouter(echoServices(seen), refusing)('deduction', 'submit', { freezeId: 'f1', decisionId: 'decision-1', amount: 100, courtAccountId: 'a', checkedAt: 't', pin: 'p' }, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', detail: { zh: '本人职务不能决定扣划' } } });
    expect(seen).toHaveLength(0);
  });

  it('declares a policy for every call, naming an act of the matrix or "public"', async () => {
    const { ACTS } = await import('../../shared/authority/matrix');
    for (const [g, m] of allCalls()) {
      const p = (contract as any)[g][m].policy;
      expect(p, `${g}.${m}`).toBeDefined();
      expect(p.act === 'public' || p.act in ACTS, `${g}.${m}: ${p.act}`).toBe(true);
    }
  });
});

describe('IPC sender check', () => {
  it('trusts only the main frame of our app:// origin', () => {
    expect(isTrustedSender('app://desk/index.html', true)).toBe(true);
    expect(isTrustedSender('app://desk/index.html', false)).toBe(false); // a subframe
    expect(isTrustedSender('app://evil/index.html', true)).toBe(false);
    expect(isTrustedSender('https://desk/index.html', true)).toBe(false);
    expect(isTrustedSender('file:///tmp/index.html', true)).toBe(false);
    expect(isTrustedSender('app://x@desk/index.html', true)).toBe(false);
    expect(isTrustedSender('not a url', true)).toBe(false);
    expect(isTrustedSender(undefined, true)).toBe(false);
  });
  it('allows navigation only within the app', () => {
    expect(isAllowedNavigation('app://desk/index.html#/cases')).toBe(true);
    expect(isAllowedNavigation('https://example.com/')).toBe(false);
  });
});
