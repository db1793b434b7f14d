/**
 * The cap includes the interest for late performance (docs/domain.md rule 1; 民诉法 第二百六十四条;
 * 迟延履行利息解释): one formula, freezeCap, gives the same number in the rule, in the store's last
 * guard and in what the freeze panel and the case header show.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openEncryptedDb } from '../../electron/store/db';
import { migrate } from '../../electron/store/migrations';
import { openSecureStore } from '../../electron/store';
import type { Measure } from '../../shared/domain/measures';
import { freezeCap, lateInterest } from '../../shared/rules';
import { todayCst } from '../../shared/dates';
import { startCore, type Core } from '../../electron/services/core';
import { appDriver, setUpAs } from '../helpers/app-driver';
import type { CaseDetail, CaseSummary } from '../../shared/domain/types';
import type { FreezePlan } from '../../shared/domain/measure-views';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const NOW = new Date('2026-02-09T03:00:00.000Z'); // 2026-02-09 in Beijing
const T = NOW.toISOString();

/** ¥100,000 ordered paid by 2026-01-10, costs ¥2,300, a deposit of ¥200,000 found. */
function storeWithCase() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-interest-'));
  dirs.push(dir);
  const file = path.join(dir, 'store.db');
  const key = randomBytes(32);
  const d = openEncryptedDb(file, key, { create: true });
  migrate(d);
  d.pragma('foreign_keys = OFF');
  d.prepare(`INSERT INTO cases (id, number, court, type, filed_on, status, cause, amount_owed, costs, recovered, created_at, updated_at, performance_due_on, interest_principal)
    VALUES ('c1', '(2026)黔0103执9号', '黔0103', '执', '2026-01-20', 'open', '买卖合同纠纷', 10000000, 230000, 0, ?, ?, '2026-01-10', 10000000)`).run(T, T);
  d.prepare(`INSERT INTO parties (id, case_id, position, role, kind, name, id_number) VALUES
    ('pa', 'c1', 0, 'applicant', 'company', '甲公司', '91520100MA6DKQ5J2X'), ('pd', 'c1', 1, 'debtor', 'person', '乙', '520102197001010027')`).run();
  d.prepare(`INSERT INTO assets (id, case_id, party_id, request_id, position, channel, kind, institution, identifier, description, value, available, found_at)
    VALUES ('a1', 'c1', 'pd', 'r1', 0, 'bank.icbc', 'deposit', '中国工商银行', '6222000000000001', '活期存款', 20000000, 20000000, ?)`).run(T);
  d.close();
  return openSecureStore({ file, key, clock: () => NOW });
}

function freeze(id: string, amount: number): Measure {
  return {
    id, caseId: 'c1', partyId: 'pd', assetId: 'a1', channel: 'bank.icbc', assetKind: 'deposit', assetIdentifier: '6222000000000001',
    kind: 'freeze', state: 'queued', amount, endsOn: '2027-02-08', decidedBy: 'F520103001', decisionId: `dec-${id}`,
    documents: [], attempts: 0, createdAt: T, updatedAt: T,
  };
}

describe('the cap with late-performance interest', () => {
  it('¥100,000 due by 2026-01-10, paid nothing, on 2026-02-09: ¥525.00 interest; the cap is the same ¥102,825.00 in the rule and in the store, whose guard keeps it', () => {
    const s = storeWithCase();
    try {
      const rule = freezeCap({ amountOwed: 10_000_000, costs: 230_000, recovered: 0, lateInterest: { principal: 10_000_000, dueOn: '2026-01-10', asOf: '2026-02-09' } });
      expect(rule).toBe(10_282_500);
      expect(s.measures.capForCase('c1')).toBe(rule);
      expect(s.cases.get('c1')).toMatchObject({ performanceDueOn: '2026-01-10', interestPrincipal: 10_000_000 });
      // one fen above the cap with interest is over-seizure; the cap itself is not
      expect(() => s.measureStore.insertMeasure(freeze('over', rule + 1))).toThrow(/over-seizure/);
      s.measureStore.insertMeasure(freeze('at-cap', rule));
      expect(s.measures.getMeasure('at-cap')!.state).toBe('queued');
    } finally {
      s.close();
    }
  });

  it('a deduction executed on 2026-01-20 stops interest on what it paid from the next day, and the cap takes the payment off', () => {
    const s = storeWithCase();
    try {
      s.measureStore.insertMeasure(freeze('f1', 4_000_000));
      s.measureStore.updateMeasure('f1', { state: 'executed', outcome: { frozenAmount: 4_000_000, endsOn: '2027-02-08', queuePosition: 0 } });
      s.measureStore.insertMeasure({ ...freeze('d1', 4_000_000), kind: 'deduct', freezeId: 'f1', endsOn: undefined, courtAccount: { id: 'acc1', bank: '中国工商银行贵阳分行', accountNo: '2402000000000000001', name: '贵阳市云岩区人民法院' } });
      s.measureStore.updateMeasure('d1', { state: 'executed', outcome: { deductedAmount: 4_000_000, executedAt: '2026-01-20T02:00:00.000Z' } });
      expect(s.cases.get('c1')!.recovered).toBe(4_000_000);
      expect(s.measures.capInputFor('c1').lateInterest!.payments).toEqual([{ on: '2026-01-20', amount: 4_000_000 }]);
      // interest: ¥100,000 × 10 days (01-11…01-20) = ¥175.00, then ¥60,000 × 20 days = ¥210.00
      expect(s.measures.capForCase('c1')).toBe(10_000_000 + 230_000 + 38_500 - 4_000_000);
    } finally {
      s.close();
    }
  });
});

describe('a demo case whose judgment set a performance deadline', () => {
  let dir: string;
  let core: Core;
  const app = appDriver(() => core);
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-interest-app-'));
    core = await startCore({ dataDir: dir, mode: 'host', version: 'test', env: { CK_SANDBOX_LATENCY_SCALE: '0.01' } });
    await setUpAs(app, core.sandbox!, 'F520103001', 'correct horse');
  });
  afterAll(async () => {
    await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows the interest in the case and in the freeze plan, and the plan\'s cap is freezeCap of the case', async () => {
    const list = await app.value<{ items: CaseSummary[] }>('cases', 'list', { limit: 500, mine: true });
    let c: CaseDetail | undefined;
    for (const s of list.items) {
      const d = await app.value<CaseDetail>('cases', 'get', { caseId: s.id });
      if (d.performanceDueOn !== undefined && d.recovered === 0) {
        c = d;
        break;
      }
    }
    expect(c).toBeDefined();
    const today = todayCst();
    const interest = lateInterest({ principal: c!.interestPrincipal!, dueOn: c!.performanceDueOn!, asOf: today });
    expect(interest.amount).toBeGreaterThan(0);
    expect(c!.lateInterest).toEqual({ amount: interest.amount, from: interest.from, days: interest.days });
    const plan = await app.value<FreezePlan>('measures', 'plan', { caseId: c!.id });
    expect(plan.lateInterest).toEqual(c!.lateInterest);
    expect(plan.cap).toBe(freezeCap({
      amountOwed: c!.amountOwed, costs: c!.costs, recovered: 0,
      lateInterest: { principal: c!.interestPrincipal!, dueOn: c!.performanceDueOn!, asOf: today },
    }));
    expect(plan.cap).toBe(c!.amountOwed + c!.costs + interest.amount);
  });
});
