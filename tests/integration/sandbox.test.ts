/**
 * The sandbox network over real HTTP on loopback (docs/gateway-protocol.md): authentication, the
 * officer register, body validation, idempotency, the request life cycle, feedback that normalises
 * to exactly the population's truth on every channel, fault knobs, and the seeded population.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_IDS, channelInfo, type ChannelId } from '../../shared/domain/channels';
import { parseCaseNumber } from '../../shared/ids/case-number';
import { validateSubjectId } from '../../shared/ids/subject-id';
import { ADAPTERS } from '../../electron/engine/adapters/index';
import { FeedbackFormatError } from '../../electron/engine/types';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox/index';
import { generatePopulation } from '../../electron/sandbox/population/index';
import type { Subject } from '../../electron/sandbox/population/types';
import { admin, call, queryBody, submit, waitAnswered } from '../helpers/sandbox-client';
import { expectedFindings, project, recordCount } from '../helpers/sandbox-truth';

let sb: SandboxHandle;
beforeAll(async () => {
  sb = await startSandbox({ knobs: { latencyScale: 0.01 } });
});
afterAll(async () => {
  await sb.close();
});

const party = (s: Subject) => ({ kind: s.kind, name: s.name, idNumber: s.idNumber });
/** a person with records on many channels */
function wellDocumented(): Subject {
  return [...sb.population.persons].sort((a, b) => score(b) - score(a))[0]!;
}
const score = (s: Subject) => CHANNEL_IDS.filter((ch) => recordCount(ch, s) > 0).length * 100 + CHANNEL_IDS.reduce((t, ch) => t + recordCount(ch, s), 0);

describe('endpoints and authentication', () => {
  it('answers health unsigned', async () => {
    const r = await fetch(`${sb.url}/gw/v1/health`);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ ok: true, network: 'sandbox' });
  });

  it('refuses unsigned, badly signed, skewed and replayed requests', async () => {
    const body = queryBody('bank.icbc', party(sb.population.persons[0]!));
    expect((await submit(sb, body, { unsigned: true })).json.error.code).toBe('BAD_SIGNATURE');
    const bad = await submit(sb, body, { secret: 'not-the-secret' });
    expect([bad.status, bad.json.error.code]).toEqual([401, 'BAD_SIGNATURE']);
    const skew = await submit(sb, body, { now: new Date(Date.now() - 10 * 60_000) });
    expect([skew.status, skew.json.error.code]).toEqual([401, 'CLOCK_SKEW']);
    const first = await call(sb, 'GET', '/gw/v1/officers?court=%E9%BB%940103', '', { nonce: 'fixed-nonce-1' });
    expect(first.status).toBe(200);
    const replay = await call(sb, 'GET', '/gw/v1/officers?court=%E9%BB%940103', '', { nonce: 'fixed-nonce-1' });
    expect([replay.status, replay.json.error.code]).toEqual([401, 'BAD_SIGNATURE']);
    expect(sb.stats().refused.clockSkew).toBeGreaterThanOrEqual(1);
  });

  it('refuses an officer not in the register, or registered for another court', async () => {
    const body = queryBody('bank.icbc', party(sb.population.persons[0]!));
    const r = await submit(sb, body, { officer: 'F999999999' });
    expect([r.status, r.json.error.code]).toEqual([403, 'OFFICER_NOT_REGISTERED']);
    const other = await submit(sb, { ...body, officer: { code: 'F520102001', name: '何明' } }, { officer: 'F520102001' });
    expect([other.status, other.json.error.code]).toEqual([403, 'OFFICER_NOT_REGISTERED']);
    const none = await submit(sb, body, { officer: null });
    expect(none.status).toBe(403);
  });

  it('names the failing field of a bad body', async () => {
    const s = party(sb.population.persons[0]!);
    const wrongCheck = s.idNumber.slice(0, 17) + (s.idNumber[17] === '0' ? '1' : '0');
    const cases: [Record<string, unknown>, string][] = [
      [queryBody('bank.icbc', { ...s, idNumber: wrongCheck }), 'subject.idNumber'],
      [queryBody('bank.icbc', s, { case: { number: '(2025)黔0103民1号', court: '黔0103' } }), 'case.number'],
      [queryBody('bank.icbc', s, { channel: 'bank.nowhere' }), 'channel'],
      [queryBody('bank.icbc', s, { documents: [] }), 'documents'],
      [queryBody('bank.icbc', s, { clientRequestId: 'x' }), 'clientRequestId'],
      [queryBody('bank.icbc', { ...s, kind: 'company' }), 'subject.idNumber'],
    ];
    for (const [body, field] of cases) {
      const r = await submit(sb, body, { asIs: true });
      expect([r.status, r.json.error.code]).toEqual([400, 'BAD_REQUEST']);
      expect(r.json.error.message.startsWith(`${field}:`)).toBe(true);
    }
    const notJson = await call(sb, 'POST', '/gw/v1/requests', '{"clientRequestId":');
    expect(notJson.json.error.message).toMatch(/^body:/);
  });

  it('lists the court register and the docket, paginated', async () => {
    const officers = await call(sb, 'GET', `/gw/v1/officers?court=${encodeURIComponent('黔0103')}`, '', { officer: null });
    expect(officers.json.map((o: { code: string }) => o.code)).toEqual(expect.arrayContaining(['F520103001', 'F520103002', 'F520103003']));
    expect(officers.json.find((o: { code: string }) => o.code === 'F520103001')).toEqual({ code: 'F520103001', name: '王立新', court: '黔0103', role: 'judge' });
    const page = await call(sb, 'GET', `/court/v1/cases?court=${encodeURIComponent('黔0103')}&offset=200&limit=100`);
    expect(page.json.total).toBeGreaterThanOrEqual(220);
    // the docket, then the closing history (population/closing-history.ts): a full page of 100 or the rest
    expect(page.json.items).toHaveLength(Math.min(100, page.json.total - 200));
    expect(page.json.items[0]).toEqual(sb.population.docket[200]);
    expect((await call(sb, 'GET', `/court/v1/cases?court=${encodeURIComponent('黔0103')}&limit=0`)).status).toBe(400);
    expect((await call(sb, 'GET', '/court/v1/cases?court=X')).json).toEqual({ total: 0, items: [] });
  });
});

describe('requests', () => {
  it('executes a repeated submit once and refuses the id with another body', async () => {
    const body = queryBody('bank.ccb', party(sb.population.persons[1]!));
    const before = sb.stats().channels['bank.ccb']?.executed ?? 0;
    const a = await submit(sb, body);
    const b = await submit(sb, body);
    expect([a.status, b.status]).toEqual([202, 200]);
    expect(b.json.gatewayRef).toBe(a.json.gatewayRef);
    const st = sb.stats().channels['bank.ccb']!;
    expect(st.executed).toBe(before + 1);
    expect(st.duplicates).toBeGreaterThanOrEqual(1);
    const c = await submit(sb, { ...body, purpose: '另一目的' });
    expect([c.status, c.json.error.code]).toEqual([409, 'IDEMPOTENCY_CONFLICT']);
    expect(sb.stats().channels['bank.ccb']!.conflicts).toBeGreaterThanOrEqual(1);
  });

  it('refuses measures for now, and person-only channels for companies', async () => {
    const r = await submit(sb, queryBody('bank.icbc', party(sb.population.persons[0]!), { kind: 'freeze' }));
    expect([r.status, r.json.error.code]).toEqual([422, 'CHANNEL_REFUSES']);
    const c = await submit(sb, queryBody('hotel.gz', party(sb.population.companies[0]!)));
    expect([c.status, c.json.error.code]).toEqual([422, 'CHANNEL_REFUSES']);
  });

  it('answers 404 for an unknown id', async () => {
    const r = await call(sb, 'GET', '/gw/v1/requests/never-submitted-0001');
    expect([r.status, r.json.error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('forgets an answered query after its time to live: gone from the feed, its id unknown (404), a resubmit answered anew', async () => {
    const short = await startSandbox({ knobs: { latencyScale: 0.01 }, answerTtlMs: 300 });
    try {
      const debtor = short.population.docket[0]!.debtors[0]!;
      const body = queryBody('bank.icbc', debtor);
      expect((await submit(short, body)).status).toBe(202);
      const id = body.clientRequestId as string;
      await waitAnswered(short, id);
      const fed = await call(short, 'GET', '/gw/v1/feedback?limit=500');
      expect(fed.json.items.map((i: { clientRequestId: string }) => i.clientRequestId)).toContain(id);
      await new Promise((r) => setTimeout(r, 450));
      const gone = await call(short, 'GET', `/gw/v1/requests/${id}`);
      expect([gone.status, gone.json.error.code]).toEqual([404, 'NOT_FOUND']);
      const after = await call(short, 'GET', '/gw/v1/feedback?limit=500');
      expect(after.json.items.map((i: { clientRequestId: string }) => i.clientRequestId)).not.toContain(id);
      // the client that lost the answer hands the same body in again under its id, and is answered
      expect((await submit(short, body)).status).toBe(202);
      expect((await waitAnswered(short, id)).json.status).toBe('answered');
    } finally {
      await short.close();
    }
  });

  it('goes accepted → answered, and the feedback normalises to the truth the population holds', async () => {
    const slow = await startSandbox({ knobs: { latencyScale: 0.2 } });
    try {
      const debtor = slow.population.docket.flatMap((c) => c.debtors).find((d) => (slow.population.byId.get(d.idNumber)?.holdings.bankAccounts.filter((a) => a.bank === 'bank.icbc').length ?? 0) > 0)!;
      const body = queryBody('bank.icbc', debtor);
      const a = await submit(slow, body);
      expect(a.status).toBe(202);
      expect(a.json.status).toBe('accepted');
      const early = await call(slow, 'GET', `/gw/v1/requests/${body.clientRequestId}`);
      expect(['accepted', 'processing']).toContain(early.json.status);
      expect(early.json.feedback).toBeUndefined();
      const done = await waitAnswered(slow, body.clientRequestId as string);
      expect(done.json).toMatchObject({ status: 'answered', channel: 'bank.icbc', kind: 'query', gatewayRef: a.json.gatewayRef });
      const truth = await admin(slow, 'GET', `/sandbox/v1/subjects/${debtor.idNumber}`);
      const expected = expectedFindings('bank.icbc', truth.json);
      expect(expected.assets.length).toBeGreaterThan(0);
      expect(project(ADAPTERS['bank.icbc'].normalize(done.json.feedback), expected)).toEqual(expected);
    } finally {
      await slow.close();
    }
  });

  it('every channel answers, each normalising to exactly the truth', async () => {
    const person = wellDocumented();
    const company = [...sb.population.companies].sort((a, b) => score(b) - score(a))[0]!;
    for (const subject of [person, company]) {
      const truth = (await admin(sb, 'GET', `/sandbox/v1/subjects/${subject.idNumber}`)).json as Subject;
      const channels = CHANNEL_IDS.filter((ch) => subject.kind === 'person' || channelInfo(ch).forCompanies);
      const bodies = channels.map((ch) => queryBody(ch, party(subject)));
      for (const b of bodies) expect((await submit(sb, b)).status).toBe(202);
      for (const b of bodies) {
        const ch = b.channel as ChannelId;
        const done = await waitAnswered(sb, b.clientRequestId as string);
        expect(done.json.status).toBe('answered');
        const expected = expectedFindings(ch, truth);
        expect(project(ADAPTERS[ch].normalize(done.json.feedback), expected)).toEqual(expected);
      }
    }
  });

  it('rejects a name that does not match the ID on record', async () => {
    const s = sb.population.persons[2]!;
    const body = queryBody('tax.sta', { ...party(s), name: `${s.name}某` });
    await submit(sb, body);
    const done = await waitAnswered(sb, body.clientRequestId as string);
    expect(done.json).toMatchObject({ status: 'rejected', rejection: { code: 'SUBJECT_MISMATCH' } });
  });

  it('answers an unknown (valid) ID with no records', async () => {
    const body = queryBody('bank.icbc', { kind: 'person', name: '张三', idNumber: '11010519491231002X' });
    await submit(sb, body);
    const done = await waitAnswered(sb, body.clientRequestId as string);
    expect(ADAPTERS['bank.icbc'].normalize(done.json.feedback).assets).toEqual([]);
  });
});

describe('knobs', () => {
  let fx: SandboxHandle;
  beforeAll(async () => {
    fx = await startSandbox({ knobs: { latencyScale: 0.01 }, seed: 7 });
  });
  afterAll(async () => {
    await fx.close();
  });
  const someone = () => party(fx.population.persons.find((p) => p.holdings.bankAccounts.length > 0)!);

  it('reads and changes knobs over the admin API, refusing bad ones', async () => {
    expect((await admin(fx, 'GET', '/sandbox/v1/knobs')).json.latencyScale).toBe(0.01);
    const put = await admin(fx, 'PUT', '/sandbox/v1/knobs', { channels: { 'bank.abc': { rejectRate: 0.5 } } });
    expect(put.json.channels['bank.abc'].rejectRate).toBe(0.5);
    expect(fx.getKnobs().channels['bank.abc']).toEqual({ rejectRate: 0.5 });
    for (const bad of [{ errorRate: 2 }, { nope: 1 }, { channels: { 'bank.x': {} } }, { latencyScale: -1 }]) {
      expect((await admin(fx, 'PUT', '/sandbox/v1/knobs', bad)).status).toBe(400);
    }
    fx.setKnobs({ channels: { 'bank.abc': { rejectRate: 0 } } });
    expect((await admin(fx, 'GET', '/sandbox/v1/subjects/110105194912310021')).status).toBe(404);
  });

  it('errorRate=1 answers 503 GW_BUSY and executes nothing', async () => {
    fx.setKnobs({ channels: { 'bank.boc': { errorRate: 1 } } });
    const r = await submit(fx, queryBody('bank.boc', someone()));
    expect([r.status, r.json.error.code]).toEqual([503, 'GW_BUSY']);
    expect(fx.stats().channels['bank.boc']).toMatchObject({ executed: 0, faults: expect.objectContaining({ error: 1 }) });
    fx.setKnobs({ channels: { 'bank.boc': { errorRate: 0 } } });
  });

  it('rateLimitPerSecond answers 429 with Retry-After', async () => {
    fx.setKnobs({ channels: { 'bank.cmb': { rateLimitPerSecond: 1 } } });
    const answers = await Promise.all([1, 2, 3].map(() => submit(fx, queryBody('bank.cmb', someone()))));
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(limited[0]!.headers.get('retry-after')).toBe('1');
    fx.setKnobs({ channels: { 'bank.cmb': { rateLimitPerSecond: 0 } } });
  });

  it('lostAnswerRate=1 destroys the socket after executing; asking by id finds the request', async () => {
    fx.setKnobs({ channels: { 'bank.gyb': { lostAnswerRate: 1 } } });
    const body = queryBody('bank.gyb', someone());
    await expect(submit(fx, body)).rejects.toThrow();
    const known = await waitAnswered(fx, body.clientRequestId as string);
    expect(known.json.status).toBe('answered');
    expect(fx.stats().channels['bank.gyb']).toMatchObject({ executed: 1, faults: expect.objectContaining({ lostAnswer: 1 }) });
    fx.setKnobs({ channels: { 'bank.gyb': { lostAnswerRate: 0 } } });
  });

  it('timeoutRate=1 holds the answer for hangMs while the request executes', async () => {
    fx.setKnobs({ channels: { 'hotel.gz': { timeoutRate: 1, hangMs: 400 } } });
    const body = queryBody('hotel.gz', someone());
    const t0 = Date.now();
    const r = await submit(fx, body);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(350);
    expect(r.status).toBe(202);
    expect(fx.stats().channels['hotel.gz']!.executed).toBe(1);
    fx.setKnobs({ channels: { 'hotel.gz': { timeoutRate: 0 } } });
  });

  it('noFeedbackRate=1 accepts but never answers', async () => {
    fx.setKnobs({ channels: { 'tax.sta': { noFeedbackRate: 1 } } });
    const body = queryBody('tax.sta', someone());
    expect((await submit(fx, body)).status).toBe(202);
    await new Promise((r) => setTimeout(r, 200));
    const r = await call(fx, 'GET', `/gw/v1/requests/${body.clientRequestId}`);
    expect(r.json.status).toBe('processing');
    expect(r.json.feedback).toBeUndefined();
    fx.setKnobs({ channels: { 'tax.sta': { noFeedbackRate: 0 } } });
  });

  it('rejectRate=1 answers status rejected with a reason', async () => {
    fx.setKnobs({ channels: { 'vehicle.mps': { rejectRate: 1 } } });
    const body = queryBody('vehicle.mps', someone());
    await submit(fx, body);
    const r = await waitAnswered(fx, body.clientRequestId as string);
    expect(r.json.status).toBe('rejected');
    expect(r.json.rejection.code).toMatch(/^[A-Z_]+$/);
    fx.setKnobs({ channels: { 'vehicle.mps': { rejectRate: 0 } } });
  });

  it('garbageRate=1 garbles answered polls: not JSON, or feedback the adapter refuses', async () => {
    const subject = fx.population.persons.find((p) => p.holdings.bankAccounts.some((a) => a.bank === 'bank.bocom'))!;
    const body = queryBody('bank.bocom', party(subject));
    await submit(fx, body);
    await waitAnswered(fx, body.clientRequestId as string);
    fx.setKnobs({ channels: { 'bank.bocom': { garbageRate: 1 } } });
    const kinds = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const r = await call(fx, 'GET', `/gw/v1/requests/${body.clientRequestId}`);
      expect(r.status).toBe(200);
      if (r.json === undefined) kinds.add('not-json');
      else {
        expect(() => ADAPTERS['bank.bocom'].normalize(r.json.feedback)).toThrow(FeedbackFormatError);
        kinds.add('bad-feedback');
      }
    }
    expect(kinds).toEqual(new Set(['not-json', 'bad-feedback']));
    fx.setKnobs({ channels: { 'bank.bocom': { garbageRate: 0 } } });
    const clean = await call(fx, 'GET', `/gw/v1/requests/${body.clientRequestId}`);
    expect(ADAPTERS['bank.bocom'].normalize(clean.json.feedback).assets.length).toBeGreaterThan(0);
  });

  it('duplicateRate=1 repeats a record, and the adapter removes it', async () => {
    fx.setKnobs({ channels: { 'bank.icbc': { duplicateRate: 1 } } });
    const subject = fx.population.persons.find((p) => p.holdings.bankAccounts.some((a) => a.bank === 'bank.icbc'))!;
    const body = queryBody('bank.icbc', party(subject));
    await submit(fx, body);
    const r = await waitAnswered(fx, body.clientRequestId as string);
    const expected = expectedFindings('bank.icbc', subject);
    expect(r.json.feedback.rows.length).toBe(expected.assets.length + 1);
    expect(project(ADAPTERS['bank.icbc'].normalize(r.json.feedback), expected)).toEqual(expected);
    fx.setKnobs({ channels: { 'bank.icbc': { duplicateRate: 0 } } });
  });

  it('draws faults reproducibly for a seed', async () => {
    const runs: boolean[][] = [];
    for (let k = 0; k < 2; k++) {
      const s = await startSandbox({ seed: 99, knobs: { latencyScale: 0.01, errorRate: 0.5 } });
      const outcome: boolean[] = [];
      for (let i = 0; i < 12; i++) {
        const body = queryBody('bank.abc', party(s.population.persons[i]!), { clientRequestId: `repro-${i}-000000` });
        outcome.push((await submit(s, body)).status === 503);
      }
      runs.push(outcome);
      await s.close();
    }
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]!.some(Boolean) && !runs[0]!.every(Boolean)).toBe(true);
  });
});

describe('population', () => {
  it('has valid IDs and credit codes, legal representatives from the persons, fen balances', () => {
    const p = sb.population;
    expect(p.persons.length).toBeGreaterThanOrEqual(1_400);
    expect(p.companies.length).toBeGreaterThanOrEqual(280);
    for (const s of [...p.persons, ...p.companies]) {
      expect(validateSubjectId(s.kind, s.idNumber, '2026-12-31').ok).toBe(true);
      for (const a of s.holdings.bankAccounts) expect(Number.isSafeInteger(a.balance) && a.balance >= 0).toBe(true);
    }
    for (const c of p.companies) expect(p.byId.get(c.legalRepresentative.idNumber)?.name).toBe(c.legalRepresentative.name);
    expect(p.persons.filter((x) => x.regionCode.startsWith('52')).length / p.persons.length).toBeGreaterThan(0.9);
  });

  it('gives the demo court at least 220 valid cases whose debtors are in the population', () => {
    const d = sb.population.docket;
    expect(d.length).toBeGreaterThanOrEqual(220);
    expect(new Set(d.map((c) => c.number)).size).toBe(d.length);
    for (const c of d) {
      const n = parseCaseNumber(c.number, { maxYear: 2026 });
      expect(n.ok && n.value.court === '黔0103').toBe(true);
      expect(c.filedOn >= '2025-01-01' && c.filedOn <= '2026-11-30').toBe(true);
      expect(Number.isSafeInteger(c.amountOwed) && Number.isSafeInteger(c.costs)).toBe(true);
      expect(c.debtors.length).toBeGreaterThanOrEqual(1);
      for (const x of [...c.debtors, c.applicant]) expect(sb.population.byId.get(x.idNumber)?.name).toBe(x.name);
    }
    const types = new Set(d.map((c) => parseCaseNumber(c.number).ok && (parseCaseNumber(c.number) as { value: { type: string } }).value.type));
    expect(types).toEqual(new Set(['执', '执恢', '执保']));
    const withMoney = d.filter((c) => c.debtors.some((x) => sb.population.byId.get(x.idNumber)!.holdings.bankAccounts.some((a) => a.balance > 100_000)));
    expect(withMoney.length / d.length).toBeGreaterThan(0.5);
  });

  it('is the same for the same seed and differs for another', () => {
    const digest = (seed: number) => {
      const p = generatePopulation(seed);
      return createHash('sha256').update(JSON.stringify([p.persons, p.companies, p.docket])).digest('hex');
    };
    expect(digest(20250701)).toBe(digest(20250701));
    expect(digest(20250701)).not.toBe(digest(20250702));
  });
});
