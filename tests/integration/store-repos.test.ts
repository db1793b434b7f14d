import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID, createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSecureStore, type NewCase, type SecureStore, type StoredCase } from '../../electron/store';
import { MIN_SCRYPT } from '../../electron/store/kdf';
import type { ChannelRequest, Findings } from '../../shared/domain/types';
import type { ChannelId } from '../../shared/domain/channels';
import { code } from '../helpers/error-code';

let dir: string;
let store: SecureStore;
let tick = 0;
/** a clock that moves one second per reading, so "newest first" is deterministic */
const clock = () => new Date(Date.UTC(2025, 2, 1) + tick++ * 1000);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-repo-'));
  store = openSecureStore({ file: path.join(dir, 'store.db'), key: randomBytes(32), create: true, clock, scrypt: MIN_SCRYPT });
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});


function newCase(seq: number, over: Partial<NewCase> = {}): NewCase {
  return {
    number: `(2025)黔0103执${seq}号`, filedOn: `2025-01-${String(seq % 28 + 1).padStart(2, '0')}`, cause: '借款合同纠纷',
    amountOwed: 1_000_000 + seq, costs: 10_000,
    applicant: { kind: 'company', name: '贵阳某某银行股份有限公司', idNumber: '91520100MA6DJ1234R' },
    debtors: [{ kind: 'person', name: `债务人${seq}`, idNumber: '520102197001010019' }],
    ...over,
  };
}

describe('cases', () => {
  it('creates a case with its parties in one go and reads it back', () => {
    const c = store.cases.create(newCase(1, {
      number: '（2025）黔0103执1号',
      debtors: [{ kind: 'person', name: '张三', idNumber: '52010219850315106x' }, { kind: 'company', name: '某某公司', idNumber: '91520102MA6H8Y0Q5J' }],
    }));
    expect(c).toMatchObject({
      number: '(2025)黔0103执1号', court: '黔0103', type: '执', status: 'open', recovered: 0, amountOwed: 1_000_001, costs: 10_000,
      applicantName: '贵阳某某银行股份有限公司', debtorNames: ['张三', '某某公司'],
    });
    expect(c.parties.map((p) => [p.role, p.idNumber])).toEqual([
      ['applicant', '91520100MA6DJ1234R'], ['debtor', '52010219850315106X'], ['debtor', '91520102MA6H8Y0Q5J'],
    ]);
    expect(store.cases.get(c.id)).toEqual(c);
    expect(store.cases.getByNumber('（2025）黔0103执1号')?.id).toBe(c.id);
    expect(store.cases.get('nope')).toBeUndefined();
  });

  it('refuses a duplicate case number (also typed with full-width brackets) and writes nothing', () => {
    store.cases.create(newCase(2));
    expect(code(() => store.cases.create(newCase(2, { number: '（2025）黔0103执2号', debtors: [{ kind: 'person', name: '别人', idNumber: '520102197001010027' }] })))).toBe('CASE_EXISTS');
    expect(store.cases.list({ search: '别人' }).total).toBe(0);
    expect(code(() => store.cases.create(newCase(3, { number: '(2025)黔0103民3号' })))).toBe('CASE_NUMBER_INVALID');
  });

  it('lists newest first with a total, pages and a status filter', () => {
    for (let i = 1; i <= 7; i++) store.cases.create(newCase(i));
    const closed = store.cases.list({ search: '执3号' }).items[0]!;
    store.cases.setStatus(closed.id, 'closed');
    const all = store.cases.list();
    expect(all.total).toBe(7);
    expect(all.items.map((c) => c.filedOn)).toEqual([...all.items.map((c) => c.filedOn)].sort().reverse());
    const page = store.cases.list({ offset: 2, limit: 2 });
    expect(page.total).toBe(7);
    expect(page.items.map((c) => c.id)).toEqual(all.items.slice(2, 4).map((c) => c.id));
    expect(store.cases.list({ status: 'open' }).total).toBe(6);
    expect(store.cases.list({ status: 'closed' }).items.map((c) => c.id)).toEqual([closed.id]);
    expect(store.cases.list({ status: 'all' }).total).toBe(7);
  });

  it('searches by case number, party name and ID number', () => {
    const a = store.cases.create(newCase(11, { debtors: [{ kind: 'person', name: '张三丰', idNumber: '52010219850315106X' }] }));
    const b = store.cases.create(newCase(12, { debtors: [{ kind: 'person', name: '李四', idNumber: '520103199001010022' }] }));
    const ids = (search: string) => store.cases.list({ search }).items.map((c) => c.id).sort();
    expect(ids('执11号')).toEqual([a.id]);
    expect(ids('（2025）黔0103执12')).toEqual([b.id]);
    expect(ids('三丰')).toEqual([a.id]);
    expect(ids('李四')).toEqual([b.id]);
    expect(ids('52010219850315106x')).toEqual([a.id]);
    expect(ids('199001010022')).toEqual([b.id]);
    expect(ids('贵阳某某银行')).toEqual([a.id, b.id].sort());
    expect(ids('100%')).toEqual([]); // LIKE wildcards are taken literally
    expect(ids('_')).toEqual([]);
    expect(store.cases.list({ search: '张三丰' }).items[0]).toMatchObject({ debtorNames: ['张三丰'], applicantName: '贵阳某某银行股份有限公司' });
  });

  it("imports a court docket idempotently by case number, keeping the bureau's own work", () => {
    const docket = [newCase(21), newCase(22), newCase(23)];
    expect(store.cases.upsertMany(docket)).toEqual({ imported: 3, updated: 0, total: 3 });
    const c = store.cases.getByNumber('(2025)黔0103执21号')!;
    store.cases.setRecovered(c.id, 250_000);
    expect(store.cases.upsertMany(docket)).toEqual({ imported: 0, updated: 0, total: 3 });
    expect(store.cases.list().total).toBe(3);

    const changed = [{ ...newCase(21), amountOwed: 2_000_000 }, newCase(24)];
    expect(store.cases.upsertMany(changed)).toEqual({ imported: 1, updated: 1, total: 2 });
    const after = store.cases.get(c.id)!;
    expect(after).toMatchObject({ amountOwed: 2_000_000, recovered: 250_000 });
    expect(after.parties.map((p) => p.id)).toEqual(c.parties.map((p) => p.id));
  });

  it('sets the recovered amount in integer fen only', () => {
    const c = store.cases.create(newCase(31));
    expect(store.cases.setRecovered(c.id, 123_456).recovered).toBe(123_456);
    expect(() => store.cases.setRecovered(c.id, 1.5)).toThrow(RangeError);
    expect(code(() => store.cases.setRecovered('nope', 1))).toBe('NOT_FOUND');
  });
});

describe('EngineStore (outbox, feedback, findings)', () => {
  let c: StoredCase;
  let debtor: string;
  let applicant: string;

  beforeEach(() => {
    c = store.cases.create(newCase(41, { debtors: [{ kind: 'person', name: '张三', idNumber: '52010219850315106X' }] }));
    debtor = c.parties.find((p) => p.role === 'debtor')!.id;
    applicant = c.parties.find((p) => p.role === 'applicant')!.id;
  });

  const req = (channel: ChannelId, at: string, partyId = debtor): ChannelRequest => ({
    id: randomUUID(), caseId: c.id, partyId, channel, kind: 'query', state: 'pending', attempts: 0, polls: 0, createdAt: at, updatedAt: at,
  });

  const findings: Findings = {
    assets: [
      { kind: 'deposit', institution: '中国工商银行', identifier: '6222020200001234567', description: '活期', value: 880_000, available: 800_000, existingFreezes: [{ court: '贵阳市中级人民法院', amount: 80_000, until: '2025-12-31' }] },
      { kind: 'deposit', institution: '中国工商银行', identifier: '6222020200007654321', description: '定期', value: 120_000, existingFreezes: [] },
      { kind: 'real_estate', institution: '贵阳市不动产登记中心', identifier: '黔(2020)贵阳市不动产权第0012345号', description: '住宅', existingFreezes: [] },
    ],
    whereabouts: [{ kind: 'hotel', place: '贵阳某酒店', at: '2025-02-20T12:00:00.000Z', detail: '入住 2 晚' }],
    info: [{ kind: 'tax', summary: '2024 年个人所得税', amount: 3_600 }],
  };

  it('round-trips requests; updates patch only what they name', () => {
    const r1 = req('bank.icbc', '2025-03-01T00:00:01.000Z');
    const r2 = req('hotel.gz', '2025-03-01T00:00:02.000Z');
    store.engine.insertRequests([r1, r2]);
    expect(store.engine.getRequest(r1.id)).toEqual(r1);
    expect(store.engine.getRequest('missing')).toBeUndefined();

    const err = { code: 'GATEWAY_TIMEOUT', message: '查控网关响应超时', messageEn: 'The gateway did not answer in time' };
    const u = store.engine.updateRequest(r1.id, { state: 'sent', attempts: 1, error: err, updatedAt: '2025-03-01T00:00:05.000Z' });
    expect(u).toEqual({ ...r1, state: 'sent', attempts: 1, error: err, updatedAt: '2025-03-01T00:00:05.000Z' });
    expect(store.engine.getRequest(r1.id)).toEqual(u);
    expect(store.engine.updateRequest(r1.id, { polls: 3 }).error).toEqual(err); // kept when not named
    const cleared = store.engine.updateRequest(r1.id, { state: 'waiting', error: undefined });
    expect(cleared.error).toBeUndefined();
    expect(store.engine.getRequest(r1.id)).toEqual(cleared);
    expect(code(() => store.engine.updateRequest('missing', { state: 'sent' }))).toBe('NOT_FOUND');
  });

  it('refuses a second request with an id already stored, and keeps the first as it was', () => {
    const r = req('bank.ccb', '2025-03-01T00:00:01.000Z');
    store.engine.insertRequests([r]);
    store.engine.updateRequest(r.id, { state: 'waiting', attempts: 1 });
    const other = req('bank.abc', '2025-03-01T00:00:02.000Z');
    expect(() => store.engine.insertRequests([other, r])).toThrow(/exists/);
    expect(store.engine.getRequest(r.id)).toMatchObject({ state: 'waiting', attempts: 1 });
    expect(store.engine.getRequest(other.id)).toBeUndefined();
  });

  it('keeps every body sent and answer received verbatim, with digests', () => {
    const r = req('bank.icbc', '2025-03-01T00:00:01.000Z');
    store.engine.insertRequests([r]);
    const body = JSON.stringify({ requestId: r.id, subject: { name: '张三', idNumber: '52010219850315106X' } });
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    store.engine.recordExchange!({ requestId: r.id, direction: 'sent', method: 'POST', path: '/gw/v1/requests', body, at: '2025-03-01T00:00:02.000Z' });
    store.engine.recordExchange!({ requestId: r.id, direction: 'received', method: 'POST', path: '/gw/v1/requests', httpStatus: 202, body: '{"accepted":true}', at: '2025-03-01T00:00:03.000Z' });
    expect(store.requests.exchangesOf(r.id)).toEqual([
      { requestId: r.id, direction: 'sent', method: 'POST', path: '/gw/v1/requests', body, at: '2025-03-01T00:00:02.000Z', sha256: sha(body) },
      { requestId: r.id, direction: 'received', method: 'POST', path: '/gw/v1/requests', httpStatus: 202, body: '{"accepted":true}', at: '2025-03-01T00:00:03.000Z', sha256: sha('{"accepted":true}') },
    ]);
    expect(store.requests.bodyDigestOf(r.id)).toBe(sha(body));
  });

  it('refuses a request for a party that is not a debtor of the case, and writes none of the batch', () => {
    const ok = req('bank.icbc', '2025-03-01T00:00:01.000Z');
    expect(code(() => store.engine.insertRequests([ok, req('bank.icbc', '2025-03-01T00:00:02.000Z', applicant)]))).toBe('NOT_A_DEBTOR');
    expect(store.engine.getRequest(ok.id)).toBeUndefined();
  });

  it('saves feedback as evidence with its SHA-256 and the findings, once per request', () => {
    const r = req('bank.icbc', '2025-03-01T00:00:01.000Z');
    store.engine.insertRequests([r]);
    const raw = JSON.stringify({ accounts: ['…'], seal: 'ICBC' });
    const saved = store.engine.saveFindings(r.id, findings, raw, '2025-03-01T00:10:00.000Z');
    expect(saved.assets).toHaveLength(3);
    expect(saved.assets[0]).toMatchObject({
      caseId: c.id, partyId: debtor, requestId: r.id, channel: 'bank.icbc', kind: 'deposit', value: 880_000, available: 800_000,
      foundAt: '2025-03-01T00:10:00.000Z', existingFreezes: [{ court: '贵阳市中级人民法院', amount: 80_000, until: '2025-12-31' }],
    });
    expect(saved.assets[2]!.value).toBeUndefined();
    expect(saved.whereabouts[0]).toMatchObject({ kind: 'hotel', place: '贵阳某酒店', requestId: r.id });
    expect(saved.info[0]).toMatchObject({ kind: 'tax', amount: 3_600 });
    expect(store.engine.getRequest(r.id)).toMatchObject({ state: 'answered', updatedAt: '2025-03-01T00:10:00.000Z' });
    expect(store.requests.feedbackOf(r.id)).toEqual({ raw, sha256: createHash('sha256').update(raw).digest('hex'), receivedAt: '2025-03-01T00:10:00.000Z' });

    // a duplicate answer (or a re-poll after a restart) neither duplicates nor replaces anything
    const again = store.engine.saveFindings(r.id, { assets: [findings.assets[0]!], whereabouts: [], info: [] }, '{"other":true}', '2025-03-01T01:00:00.000Z');
    expect(again).toEqual(saved);
    expect(store.requests.feedbackOf(r.id)!.raw).toBe(raw);
    expect(store.caseQueryView(c.id).assets).toHaveLength(3);
    expect(code(() => store.engine.saveFindings('missing', findings, raw, '2025-03-01T00:10:00.000Z'))).toBe('NOT_FOUND');
  });

  it('saveFindings is all or nothing: a bad amount stores no feedback', () => {
    const r = req('bank.icbc', '2025-03-01T00:00:01.000Z');
    store.engine.insertRequests([r]);
    const bad: Findings = { ...findings, assets: [{ ...findings.assets[0]!, value: 12.5 }] };
    expect(() => store.engine.saveFindings(r.id, bad, '{}', '2025-03-01T00:10:00.000Z')).toThrow(RangeError);
    expect(store.requests.feedbackOf(r.id)).toBeUndefined();
    expect(store.engine.getRequest(r.id)!.state).toBe('pending');
  });

  it('lists unfinished requests oldest first, to resume after a restart', () => {
    const rs = ['2025-03-01T00:00:03.000Z', '2025-03-01T00:00:01.000Z', '2025-03-01T00:00:02.000Z', '2025-03-01T00:00:04.000Z', '2025-03-01T00:00:05.000Z']
      .map((at, i) => req((['bank.icbc', 'bank.ccb', 'bank.abc', 'bank.boc', 'bank.cmb'] as const)[i]!, at));
    store.engine.insertRequests(rs);
    store.engine.updateRequest(rs[0]!.id, { state: 'sent' });
    store.engine.updateRequest(rs[2]!.id, { state: 'waiting' });
    store.engine.updateRequest(rs[3]!.id, { state: 'failed' });
    store.engine.saveFindings(rs[4]!.id, { assets: [], whereabouts: [], info: [] }, '{}', '2025-03-01T00:01:00.000Z');
    expect(store.engine.listUnfinishedRequests().map((r) => r.id)).toEqual([rs[1]!.id, rs[2]!.id, rs[0]!.id]);
  });

  it('builds the case query view with totals by asset kind and the last query time', () => {
    const a = req('bank.icbc', '2025-03-01T00:00:01.000Z');
    const b = req('realestate.gz', '2025-03-01T00:00:09.000Z');
    store.engine.insertRequests([a, b]);
    store.engine.saveFindings(a.id, { ...findings, assets: findings.assets.slice(0, 2) }, '{}', '2025-03-01T00:10:00.000Z');
    store.engine.saveFindings(b.id, { assets: findings.assets.slice(2), whereabouts: [], info: [] }, '{}', '2025-03-01T00:11:00.000Z');
    const v = store.caseQueryView(c.id);
    expect(v.requests.map((r) => r.id)).toEqual([a.id, b.id]);
    expect(v.totals).toEqual([
      { kind: 'deposit', count: 2, value: 1_000_000 },
      { kind: 'real_estate', count: 1, value: 0 },
    ]);
    expect(v.whereabouts).toHaveLength(1);
    expect(v.info).toHaveLength(1);
    expect(v.lastQueriedAt).toBe('2025-03-01T00:00:09.000Z');

    const empty = store.cases.create(newCase(42));
    expect(store.caseQueryView(empty.id)).toEqual({ caseId: empty.id, requests: [], assets: [], whereabouts: [], info: [], totals: [] });
    expect(code(() => store.caseQueryView('missing'))).toBe('NOT_FOUND');
  });
});

describe('officers and meta', () => {
  it('upserts officers from the register without touching their passwords', async () => {
    store.officers.upsertMany([
      { code: 'F520103001', name: '王法官', court: '云岩区法院', role: 'judge' },
      { code: 'F520103002', name: '赵庭长', court: '云岩区法院', role: 'chief' },
    ]);
    await store.officers.setPassword('F520103001', 'judge password');
    store.officers.upsert({ code: 'F520103001', name: '王法官', court: '云岩区人民法院', role: 'chief' });
    expect(store.officers.get('F520103001')).toEqual({ code: 'F520103001', name: '王法官', court: '云岩区人民法院', role: 'chief' });
    expect(await store.officers.verifyPassword('F520103001', 'judge password')).toBe(true);
    expect(await store.officers.verifyPassword('F520103002', 'judge password')).toBe(false);
    expect(store.officers.list().map((o) => o.code)).toEqual(['F520103001', 'F520103002']);
    await expect(store.officers.setPassword('F000', 'long enough')).rejects.toMatchObject({ error: { code: 'OFFICER_NOT_REGISTERED' } });
  });

  it('keeps settings', () => {
    expect(store.meta.get('network')).toBeUndefined();
    store.meta.set('network', 'sandbox');
    store.meta.set('network', 'gateway');
    expect(store.meta.get('network')).toBe('gateway');
  });
});
