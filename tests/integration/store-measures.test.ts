/**
 * Schema v2: the measures outbox and what goes with it (documents, reminders, approvals, balance
 * re-queries, settings), on the real encrypted database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID, createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS, MeasureExistsError, MeasureStateError, MIGRATIONS, openSecureStore, type SecureStore, type StoredCase,
} from '../../electron/store';
import { openEncryptedDb } from '../../electron/store/db';
import type { Measure } from '../../shared/domain/measures';
import type { Asset } from '../../shared/domain/types';
import { code } from '../helpers/error-code';

const NAME = '龙振华';
const ID = '52010219850315106X';
const ACCOUNT = '6222020200001234567';
const JUDGE = 'F520103001';
const CHIEF = 'F520103009';

let dir: string;
let file: string;
let key: Buffer;
let store: SecureStore;
let tick = 0;
/** one second per reading, from 2025-03-01 10:00 CST */
const clock = () => new Date(Date.UTC(2025, 2, 1, 2) + tick++ * 1000);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-measures-'));
  file = path.join(dir, 'store.db');
  key = randomBytes(32);
  store = openSecureStore({ file, key, create: true, clock });
});
afterEach(() => {
  if (store.isOpen) store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});


function newCase(s: SecureStore, seq = 1234, amountOwed = 1_000_000, costs = 20_000): StoredCase {
  return s.cases.create({
    number: `(2025)黔0103执${seq}号`, filedOn: '2025-01-10', cause: '借款合同纠纷', amountOwed, costs,
    applicant: { kind: 'company', name: '贵阳某某小额贷款有限公司', idNumber: '91520100MA6DJ1234R' },
    debtors: [{ kind: 'person', name: NAME, idNumber: ID }],
  });
}

/** A case written as version 1 stored it (the repository itself writes the latest schema). */
function v1CaseOf(): StoredCase {
  const db = openEncryptedDb(file, key);
  const at = '2025-01-10T02:00:00.000Z';
  db.prepare(`INSERT INTO cases (id, number, court, type, filed_on, status, cause, amount_owed, costs, recovered, created_at, updated_at)
    VALUES ('c-v1', '(2025)黔0103执1234号', '黔0103', '执', '2025-01-10', 'open', '借款合同纠纷', 1000000, 20000, 0, ?, ?)`).run(at, at);
  const party = db.prepare('INSERT INTO parties (id, case_id, position, role, kind, name, id_number) VALUES (?, ?, ?, ?, ?, ?, ?)');
  party.run('p-app', 'c-v1', 0, 'applicant', 'company', '贵阳某某小额贷款有限公司', '91520100MA6DJ1234R');
  party.run('p-deb', 'c-v1', 1, 'debtor', 'person', NAME, ID);
  db.close();
  return {
    id: 'c-v1', number: '(2025)黔0103执1234号', court: '黔0103', type: '执', filedOn: '2025-01-10', status: 'open', filing: 'confirmed',
    applicantName: '贵阳某某小额贷款有限公司', debtorNames: [NAME], amountOwed: 1_000_000, recovered: 0, costs: 20_000, cause: '借款合同纠纷',
    parties: [
      { id: 'p-app', caseId: 'c-v1', role: 'applicant', kind: 'company', name: '贵阳某某小额贷款有限公司', idNumber: '91520100MA6DJ1234R' },
      { id: 'p-deb', caseId: 'c-v1', role: 'debtor', kind: 'person', name: NAME, idNumber: ID },
    ],
    createdAt: at,
  };
}

/** A bank query answered with two accounts, written as a v1 program wrote it (the columns of v1 only). */
function v1AssetsFor(s: SecureStore, c: StoredCase): Asset[] {
  const at = '2025-03-01T01:00:00.000Z';
  const id = randomUUID();
  const partyId = c.parties.find((p) => p.role === 'debtor')!.id;
  s.engine.insertRequests([{ id, caseId: c.id, partyId, channel: 'bank.icbc', kind: 'query', state: 'answered', attempts: 1, polls: 1, createdAt: at, updatedAt: at }]);
  const db = openEncryptedDb(file, key);
  db.prepare('INSERT INTO feedback (request_id, raw, sha256, received_at) VALUES (?, ?, ?, ?)').run(id, JSON.stringify({ name: NAME, accounts: [ACCOUNT] }), 'h', at);
  const asset = db.prepare(`INSERT INTO assets (id, case_id, party_id, request_id, position, channel, kind, institution, identifier, description, value, available, found_at)
    VALUES (?, ?, ?, ?, ?, 'bank.icbc', 'deposit', '中国工商银行贵阳分行', ?, ?, ?, ?, ?)`);
  asset.run(randomUUID(), c.id, partyId, id, 0, ACCOUNT, '活期', 600_000, 600_000, at);
  asset.run(randomUUID(), c.id, partyId, id, 1, '6222020200007654321', '定期', 900_000, null, at);
  db.close();
  return s.caseQueryView(c.id).assets;
}

const debtorOf = (c: StoredCase) => c.parties.find((p) => p.role === 'debtor')!;
const applicantOf = (c: StoredCase) => c.parties.find((p) => p.role === 'applicant')!;

/** A bank query answered with two accounts: the assets measures act on. */
function assetsFor(s: SecureStore, c: StoredCase, partyId = debtorOf(c).id): Asset[] {
  const at = '2025-03-01T01:00:00.000Z';
  const id = randomUUID();
  s.engine.insertRequests([{ id, caseId: c.id, partyId, channel: 'bank.icbc', kind: 'query', state: 'pending', attempts: 0, polls: 0, createdAt: at, updatedAt: at }]);
  return s.engine.saveFindings(id, {
    assets: [
      { kind: 'deposit', institution: '中国工商银行贵阳分行', identifier: ACCOUNT, description: '活期', value: 600_000, available: 600_000, existingFreezes: [] },
      { kind: 'deposit', institution: '中国工商银行贵阳分行', identifier: '6222020200007654321', description: '定期', value: 900_000, existingFreezes: [] },
    ],
    whereabouts: [], info: [],
  }, JSON.stringify({ name: NAME, accounts: [ACCOUNT] }), at).assets;
}

let n = 0;
function measure(c: StoredCase, asset: Asset, over: Partial<Measure> = {}): Measure {
  const at = `2025-03-01T03:00:${String(n++ % 60).padStart(2, '0')}.000Z`;
  return {
    id: randomUUID(), caseId: c.id, partyId: asset.partyId, assetId: asset.id, channel: asset.channel, assetKind: asset.kind,
    assetIdentifier: asset.identifier, kind: 'freeze', state: 'queued', amount: 300_000, endsOn: '2026-02-28',
    decidedBy: JUDGE, documents: [], attempts: 0, createdAt: at, updatedAt: at, ...over,
  };
}

/** A freeze the agency confirmed. */
function executedFreeze(c: StoredCase, asset: Asset, over: Partial<Measure> = {}, outcome: Measure['outcome'] = {}): Measure {
  const m = measure(c, asset, over);
  store.measureStore.insertMeasure(m);
  store.measureStore.updateMeasure(m.id, { state: 'sent', attempts: 1, sentAt: '2025-03-01T03:01:00.000Z' });
  return store.measureStore.updateMeasure(m.id, { state: 'executed', outcome: { frozenAmount: m.amount, endsOn: m.endsOn, queuePosition: 0, ...outcome } });
}

function actOn(c: StoredCase, asset: Asset, freeze: Measure, kind: Measure['kind'], over: Partial<Measure> = {}): Measure {
  const m = measure(c, asset, { kind, freezeId: freeze.id, amount: undefined, endsOn: undefined, ...over });
  store.measureStore.insertMeasure(m);
  return m;
}

function execute(id: string, outcome: Measure['outcome'] = {}): Measure {
  store.measureStore.updateMeasure(id, { state: 'sent', attempts: 1 });
  return store.measureStore.updateMeasure(id, { state: 'executed', outcome });
}

describe('migration 1 → 2', () => {
  it('upgrades a v1 database holding cases, requests, findings and audit entries, and keeps them', () => {
    store.close();
    fs.rmSync(file);
    const v1 = openSecureStore({ file, key, create: true, clock, migrations: MIGRATIONS.slice(0, 1) });
    expect(v1.schemaVersion()).toBe(1);
    const c = v1CaseOf();
    const assets = v1AssetsFor(v1, c);
    expect(assets).toHaveLength(2);
    v1.audit.append({ officer: JUDGE, action: 'query.start', caseId: c.id, caseNumber: c.number });
    const before = { requests: v1.requests.listForCase(c.id), view: v1.caseQueryView(c.id) };
    v1.close();
    const raw = openEncryptedDb(file, key);
    expect(raw.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'measures'").pluck().get()).toBe(0);
    raw.close();

    store = openSecureStore({ file, key, clock });
    expect(store.schemaVersion()).toBe(MIGRATIONS.length);
    expect(store.cases.get(c.id)).toMatchObject({ ...c, filing: 'confirmed' });
    expect(store.requests.listForCase(c.id)).toEqual(before.requests);
    expect(store.caseQueryView(c.id)).toEqual(before.view);
    expect(store.audit.verify()).toEqual({ ok: true, entries: 1 });
    // and the new tables work on the old data
    const m = measure(c, assets[0]!);
    store.measureStore.insertMeasure(m);
    expect(store.measureStore.getMeasure(m.id)?.state).toBe('queued');
    expect(store.settings.all()).toEqual(DEFAULT_SETTINGS);
  });

  it('creates every v2 table on a fresh database', () => {
    store.close();
    const d = openEncryptedDb(file, key);
    const tables = d.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    d.close();
    expect(tables).toEqual(expect.arrayContaining([
      'measures', 'measure_events', 'measure_exchanges', 'documents', 'reminders', 'approvals', 'frozen_balance_checks', 'settings',
    ]));
  });
});

describe('measures outbox', () => {
  let c: StoredCase;
  let assets: Asset[];
  beforeEach(() => {
    c = newCase(store);
    assets = assetsFor(store, c);
  });

  it('round-trips a measure; updates patch only what they name and keep a history', () => {
    const m = measure(c, assets[0]!, { courtAccount: { id: 'acct-1', bank: '中国工商银行贵阳云岩支行', accountNo: '2402000000000000000', name: '贵阳市云岩区人民法院' }, overCapReason: undefined });
    store.measureStore.insertMeasure(m);
    expect(store.measureStore.getMeasure(m.id)).toEqual(m);
    expect(store.measureStore.getMeasure('missing')).toBeUndefined();

    const err = { code: 'GATEWAY_TIMEOUT', message: '查控网关响应超时', messageEn: 'The gateway did not answer in time' };
    const sent = store.measureStore.updateMeasure(m.id, { state: 'sent', attempts: 1, sentAt: '2025-03-01T03:05:00.000Z' });
    const { updatedAt: _, overCapReason: __, ...decided } = m;
    expect(sent).toEqual({ ...decided, state: 'sent', attempts: 1, sentAt: '2025-03-01T03:05:00.000Z', updatedAt: expect.any(String) });
    expect(sent.updatedAt).not.toBe(m.updatedAt); // the store stamps each write
    const unknown = store.measureStore.updateMeasure(m.id, { state: 'unknown', error: err });
    expect(unknown.error).toEqual(err);
    expect(store.measureStore.updateMeasure(m.id, { attempts: 2 }).error).toEqual(err); // kept when not named
    const done = store.measureStore.updateMeasure(m.id, { state: 'executed', error: undefined, outcome: { frozenAmount: 280_000, queuePosition: 0, endsOn: '2026-02-28', agencyRef: 'ICBC-F-1' } });
    expect(done.error).toBeUndefined();
    expect(store.measureStore.getMeasure(m.id)).toEqual(done);
    expect(store.measures.history(m.id).map((e) => [e.from, e.to, e.actor])).toEqual([
      [undefined, 'queued', JUDGE], ['queued', 'sent', 'system'], ['sent', 'unknown', 'system'], ['unknown', 'executed', 'system'],
    ]);
    expect(code(() => store.measureStore.updateMeasure('missing', { state: 'sent' }))).toBe('NOT_FOUND');
    // a patch carries progress only: a decided field slipped into it changes nothing
    const sneaky = { attempts: 3, amount: 1 } as unknown as Parameters<typeof store.measureStore.updateMeasure>[1];
    expect(store.measureStore.updateMeasure(m.id, sneaky)).toMatchObject({ attempts: 3, amount: 300_000, state: 'executed' });
  });

  it('lists only queued, sent and unknown measures in the outbox, oldest first', () => {
    const states = ['draft', 'queued', 'sent', 'unknown', 'executed', 'rejected', 'cancelled', 'awaiting_approval'] as const;
    const made = states.map((s, i) => {
      const m = measure(c, assets[i % 2]!, { amount: 10_000, createdAt: `2025-03-01T04:00:0${i}.000Z`, updatedAt: `2025-03-01T04:00:0${i}.000Z` });
      const start = s === 'draft' || s === 'awaiting_approval' ? s : 'queued';
      store.measureStore.insertMeasure({ ...m, state: start });
      if (s === 'sent' || s === 'unknown' || s === 'executed' || s === 'rejected') store.measureStore.updateMeasure(m.id, { state: 'sent' });
      if (s !== start && s !== 'sent') store.measureStore.updateMeasure(m.id, { state: s });
      return m;
    });
    expect(store.measureStore.listOutbox().map((m) => m.state)).toEqual(['queued', 'sent', 'unknown']);
    expect(store.measureStore.listOutbox().map((m) => m.id)).toEqual([made[1]!.id, made[2]!.id, made[3]!.id]);
    expect(store.measures.listForCase(c.id)).toHaveLength(states.length);
  });

  it('refuses a second measure under an existing id and keeps the first as it was', () => {
    const m = measure(c, assets[0]!);
    store.measureStore.insertMeasure(m);
    store.measureStore.updateMeasure(m.id, { state: 'sent', attempts: 1 });
    expect(() => store.measureStore.insertMeasure({ ...m, assetId: assets[1]!.id, amount: 1 })).toThrow(MeasureExistsError);
    expect(store.measureStore.getMeasure(m.id)).toMatchObject({ state: 'sent', attempts: 1, amount: 300_000, assetId: assets[0]!.id });
    expect(store.measures.history(m.id)).toHaveLength(2);
  });

  it('refuses a measure against a party who is not a debtor of the case, or on an asset of another case', () => {
    const other = newCase(store, 77);
    const foreign = assetsFor(store, other)[0]!;
    const auditBefore = store.audit.count();
    expect(code(() => store.measureStore.insertMeasure(measure(c, assets[0]!, { partyId: applicantOf(c).id })))).toBe('NOT_A_DEBTOR');
    expect(code(() => store.measureStore.insertMeasure(measure(c, foreign, { partyId: debtorOf(c).id })))).toBe('VALIDATION');
    expect(code(() => store.measureStore.insertMeasure(measure(c, assets[0]!, { partyId: debtorOf(other).id })))).toBe('NOT_A_DEBTOR');
    expect(store.measures.listForCase(c.id)).toEqual([]);
    expect(store.audit.count()).toBe(auditBefore);
  });

  it('a renewal, release or deduction must name a freeze of the same asset', () => {
    const f = executedFreeze(c, assets[0]!);
    expect(code(() => store.measureStore.insertMeasure(measure(c, assets[1]!, { kind: 'unfreeze', freezeId: f.id, amount: undefined })))).toBe('VALIDATION');
    expect(code(() => store.measureStore.insertMeasure(measure(c, assets[0]!, { kind: 'deduct', amount: 1_000 })))).toBe('VALIDATION'); // no freeze named
    expect(code(() => store.measureStore.insertMeasure(measure(c, assets[0]!, { freezeId: f.id })))).toBe('VALIDATION'); // a freeze names none
    expect(code(() => store.measureStore.insertMeasure(measure(c, assets[0]!, { state: 'sent' })))).toBe('MEASURE_STATE');
  });

  it('keeps final states final and what was decided unchangeable', () => {
    const m = executedFreeze(c, assets[0]!);
    expect(() => store.measureStore.updateMeasure(m.id, { state: 'queued' })).toThrow(MeasureStateError);
    const q = measure(c, assets[1]!, { amount: 10_000 });
    store.measureStore.insertMeasure(q);
    store.measureStore.updateMeasure(q.id, { state: 'sent' });
    expect(() => store.measureStore.updateMeasure(q.id, { state: 'cancelled' })).toThrow(MeasureStateError); // too late to withdraw
    expect(() => store.measureStore.updateMeasure(q.id, { state: 'draft' })).toThrow(MeasureStateError);
    const auditBefore = store.audit.count();
    store.close();
    const d = openEncryptedDb(file, key);
    expect(() => d.prepare('UPDATE measures SET amount = 1 WHERE id = ?').run(m.id)).toThrow(/MEASURE_DECISION_FIXED/);
    expect(() => d.prepare('DELETE FROM measures WHERE id = ?').run(m.id)).toThrow(/kept/);
    expect(() => d.prepare('DELETE FROM measure_events').run()).toThrow(/append-only/);
    d.close();
    store = openSecureStore({ file, key, clock });
    expect(store.audit.count()).toBe(auditBefore);
  });

  it('keeps every measure request and answer verbatim with its digest; the first sent body is the one on record', () => {
    const m = measure(c, assets[0]!);
    store.measureStore.insertMeasure(m);
    const body = JSON.stringify({ requestId: m.id, account: ACCOUNT, amount: '3000.00' });
    store.measureStore.recordMeasureExchange!({ measureId: m.id, direction: 'sent', at: '2025-03-01T03:05:00.000Z', text: body });
    store.measureStore.recordMeasureExchange!({ measureId: m.id, direction: 'received', at: '2025-03-01T03:05:01.000Z', text: '{"accepted":true}' });
    store.measureStore.recordMeasureExchange!({ measureId: m.id, direction: 'sent', at: '2025-03-01T03:06:00.000Z', text: `${body} ` });
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    expect(store.measures.exchangesOf(m.id).map((e) => [e.direction, e.sha256])).toEqual([
      ['sent', sha(body)], ['received', sha('{"accepted":true}')], ['sent', sha(`${body} `)],
    ]);
    expect(store.measures.bodyDigestOf(m.id)).toBe(sha(body));
  });

  it('leases an outbox measure to one engine at a time, across two connections to the same file (migration 6)', () => {
    const m = measure(c, assets[0]!);
    store.measureStore.insertMeasure(m);
    const other = openSecureStore({ file, key, clock });
    const claimUntil = () => other.measures.claimOf(m.id)?.until;
    try {
      const [t0, t1, t2] = ['2025-03-01T03:00:00.000Z', '2025-03-01T03:00:30.000Z', '2025-03-01T03:01:00.000Z'];
      expect(store.measures.claimMeasure(m.id, 'engine-a', t1, t0)).toBe(true);
      // held: the other process is refused until the lease runs out; the holder renews
      expect(other.measures.claimMeasure(m.id, 'engine-b', t2, t0)).toBe(false);
      expect(store.measures.claimMeasure(m.id, 'engine-a', t2, t0)).toBe(true);
      expect(other.measures.claimOf(m.id)).toEqual({ owner: 'engine-a', until: t2 });
      // a lease taken through a call's timeout is never shortened by the holder's heartbeat or a shorter claim
      store.measures.renewClaims('engine-a', t1);
      expect(claimUntil()).toBe(t2);
      expect(store.measures.claimMeasure(m.id, 'engine-a', t1, t0)).toBe(true);
      expect(claimUntil()).toBe(t2);
      expect(other.measures.claimMeasure(m.id, 'engine-b', t2, t1)).toBe(false);
      // run out (the holder died): the other takes it, and the old holder is refused
      expect(other.measures.claimMeasure(m.id, 'engine-b', '2025-03-01T03:02:00.000Z', '2025-03-01T03:01:00.001Z')).toBe(true);
      expect(store.measures.claimMeasure(m.id, 'engine-a', t2, '2025-03-01T03:01:00.002Z')).toBe(false);
      // released: free for anyone; a release by someone not holding it changes nothing
      store.measures.releaseClaims('engine-a');
      expect(store.measures.claimOf(m.id)?.owner).toBe('engine-b');
      other.measures.releaseClaims('engine-b', m.id);
      expect(store.measures.claimOf(m.id)).toBeUndefined();
      // a concluded measure is no one's to take
      store.measureStore.updateMeasure(m.id, { state: 'sent', attempts: 1 });
      store.measureStore.updateMeasure(m.id, { state: 'executed', outcome: { frozenAmount: m.amount, endsOn: m.endsOn, queuePosition: 0 } });
      expect(other.measures.claimMeasure(m.id, 'engine-b', t2, t0)).toBe(false);
    } finally {
      other.close();
    }
  });
});

describe('recovered amount and approvals', () => {
  let c: StoredCase;
  let assets: Asset[];
  beforeEach(() => {
    c = newCase(store);
    assets = assetsFor(store, c);
  });

  it('adds a confirmed deduction to the case once, even when the same confirmation is saved twice', () => {
    const f = executedFreeze(c, assets[0]!);
    const d = actOn(c, assets[0]!, f, 'deduct', { amount: 250_000, courtAccount: { id: 'acct-1', bank: '中国工商银行贵阳云岩支行', accountNo: '2402000000000000000', name: '贵阳市云岩区人民法院' } });
    store.measureStore.updateMeasure(d.id, { state: 'sent', attempts: 1 });
    expect(store.cases.get(c.id)!.recovered).toBe(0); // sent is not paid
    const outcome = { deductedAmount: 240_000, agencyRef: 'ICBC-D-77', executedAt: '2025-03-01T05:00:00.000Z' };
    store.measureStore.updateMeasure(d.id, { state: 'executed', outcome });
    expect(store.cases.get(c.id)!.recovered).toBe(240_000);
    // the same answer again: after a re-poll, a duplicate push, a restart
    store.measureStore.updateMeasure(d.id, { state: 'executed', outcome });
    store.close();
    store = openSecureStore({ file, key, clock });
    store.measureStore.updateMeasure(d.id, { state: 'executed', outcome, attempts: 2 });
    expect(store.cases.get(c.id)!.recovered).toBe(240_000);
    expect(store.measures.creditedOf(d.id)).toBe(240_000);
    // a different amount for a confirmed deduction is refused, and nothing moves
    expect(() => store.measureStore.updateMeasure(d.id, { state: 'executed', outcome: { ...outcome, deductedAmount: 250_000 } })).toThrow(MeasureStateError);
    expect(store.cases.get(c.id)!.recovered).toBe(240_000);
    expect(store.measureStore.getMeasure(d.id)!.outcome).toEqual(outcome);
    const executedEntries = store.audit.list({ caseId: c.id }).filter((e) => e.action === 'measure.deduct.executed');
    expect(executedEntries).toHaveLength(1);
    expect(executedEntries[0]!.legalBasis).toBe('《中华人民共和国民事诉讼法》第二百五十三条');
  });

  it('a deduction above the approval threshold waits for a chief; the chief is not the deciding judge', () => {
    store.settings.set('approvalThreshold', 100_000, CHIEF);
    const f = executedFreeze(c, assets[0]!);
    const big = actOn(c, assets[0]!, f, 'deduct', { amount: 200_000, state: 'awaiting_approval' });
    expect(code(() => actOn(c, assets[0]!, f, 'deduct', { amount: 200_000 }))).toBe('VALIDATION'); // straight to the outbox: refused
    expect(code(() => store.measureStore.updateMeasure(big.id, { state: 'queued' }))).toBe('VALIDATION');
    expect(code(() => store.approvals.record({ measureId: big.id, approver: JUDGE, decision: 'approved' }))).toBe('VALIDATION');
    const { approval, measure: queued } = store.approvals.record({ measureId: big.id, approver: CHIEF, decision: 'approved' });
    expect(approval).toMatchObject({ measureId: big.id, approver: CHIEF, decision: 'approved' });
    expect(queued).toMatchObject({ state: 'queued', approvedBy: CHIEF });
    expect(store.measureStore.listOutbox().map((m) => m.id)).toContain(big.id);
    expect(code(() => store.approvals.record({ measureId: big.id, approver: CHIEF, decision: 'approved' }))).toBe('MEASURE_STATE');

    const small = actOn(c, assets[0]!, f, 'deduct', { amount: 50_000 }); // under the threshold: no approval needed
    expect(store.measureStore.getMeasure(small.id)!.state).toBe('queued');

    const other = actOn(c, assets[0]!, f, 'deduct', { amount: 300_000, state: 'awaiting_approval' });
    expect(code(() => store.approvals.record({ measureId: other.id, approver: CHIEF, decision: 'refused' }))).toBe('VALIDATION'); // reason needed
    expect(store.approvals.record({ measureId: other.id, approver: CHIEF, decision: 'refused', reason: '余额待复核' }).measure.state).toBe('cancelled');
    expect(store.approvals.listFor(other.id).map((a) => a.decision)).toEqual(['refused']);
    const actions = store.audit.list({ caseId: c.id }).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['measure.deduct.approved', 'measure.deduct.refused', 'measure.deduct.cancelled']));
  });

  it('refuses a freeze above the outstanding amount plus costs unless a reason is recorded (rule 1)', () => {
    // cap: 1,000,000 owed + 20,000 costs
    executedFreeze(c, assets[0]!, { amount: 600_000 });
    const pending = measure(c, assets[1]!, { amount: 400_000 });
    store.measureStore.insertMeasure(pending); // 1,000,000 in force + pending
    expect(code(() => store.measureStore.insertMeasure(measure(c, assets[1]!, { amount: 20_001 })))).toBe('VALIDATION');
    store.measureStore.insertMeasure(measure(c, assets[1]!, { amount: 20_000 }));
    const flat = measure(c, assets[1]!, { amount: 500_000, overCapReason: '存款账户为定期整存，不可分割' });
    store.measureStore.insertMeasure(flat);
    expect(store.measureStore.getMeasure(flat.id)!.overCapReason).toBe('存款账户为定期整存，不可分割');
    // a draft is not counted and not checked until it is decided
    const draft = measure(c, assets[1]!, { amount: 10_000, state: 'draft' });
    store.measureStore.insertMeasure(draft);
    expect(code(() => store.measureStore.updateMeasure(draft.id, { state: 'queued' }))).toBe('VALIDATION');
  });
});

describe('one cap (rule 1): the store’s last guard and the rule agree', () => {
  it('after payment in full the cap is 0 in the store too: not even the costs may be frozen', () => {
    // the case that exposed two formulas: ¥50,000 owed, ¥625 costs, ¥50,625 recovered
    const c = newCase(store, 77, 5_000_000, 62_500);
    store.cases.setRecovered(c.id, 5_062_500);
    const [a] = assetsFor(store, c);
    expect(store.measures.capForCase(c.id)).toBe(0);
    expect(code(() => store.measureStore.insertMeasure(measure(c, a!, { amount: 1 })))).toBe('VALIDATION');
    store.cases.setRecovered(c.id, 5_000_000); // the costs still owed, and only they
    expect(store.measures.capForCase(c.id)).toBe(62_500);
    expect(code(() => store.measureStore.insertMeasure(measure(c, a!, { amount: 62_501 })))).toBe('VALIDATION');
    expect(code(() => store.measureStore.insertMeasure(measure(c, a!, { amount: 62_500 })))).toBe('ok');
  });

  it('a flat sealed whole counts at its reference value toward what the case holds', () => {
    const c = newCase(store, 78, 1_000_000, 0);
    const at = '2025-03-01T01:00:00.000Z';
    const req = randomUUID();
    store.engine.insertRequests([{ id: req, caseId: c.id, partyId: debtorOf(c).id, channel: 'realestate.gz', kind: 'query', state: 'pending', attempts: 0, polls: 0, createdAt: at, updatedAt: at }]);
    const [flat] = store.engine.saveFindings(req, {
      assets: [{ kind: 'real_estate', institution: '贵阳市不动产登记中心', identifier: '黔(2019)贵阳市不动产权第0012345号', description: '住宅 89.5㎡', value: 800_000, existingFreezes: [] }],
      whereabouts: [], info: [],
    }, '{}', at).assets;
    const [deposit] = assetsFor(store, c);
    executedFreeze(c, flat!, { amount: undefined, endsOn: '2028-02-28' }, { frozenAmount: undefined });
    expect(store.measures.frozenTotalForCase(c.id, '2025-03-01')).toBe(800_000);
    // ¥10,000 owed less the flat's ¥8,000: ¥2,000 of deposits may still be frozen, not more
    expect(code(() => store.measureStore.insertMeasure(measure(c, deposit!, { amount: 200_001 })))).toBe('VALIDATION');
    expect(code(() => store.measureStore.insertMeasure(measure(c, deposit!, { amount: 200_000 })))).toBe('ok');
  });
});

describe('live freezes', () => {
  let c: StoredCase;
  let assets: Asset[];
  beforeEach(() => {
    c = newCase(store, 1234, 5_000_000, 0);
    assets = assetsFor(store, c);
  });

  it('works out the frozen amount after partial releases and deductions, and the end date after renewals', () => {
    const f = executedFreeze(c, assets[0]!, { amount: 500_000, endsOn: '2026-02-28' }, { frozenAmount: 450_000 });
    const today = '2025-06-01';
    expect(store.measures.liveFreezes(c.id, today)).toMatchObject([{ status: 'in_force', frozen: 450_000, endsOn: '2026-02-28', daysLeft: 272 }]);

    execute(actOn(c, assets[0]!, f, 'unfreeze', { amount: 100_000 }).id);
    execute(actOn(c, assets[0]!, f, 'deduct', { amount: 50_000 }).id, { deductedAmount: 50_000 });
    const renewal = actOn(c, assets[0]!, f, 'renew', { endsOn: '2027-02-27' });
    // a renewal not yet confirmed does not move the end date; a release in flight releases nothing
    actOn(c, assets[0]!, f, 'unfreeze', { amount: 10_000 });
    expect(store.measures.liveFreezes(c.id, today)[0]).toMatchObject({ frozen: 300_000, endsOn: '2026-02-28', endsOnSetBy: f.id });
    execute(renewal.id, { endsOn: '2027-02-27' });
    const [v] = store.measures.liveFreezes(c.id, today);
    expect(v).toMatchObject({ status: 'in_force', frozen: 300_000, released: 100_000, deducted: 50_000, endsOn: '2027-02-27', endsOnSetBy: renewal.id });
    expect(v!.daysLeft).toBe(636);
    expect(v!.measure.id).toBe(f.id);
    expect(store.measures.frozenTotalForCase(c.id, today)).toBe(300_000);
    expect(store.cases.get(c.id)!.recovered).toBe(50_000);
  });

  it('every case at once reads what each case reads alone, case by case in the order of its first freeze; a case with no freeze is not there', () => {
    const today = '2025-06-01';
    const other = newCase(store, 1235, 2_000_000, 0);
    const otherAssets = assetsFor(store, other);
    newCase(store, 1236, 1_000_000, 0); // no freeze
    const f = executedFreeze(c, assets[0]!, { amount: 500_000, endsOn: '2026-02-28' }, { frozenAmount: 450_000 });
    executedFreeze(other, otherAssets[1]!, { amount: 200_000, endsOn: '2025-12-31' });
    execute(actOn(c, assets[0]!, f, 'unfreeze', { amount: 100_000 }).id);
    const all = store.measures.liveFreezesOfAll(today);
    expect(all.map((x) => x.caseNumber)).toEqual([c.number, other.number]);
    expect(all[0]!.freezes).toEqual(store.measures.liveFreezes(c.id, today));
    expect(all[1]!.freezes).toEqual(store.measures.liveFreezes(other.id, today));
    expect(all[0]!.freezes[0]).toMatchObject({ frozen: 350_000, released: 100_000 });
  });

  it('shows waiting (with its queue position), pending and lapsed freezes; a released one is gone; the cap counts only in force and pending', () => {
    const today = '2025-06-01';
    const waiting = executedFreeze(c, assets[0]!, { amount: 200_000 }, { frozenAmount: 200_000, queuePosition: 2 });
    const lapsed = executedFreeze(c, assets[1]!, { amount: 100_000, endsOn: '2025-05-31' });
    const inForce = executedFreeze(c, assets[1]!, { amount: 70_000, endsOn: '2025-06-01' });
    const released = executedFreeze(c, assets[1]!, { amount: 30_000 });
    execute(actOn(c, assets[1]!, released, 'unfreeze').id); // no amount: all of it
    const pending = measure(c, assets[1]!, { amount: 40_000 });
    store.measureStore.insertMeasure(pending);
    const rejected = measure(c, assets[1]!, { amount: 1_000 });
    store.measureStore.insertMeasure(rejected);
    store.measureStore.updateMeasure(rejected.id, { state: 'rejected', outcome: { rejection: { code: 'NO_ACCOUNT', message: '账户已销户' } } });

    const views = store.measures.liveFreezes(c.id, today);
    expect(views.map((v) => [v.measure.id, v.status])).toEqual([
      [waiting.id, 'waiting'], [lapsed.id, 'lapsed'], [inForce.id, 'in_force'], [pending.id, 'pending'],
    ]);
    expect(views[0]).toMatchObject({ queuePosition: 2, frozen: 200_000 });
    expect(views[1]).toMatchObject({ daysLeft: -1 });
    expect(views[2]).toMatchObject({ daysLeft: 0, frozen: 70_000 }); // the end date is still in force
    expect(views[3]).toMatchObject({ frozen: 0, requested: 40_000 });
    expect(store.measures.frozenTotalForCase(c.id, today)).toBe(70_000 + 40_000);
    // when the earlier freeze is released, the waiting one takes effect (rule 3)
    store.measureStore.updateMeasure(waiting.id, { state: 'executed', outcome: { ...waiting.outcome, queuePosition: 0 } });
    expect(store.measures.frozenTotalForCase(c.id, today)).toBe(200_000 + 70_000 + 40_000);
    expect(store.measures.history(waiting.id).at(-1)).toMatchObject({ from: 'executed', to: 'executed' });
  });
});

describe('documents', () => {
  let c: StoredCase;
  let assets: Asset[];
  beforeEach(() => {
    c = newCase(store);
    assets = assetsFor(store, c);
  });

  const pdfWith = (text: string) => Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj << /Title ('), Buffer.from(text, 'utf8'), Buffer.from(') >>\n%%EOF\n')]);

  it('a measure withdrawn before it went out, or refused by the agency, leaves its documents 作废 with the reason', () => {
    const save = (type: '冻结裁定书' | '协助冻结通知书') => store.documents.save({ caseId: c.id, type, pdf: pdfWith(type), content: {}, createdBy: JUDGE });
    const ref = (d: ReturnType<typeof save>) => ({ id: d.id, type: d.type, number: d.number, sha256: d.sha256, createdAt: d.createdAt });
    const withdrawn = measure(c, assets[0]!, { amount: 100_000, documents: [ref(save('冻结裁定书')), ref(save('协助冻结通知书'))] });
    store.measureStore.insertMeasure(withdrawn);
    store.measureStore.updateMeasure(withdrawn.id, { state: 'cancelled' });
    expect(store.measureStore.getMeasure(withdrawn.id)!.documents.map((d) => d.voided?.reason)).toEqual(['措施已撤回，未发出', '措施已撤回，未发出']);
    const refused = measure(c, assets[1]!, { amount: 100_000, documents: [ref(save('冻结裁定书'))] });
    store.measureStore.insertMeasure(refused);
    store.measureStore.updateMeasure(refused.id, { state: 'sent', attempts: 1 });
    store.measureStore.updateMeasure(refused.id, { state: 'rejected', outcome: { rejection: { code: 'ACCOUNT_CLOSED', message: '账户已销户' } } });
    expect(store.measureStore.getMeasure(refused.id)!.documents[0]!.voided?.reason).toBe('协助执行单位拒绝冻结：账户已销户（ACCOUNT_CLOSED）');
    expect(store.audit.list({ caseId: c.id }).filter((e) => e.action === 'document.voided')).toHaveLength(3);
  });

  it('numbers the documents of a case 之一, 之二 …, keeps the PDF with its digest, and attaches to one measure', () => {
    expect(store.documents.nextNumber(c.id)).toEqual({ seq: 1, number: '(2025)黔0103执1234号之一' });
    const pdf = pdfWith(`被执行人 ${NAME}`);
    const ruling = store.documents.save({
      caseId: c.id, type: '冻结裁定书', pdf, content: { debtor: NAME, account: ACCOUNT }, createdBy: JUDGE, number: '(2025)黔0103执1234号之一',
    });
    expect(ruling).toMatchObject({ seq: 1, number: '(2025)黔0103执1234号之一', court: '黔0103', sha256: createHash('sha256').update(pdf).digest('hex') });
    const notice = store.documents.save({ caseId: c.id, type: '协助冻结通知书', pdf: pdfWith('通知'), content: {}, createdBy: JUDGE });
    expect(notice).toMatchObject({ seq: 2, number: '(2025)黔0103执1234号之二' }); // every document its own number
    expect(store.documents.nextNumber(c.id).number).toBe('(2025)黔0103执1234号之三');
    expect(store.documents.nextNumber(newCase(store, 99).id).number).toBe('(2025)黔0103执99号之一'); // per case
    expect(code(() => store.documents.save({ caseId: c.id, type: '冻结裁定书', pdf, content: {}, createdBy: JUDGE, number: '(2025)黔0103执1234号之一' }))).toBe('VALIDATION');
    expect(store.documents.pdf(ruling.id)!.equals(pdf)).toBe(true);
    expect(store.documents.content(ruling.id)).toEqual({ debtor: NAME, account: ACCOUNT });

    const m = measure(c, assets[0]!, { documents: [{ id: ruling.id, type: ruling.type, number: ruling.number, sha256: ruling.sha256, createdAt: ruling.createdAt }] });
    store.measureStore.insertMeasure(m);
    store.documents.attach(notice.id, m.id);
    expect(store.measureStore.getMeasure(m.id)!.documents.map((d) => d.type)).toEqual(['冻结裁定书', '协助冻结通知书']);
    expect(store.documents.listForCase(c.id).map((d) => d.measureId)).toEqual([m.id, m.id]);
    // a document carries one measure, of its own kind
    expect(code(() => store.measureStore.insertMeasure(measure(c, assets[1]!, { documents: [{ id: ruling.id }] as Measure['documents'] })))).toBe('VALIDATION');
    const deductRuling = store.documents.save({ caseId: c.id, type: '扣划裁定书', pdf: pdfWith('扣划'), content: {}, createdBy: JUDGE });
    expect(code(() => store.documents.attach(deductRuling.id, m.id))).toBe('VALIDATION');
    expect(store.audit.list({ caseId: c.id }).filter((e) => e.action === 'document.generate').map((e) => e.legalBasis)).toEqual([
      '《中华人民共和国民事诉讼法》第二百五十三条', '《中华人民共和国民事诉讼法》第二百五十三条', '《中华人民共和国民事诉讼法》第二百五十三条',
    ]);
  });

  it('keeps the PDF and its content only inside the encrypted database: a raw scan of the data folder finds neither', () => {
    const secretName = '欧阳明珠';
    const pdf = pdfWith(`被执行人 ${secretName} 账号 ${ACCOUNT}`);
    expect(pdf.includes(Buffer.from(secretName, 'utf8'))).toBe(true); // the needle is really in the bytes stored
    store.documents.save({ caseId: c.id, type: '冻结裁定书', pdf, content: { debtor: `${secretName}（内容）` }, createdBy: JUDGE });
    const needles = [secretName, `${secretName}（内容）`, ACCOUNT, NAME].flatMap((s) => [Buffer.from(s, 'utf8'), Buffer.from(s, 'utf16le')]);
    const scan = () => fs.readdirSync(dir).flatMap((f) => {
      const bytes = fs.readFileSync(path.join(dir, f));
      return needles.filter((x) => bytes.includes(x)).map(() => f);
    });
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
    expect(scan()).toEqual([]);
    store.close();
    expect(fs.readdirSync(dir).every((f) => f.startsWith('store.db'))).toBe(true);
    expect(scan()).toEqual([]);
  });

  it('a generated document cannot be changed or deleted', () => {
    const d = store.documents.save({ caseId: c.id, type: '冻结裁定书', pdf: pdfWith('x'), content: {}, createdBy: JUDGE });
    store.close();
    const raw = openEncryptedDb(file, key);
    expect(() => raw.prepare("UPDATE documents SET pdf = x'00' WHERE id = ?").run(d.id)).toThrow(/DOCUMENT_FIXED/);
    expect(() => raw.prepare('DELETE FROM documents WHERE id = ?').run(d.id)).toThrow(/kept/);
    raw.close();
  });
});

describe('reminders, balance checks, settings and the audit chain', () => {
  let c: StoredCase;
  let assets: Asset[];
  beforeEach(() => {
    c = newCase(store);
    assets = assetsFor(store, c);
  });

  it('marks a reminder delivered once and audits it once', () => {
    const f = executedFreeze(c, assets[0]!);
    const r = { measureId: f.id, daysBefore: 30, dueOn: '2026-01-30', deliveredTo: JUDGE };
    expect(store.reminders.isDelivered(f.id, 30)).toBe(false);
    expect(store.reminders.markDelivered(r)).toBe(true);
    expect(store.reminders.markDelivered({ ...r, deliveredTo: CHIEF })).toBe(false);
    expect(store.reminders.isDelivered(f.id, 30)).toBe(true);
    expect(store.reminders.isDelivered(f.id, 7)).toBe(false);
    expect(store.reminders.listDelivered(f.id)).toMatchObject([{ key: `${f.id}:30`, daysBefore: 30, dueOn: '2026-01-30', deliveredTo: JUDGE }]);
    const entries = store.audit.list({ caseId: c.id }).filter((e) => e.action === 'reminder.delivered');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.legalBasis).toContain('第四百八十五条');
    expect(code(() => store.reminders.markDelivered({ ...r, measureId: 'missing' }))).toBe('NOT_FOUND');
  });

  it('records the frozen balance re-queried before deducting and tells whether it is fresh enough', () => {
    const f = executedFreeze(c, assets[0]!);
    expect(store.balanceChecks.latest(f.id)).toBeUndefined();
    store.balanceChecks.record({ freezeId: f.id, amount: 300_000, checkedAt: '2025-03-01T06:00:00.000Z', requestId: 'rq-1' });
    const last = store.balanceChecks.record({ freezeId: f.id, amount: 280_000, checkedAt: '2025-03-01T06:20:00.000Z', requestId: 'rq-2' }, JUDGE);
    expect(store.balanceChecks.latest(f.id)).toEqual(last);
    expect(store.balanceChecks.fresh(f.id, new Date('2025-03-01T06:29:59.000Z'))).toEqual(last); // default: 10 minutes
    expect(store.balanceChecks.fresh(f.id, new Date('2025-03-01T06:30:01.000Z'))).toBeUndefined();
    expect(store.balanceChecks.fresh(f.id, new Date('2025-03-01T06:40:00.000Z'), 30)).toEqual(last);
    const d = actOn(c, assets[0]!, f, 'deduct', { amount: 1_000 });
    expect(code(() => store.balanceChecks.record({ freezeId: d.id, amount: 1, checkedAt: '2025-03-01T06:00:00.000Z', requestId: 'x' }))).toBe('NOT_FOUND');
  });

  it('has typed settings with defaults; updates are validated, kept and audited', () => {
    expect(store.settings.all()).toEqual({
      approvalThreshold: 10_000_000, reminderDays: [30, 7, 1], courtAccounts: [], exemptLivingAllowance: 90_000, exemptLivingMonths: 1, balanceMaxAgeMinutes: 10, creditRemovalWorkingDays: 3,
    });
    expect(store.settings.changedBy('reminderDays')).toBeUndefined();
    expect(store.settings.set('reminderDays', [7, 60, 7, 15], CHIEF)).toEqual([60, 15, 7]);
    const account = { id: 'main', name: '贵阳市云岩区人民法院', bank: '中国工商银行贵阳云岩支行', accountNo: '2402 0000 0000 0000 000' };
    const all = store.settings.update({ courtAccounts: [account], approvalThreshold: 5_000_000 }, CHIEF);
    expect(all.courtAccounts).toEqual([{ ...account, accountNo: '2402000000000000000' }]);
    expect(all.approvalThreshold).toBe(5_000_000);
    expect(store.settings.changedBy('approvalThreshold')).toMatchObject({ by: CHIEF });
    expect(code(() => store.settings.set('approvalThreshold', 12.5, CHIEF))).toBe('VALIDATION');
    expect(code(() => store.settings.set('balanceMaxAgeMinutes', 0, CHIEF))).toBe('VALIDATION');
    expect(code(() => store.settings.set('exemptLivingMonths', 0, CHIEF))).toBe('VALIDATION');
    expect(code(() => store.settings.set('exemptLivingMonths', 2.5, CHIEF))).toBe('VALIDATION');
    expect(store.settings.set('exemptLivingMonths', 3, CHIEF)).toBe(3);
    expect(code(() => store.settings.update({ exemptLivingAllowance: 1, reminderDays: [-1] }, CHIEF))).toBe('VALIDATION');
    expect(store.settings.get('exemptLivingAllowance')).toBe(90_000); // all or none
    expect(code(() => store.settings.set('courtAccounts', [{ id: 'x', name: '', bank: 'b', accountNo: '1' }], CHIEF))).toBe('VALIDATION');
    expect(code(() => store.settings.set('courtAccounts', [account, account], CHIEF))).toBe('VALIDATION');
    store.settings.reset('reminderDays', CHIEF);
    expect(store.settings.get('reminderDays')).toEqual([30, 7, 1]);
    store.close();
    store = openSecureStore({ file, key, clock });
    expect(store.settings.get('approvalThreshold')).toBe(5_000_000);
    const audited = store.audit.list().filter((e) => e.action.startsWith('settings.'));
    expect(audited).toHaveLength(5);
    expect(audited.map((e) => e.detail).join('\n')).not.toContain('2402000000000000000'); // the account is masked in the log
  });

  it('audits every state change with its legal basis, in the same transaction, and the chain still verifies', () => {
    const f = executedFreeze(c, assets[0]!);
    const r = actOn(c, assets[0]!, f, 'renew', { endsOn: '2027-02-27' });
    execute(r.id, { endsOn: '2027-02-27' });
    const u = actOn(c, assets[0]!, f, 'unfreeze', { amount: 1_000 });
    store.measures.updateMeasure(u.id, { state: 'cancelled' }, JUDGE);
    const entries = store.audit.list({ caseId: c.id, limit: 1000 }).reverse().filter((e) => e.action.startsWith('measure.'));
    expect(entries.map((e) => [e.action, e.legalBasis])).toEqual([
      ['measure.freeze.queued', '《中华人民共和国民事诉讼法》第二百五十三条'],
      ['measure.freeze.sent', '《中华人民共和国民事诉讼法》第二百五十三条'],
      ['measure.freeze.executed', '《中华人民共和国民事诉讼法》第二百五十三条'],
      ['measure.renew.queued', '《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第四百八十五条'],
      ['measure.renew.sent', '《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第四百八十五条'],
      ['measure.renew.executed', '《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第四百八十五条'],
      ['measure.unfreeze.queued', '《最高人民法院关于人民法院民事执行中查封、扣押、冻结财产的规定》第二十八条'],
      ['measure.unfreeze.cancelled', '《最高人民法院关于人民法院民事执行中查封、扣押、冻结财产的规定》第二十八条'],
    ]);
    expect(entries.every((e) => e.caseNumber === c.number && e.subject?.startsWith(`party:${debtorOf(c).id}`))).toBe(true);
    const text = entries.map((e) => `${e.subject} ${e.detail}`).join('\n');
    expect(text).not.toContain(ID);
    expect(text).not.toContain(NAME);
    expect(entries.at(-1)!.officer).toBe(JUDGE);
    // a refused change writes neither the change nor an entry
    const before = store.audit.count();
    expect(() => store.measureStore.updateMeasure(f.id, { state: 'queued' })).toThrow(MeasureStateError);
    expect(store.audit.count()).toBe(before);
    expect(store.measures.history(f.id)).toHaveLength(3);
    expect(store.audit.verify()).toEqual({ ok: true, entries: store.audit.count() });
  });
});
