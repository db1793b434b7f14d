/**
 * The IPC contract: every call has an input and an output schema; inputs are strict, so a payload
 * carrying anything unexpected is refused before any service sees it; channel names derive from
 * the contract alone.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNEL_IDS } from '../../../shared/domain/channels';
import {
  allCalls, callSpec, channelName, contract, EVENT_CHANNEL, events, IPC_PREFIX,
} from '../../../shared/ipc/contract';

/** Every [group, method] found by walking the contract object itself. */
const declared: [string, string][] = Object.entries(contract).flatMap(([g, methods]) =>
  Object.keys(methods).map((m) => [g, m] as [string, string]));

function spec(group: string, method: string) {
  const s = callSpec(group, method);
  if (!s) throw new Error(`no call ${group}.${method}`);
  return s;
}

function issueCodes(schema: z.ZodType, input: unknown): string[] {
  const r = schema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.code);
}

const validCase = {
  number: '(2025)黔0103执1234号',
  filedOn: '2025-03-10',
  cause: '民间借贷纠纷',
  amountOwed: 12_345_600,
  costs: 50_000,
  applicant: { kind: 'person', name: '张三', idNumber: '520102199003071236' },
  debtors: [{ kind: 'company', name: '贵阳某某商贸有限公司', idNumber: '91520100MA6DMAL2Q5' }],
};

describe('the calls', () => {
  it('are declared', () => {
    expect(declared.length).toBeGreaterThanOrEqual(15);
    expect(declared).toContainEqual(['cases', 'create']);
    expect(declared).toContainEqual(['query', 'start']);
  });

  it.each(declared)('%s.%s has an input and an output schema', (g, m) => {
    const s = spec(g, m);
    expect(s.input).toBeInstanceOf(z.ZodType);
    expect(s.output).toBeInstanceOf(z.ZodType);
    expect(s.input).toBeInstanceOf(z.ZodObject);
  });

  it.each(declared)('%s.%s refuses unknown keys in its input', (g, m) => {
    expect(issueCodes(spec(g, m).input, { unexpected: 1 })).toContain('unrecognized_keys');
    expect(issueCodes(spec(g, m).input, JSON.parse('{"__proto__": {"polluted": true}}'))).toContain('unrecognized_keys');
    expect(issueCodes(spec(g, m).input, { constructor: 'x' })).toContain('unrecognized_keys');
  });

  it.each(declared)('%s.%s refuses a payload that is not an object', (g, m) => {
    for (const bad of [null, 'text', 42, [], true]) expect(spec(g, m).input.safeParse(bad).success).toBe(false);
  });

  it('refuses unknown keys in nested party objects too', () => {
    const input = spec('cases', 'create').input;
    expect(input.safeParse(validCase).success).toBe(true);
    expect(issueCodes(input, { ...validCase, applicant: { ...validCase.applicant, role: 'debtor' } })).toContain('unrecognized_keys');
    expect(issueCodes(input, { ...validCase, debtors: [{ ...validCase.debtors[0], extra: 1 }] })).toContain('unrecognized_keys');
  });
});

describe('channel names', () => {
  it('are ck:group.method', () => {
    expect(IPC_PREFIX).toBe('ck:');
    expect(channelName('cases', 'list')).toBe('ck:cases.list');
    expect(channelName('session', 'signIn')).toBe('ck:session.signIn');
  });

  it('are unique, well-formed and distinct from the event channel', () => {
    const names = allCalls().map(([g, m]) => channelName(g, m));
    for (const n of names) expect(n).toMatch(/^ck:[a-z]+\.[a-z][A-Za-z]*$/);
    expect(new Set(names).size).toBe(names.length);
    expect(names).not.toContain(EVENT_CHANNEL);
    expect(EVENT_CHANNEL.startsWith(IPC_PREFIX)).toBe(true);
  });
});

describe('allCalls and callSpec', () => {
  it('allCalls lists every method of every group, once', () => {
    const listed = allCalls().map(([g, m]) => `${g}.${m}`);
    expect([...listed].sort()).toEqual(declared.map(([g, m]) => `${g}.${m}`).sort());
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('callSpec finds each listed call', () => {
    for (const [g, m] of allCalls()) {
      expect(callSpec(g, m)).toBe((contract as unknown as Record<string, Record<string, unknown>>)[g]![m]);
    }
  });

  it('callSpec knows nothing else, including names inherited from Object', () => {
    const unknown: [string, string][] = [
      ['cases', 'drop'], ['nope', 'list'], ['', ''],
      ['cases', 'toString'], ['cases', 'constructor'], ['cases', '__proto__'], ['cases', 'hasOwnProperty'],
      ['__proto__', 'hasOwnProperty'], ['__proto__', 'toString'], ['constructor', 'name'], ['constructor', 'keys'],
      ['toString', 'call'], ['hasOwnProperty', 'length'],
    ];
    for (const [g, m] of unknown) expect(callSpec(g, m), `${g}.${m}`).toBeUndefined();
  });
});

describe('input rules', () => {
  const create = () => spec('cases', 'create').input;

  it('refuses an amount owed that is not whole fen', () => {
    const r = create().safeParse({ ...validCase, amountOwed: 1234.5 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['amountOwed']);
  });

  it('refuses amounts that are not positive safe integers', () => {
    for (const amountOwed of [0, -100, '12345', Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 2, null]) {
      expect(create().safeParse({ ...validCase, amountOwed }).success, String(amountOwed)).toBe(false);
    }
    expect(create().safeParse({ ...validCase, amountOwed: Number.MAX_SAFE_INTEGER }).success).toBe(true);
    expect(create().safeParse({ ...validCase, costs: 0 }).success).toBe(true);
    expect(create().safeParse({ ...validCase, costs: -1 }).success).toBe(false);
    expect(create().safeParse({ ...validCase, costs: 0.01 }).success).toBe(false);
  });

  it('requires between 1 and 20 debtors and a known party kind', () => {
    expect(create().safeParse({ ...validCase, debtors: [] }).success).toBe(false);
    expect(create().safeParse({ ...validCase, debtors: Array(21).fill(validCase.debtors[0]) }).success).toBe(false);
    expect(create().safeParse({ ...validCase, debtors: Array(20).fill(validCase.debtors[0]) }).success).toBe(true);
    expect(create().safeParse({ ...validCase, applicant: { ...validCase.applicant, kind: 'agency' } }).success).toBe(false);
    expect(create().safeParse({ ...validCase, applicant: { ...validCase.applicant, name: '' } }).success).toBe(false);
  });

  it('bounds strings so a payload cannot be made huge', () => {
    expect(create().safeParse({ ...validCase, cause: 'x'.repeat(201) }).success).toBe(false);
    expect(create().safeParse({ ...validCase, applicant: { ...validCase.applicant, idNumber: '1'.repeat(19) } }).success).toBe(false);
    expect(spec('cases', 'get').input.safeParse({ caseId: 'x'.repeat(65) }).success).toBe(false);
    expect(spec('cases', 'get').input.safeParse({ caseId: '' }).success).toBe(false);
    expect(spec('session', 'signIn').input.safeParse({ officerCode: 'F520103001', password: 'p'.repeat(257) }).success).toBe(false);
  });

  it('bounds paging', () => {
    const list = spec('cases', 'list').input;
    expect(list.safeParse({}).success).toBe(true);
    expect(list.safeParse({ offset: 0, limit: 500, status: 'all', search: '黔0103' }).success).toBe(true);
    expect(list.safeParse({ offset: -1 }).success).toBe(false);
    expect(list.safeParse({ limit: 0 }).success).toBe(false);
    expect(list.safeParse({ limit: 501 }).success).toBe(false);
    expect(list.safeParse({ limit: 10.5 }).success).toBe(false);
    expect(list.safeParse({ status: 'deleted' }).success).toBe(false);
  });

  it('requires both officer code and password to sign in', () => {
    const signIn = spec('session', 'signIn').input;
    expect(signIn.safeParse({ officerCode: 'F520103001', password: 'secret123' }).success).toBe(true);
    expect(signIn.safeParse({ officerCode: 'F520103001' }).success).toBe(false);
    expect(signIn.safeParse({ officerCode: '', password: 'secret123' }).success).toBe(false);
  });
});

describe('events', () => {
  it('carry only known agency channels in request updates', () => {
    const request = {
      id: 'r1', caseId: 'c1', partyId: 'p1', channel: 'bank.icbc', kind: 'query', state: 'waiting',
      attempts: 1, polls: 0, createdAt: '2025-06-30T02:00:00Z', updatedAt: '2025-06-30T02:00:01Z',
    };
    expect(events['query.request'].safeParse({ request }).success).toBe(true);
    expect(events['query.request'].safeParse({ request: { ...request, channel: 'bank.unknown' } }).success).toBe(false);
    expect(events['query.request'].safeParse({ request: { ...request, state: 'lost' } }).success).toBe(false);
    expect(events['query.request'].shape.request.shape.channel.options).toEqual([...CHANNEL_IDS]);
  });

  it('lock the session only for a known reason', () => {
    expect(events['session.locked'].safeParse({ reason: 'idle' }).success).toBe(true);
    expect(events['session.locked'].safeParse({ reason: 'whim' }).success).toBe(false);
  });
});
