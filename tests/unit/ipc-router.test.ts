import { describe, expect, it } from 'vitest';
import { createRouter } from '../../electron/ipc/router';
import { isTrustedSender, isAllowedNavigation } from '../../electron/main/trusted-sender';
import { AppFailure } from '../../shared/app-failure';
import { allCalls, contract, type Services } from '../../shared/ipc/contract';

/** Services whose every method records what it was given and answers it back. */
function echoServices(seen: unknown[]): Services {
  const s: Record<string, Record<string, (input: unknown) => unknown>> = {};
  for (const [g, m] of allCalls()) (s[g] ??= {})[m] = (input) => (seen.push(input), { echoed: input });
  return s as unknown as Services;
}

const ctx = { transport: 'host' as const };

describe('IPC router', () => {
  it('answers a valid call with {ok:true,value}', async () => {
    const seen: unknown[] = [];
    const r = await createRouter(echoServices(seen))('cases', 'list', { search: '黔0103', limit: 20 }, ctx);
    expect(r).toEqual({ ok: true, value: { echoed: { search: '黔0103', limit: 20 } } });
  });

  it('refuses unknown calls, including prototype tricks, without reaching a service', async () => {
    const seen: unknown[] = [];
    const route = createRouter(echoServices(seen));
    for (const [g, m] of [['cases', 'drop'], ['nope', 'list'], ['cases', '__proto__'], ['cases', 'constructor'], ['__proto__', 'toString']]) {
      const r = await route(g!, m!, {}, ctx);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('UNKNOWN_CALL');
    }
    expect(seen).toHaveLength(0);
  });

  it('refuses payloads that fail the schema, naming the field in both languages', async () => {
    const seen: unknown[] = [];
    const route = createRouter(echoServices(seen));
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
    const r = await createRouter(echoServices(seen))('query', 'start', { caseId: 'c1', officer: 'someone-else' }, ctx);
    expect(r.ok).toBe(false);
    expect(seen).toHaveLength(0);
  });

  it('survives fuzzed payloads: every call, random junk, never throws, never reaches a service with junk', async () => {
    const seen: unknown[] = [];
    const route = createRouter(echoServices(seen));
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
    const route = createRouter(services);
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
