/**
 * The groundwork of active warnings and joint punishment, as a judge relies on it: an alert is
 * raised once per fact however often it is found again, a job resumes after its process died, and
 * a listing decision is one exchange with the credit platform however often it is submitted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSecureStore, type SecureStore } from '../../electron/store';
import { MIN_SCRYPT } from '../../electron/store/kdf';
import { code } from '../helpers/error-code';

let dir: string;
let file: string;
let key: Buffer;
let store: SecureStore;
let now = Date.UTC(2026, 2, 1, 2);
const clock = () => new Date(now);

const open = () => openSecureStore({ file, key, clock, scrypt: MIN_SCRYPT });

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-alerts-'));
  file = path.join(dir, 'store.db');
  key = randomBytes(32);
  store = openSecureStore({ file, key, create: true, clock, scrypt: MIN_SCRYPT });
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const aCase = () => store.cases.create({
  number: '(2026)黔0103执77号', filedOn: '2026-01-05', cause: '借款合同纠纷', amountOwed: 5_000_000, costs: 0,
  applicant: { kind: 'company', name: '贵阳某某银行股份有限公司', idNumber: '91520100MA6DJ1234R' },
  debtors: [{ kind: 'person', name: '王五', idNumber: '520102197001010019' }],
});

describe('alerts', () => {
  it('raises an alert once per fact, also after a restart, and records who acknowledged and who was assigned', () => {
    const c = aCase();
    const input = {
      caseId: c.id, kind: 'restriction.breach' as const, dedupeKey: 'breach:G1234:2026-03-01', action: 'control' as const,
      reason: { zh: '被限制消费人员购买G1234次列车车票被拒', en: 'a restricted debtor tried to buy a G-train ticket' }, source: { kind: 'booking', id: 'B1' },
    };
    expect(store.alerts.raise(input).raised).toBe(true);
    expect(store.alerts.raise(input).raised).toBe(false);
    store.close();
    store = open();
    expect(store.alerts.raise(input).raised).toBe(false);
    const [a] = store.alerts.list({ states: ['open'] });
    expect(a).toMatchObject({ kind: 'restriction.breach', source: { kind: 'booking', id: 'B1' }, action: 'control', state: 'open' });
    expect(store.alerts.assign(a!.id, 'C001', 'F002').assignedTo).toBe('F002');
    expect(store.alerts.acknowledge(a!.id, 'F002')).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'F002' });
    expect(store.alerts.list({ states: ['open'] })).toHaveLength(0);
    expect(store.audit.list({ caseId: c.id }).map((e) => e.action)).toEqual(expect.arrayContaining(['alert.raised', 'alert.assigned', 'alert.acknowledged']));
    expect(code(() => store.alerts.raise({ ...input, caseId: 'nope', dedupeKey: 'x' }))).toBe('NOT_FOUND');
  });
});

describe('jobs', () => {
  it('runs a job when due, takes it up again after its process died, and keeps its progress', () => {
    const c = aCase();
    const j = store.jobs.create({ kind: 'terminal.requery', caseId: c.id, runAt: '2026-03-02T00:00:00.000Z', total: 10, createdBy: 'F001' });
    expect(store.jobs.claimDue(clock(), 30_000)).toHaveLength(0);
    now = Date.UTC(2026, 2, 2, 1);
    const [run] = store.jobs.claimDue(clock(), 30_000);
    expect(run).toMatchObject({ id: j.id, state: 'running' });
    expect(store.jobs.claimDue(clock(), 30_000)).toHaveLength(0);
    store.jobs.progress(j.id, { done: 4, total: 10 }, { next: 4 });
    // the process dies: nothing finishes the run; its lease runs out
    store.close();
    store = open();
    now += 31_000;
    const [again] = store.jobs.claimDue(clock(), 30_000);
    expect(again).toMatchObject({ id: j.id, progress: { done: 4, total: 10 }, params: { next: 4 } });
    const next = store.jobs.finishRun(j.id, { next: '2026-09-02T00:00:00.000Z' });
    expect(next).toMatchObject({ state: 'queued', runs: 1, runAt: '2026-09-02T00:00:00.000Z' });
  });

  it('pauses, resumes and cancels as an officer asks, and refuses to revive a cancelled job', () => {
    const j = store.jobs.create({ kind: 'alerts.scan', createdBy: 'F001' });
    expect(store.jobs.pause(j.id, 'F001').state).toBe('paused');
    expect(store.jobs.claimDue(clock(), 30_000)).toHaveLength(0);
    expect(store.jobs.resume(j.id, 'F001').state).toBe('queued');
    expect(store.jobs.cancel(j.id, 'F001').state).toBe('cancelled');
    expect(code(() => store.jobs.resume(j.id, 'F001'))).toBe('VALIDATION');
    expect(store.jobs.claimDue(clock(), 30_000)).toHaveLength(0);
  });

  it('a job paused while it runs stays paused when the run ends', () => {
    const j = store.jobs.create({ kind: 'freeze.repeat', createdBy: 'F001' });
    store.jobs.claimDue(clock(), 30_000);
    store.jobs.pause(j.id, 'F001');
    expect(store.jobs.progress(j.id, { done: 1, total: 2 })).toBe(false);
    expect(store.jobs.finishRun(j.id, { next: '2026-03-03T00:00:00.000Z' })).toMatchObject({ state: 'paused', runAt: '2026-03-03T00:00:00.000Z' });
  });
});

describe('credit exchanges', () => {
  it('one listing decision is one exchange, however often it is submitted; a settled one stays settled', () => {
    const c = aCase();
    const req = {
      id: 'L1-publish', kind: 'listing.publish' as const, caseId: c.id, recordId: 'L1',
      subjects: [{ kind: 'person' as const, name: '王五', idNumber: '520102197001010019' }], payload: { ground: 1 }, signatures: [],
    };
    expect(store.creditExchanges.submit(req, 'F001').created).toBe(true);
    expect(store.creditExchanges.submit({ ...req, id: 'L1-publish-again' }, 'F001')).toMatchObject({ created: false, exchange: { id: 'L1-publish' } });
    expect(store.creditExchanges.open().map((e) => e.id)).toEqual(['L1-publish']);
    store.creditExchanges.patch('L1-publish', { state: 'sent', attempted: true });
    store.creditExchanges.patch('L1-publish', { state: 'accepted', platformRef: 'SX00000001' });
    expect(store.creditExchanges.patch('L1-publish', { state: 'rejected', reason: { zh: '迟到的回执', en: 'late' } })).toMatchObject({ state: 'accepted', platformRef: 'SX00000001', attempts: 1 });
    expect(store.creditExchanges.open()).toHaveLength(0);
  });

  it('refuses an exchange id the platform would refuse, before anything is kept', () => {
    const c = aCase();
    const req = {
      id: 'L2:publish', kind: 'listing.publish' as const, caseId: c.id, recordId: 'L2',
      subjects: [{ kind: 'person' as const, name: '王五', idNumber: '520102197001010019' }], payload: {}, signatures: [],
    };
    expect(code(() => store.creditExchanges.submit(req, 'F001'))).toBe('VALIDATION');
    expect(store.creditExchanges.ofCase(c.id)).toHaveLength(0);
  });
});
