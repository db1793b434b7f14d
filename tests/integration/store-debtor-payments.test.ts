/**
 * A debtor's own payment in the store (docs/domain.md rule 1, "What is recovered"): it raises the
 * case's recovered amount in the same write as its row, so the one cap formula — late-performance
 * interest included — reads it; the interest stops accruing on the part paid from the day after he
 * paid; a reversal takes it back out, once; the store refuses bad input with its reason.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openEncryptedDb } from '../../electron/store/db';
import { migrate } from '../../electron/store/migrations';
import { openSecureStore, type SecureStore } from '../../electron/store';
import { freezeCap, lateInterest } from '../../shared/rules';
import type { AppFailure } from '../../shared/app-failure';

const dirs: string[] = [];
const stores: SecureStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const NOW = new Date('2026-02-09T03:00:00.000Z'); // 2026-02-09 in Beijing
const T = NOW.toISOString();

/** ¥100,000 ordered paid by 2026-01-10 (interest on it), costs ¥2,300. */
function storeWithCase(): SecureStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-payments-'));
  dirs.push(dir);
  const file = path.join(dir, 'store.db');
  const key = randomBytes(32);
  const d = openEncryptedDb(file, key, { create: true });
  migrate(d);
  d.prepare(`INSERT INTO cases (id, number, court, type, filed_on, status, cause, amount_owed, costs, recovered, created_at, updated_at, performance_due_on, interest_principal)
    VALUES ('c1', '(2026)黔0103执9号', '黔0103', '执', '2026-01-20', 'open', '买卖合同纠纷', 10000000, 230000, 0, ?, ?, '2026-01-10', 10000000)`).run(T, T);
  d.prepare(`INSERT INTO parties (id, case_id, position, role, kind, name, id_number) VALUES
    ('pa', 'c1', 0, 'applicant', 'company', '甲公司', '91520100MA6DKQ5J2X'), ('pd', 'c1', 1, 'debtor', 'person', '乙', '520102197001010027')`).run();
  d.close();
  const s = openSecureStore({ file, key, clock: () => NOW });
  stores.push(s);
  return s;
}

const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as AppFailure).error;
  }
  throw new Error('expected a refusal');
};

describe('a debtor’s own payment in the store', () => {
  it('counts in recovered and in the interest from the day after he paid; a reversal restores both', () => {
    const s = storeWithCase();
    const before = s.measures.capForCase('c1');
    // nothing paid: ¥100,000 × 1.75‱ × 30 days = ¥525.00
    expect(before).toBe(10_000_000 + 230_000 + 52_500);
    const p = s.debtorPayments.record({ caseId: 'c1', partyId: 'pd', amount: 4_000_000, paidOn: '2026-01-30', method: 'court-account' }, 'F520103001');
    expect(s.cases.get('c1')!.recovered).toBe(4_000_000);
    // 20 days (01-11 … 01-30, the day he paid included) on ¥100,000, then 10 days on ¥60,000
    const interest = 20 * 1_750 + 10 * 1_050;
    expect(lateInterest({ principal: 10_000_000, dueOn: '2026-01-10', asOf: '2026-02-09', payments: [{ on: '2026-01-30', amount: 4_000_000 }], paidUndated: 0 }).amount).toBe(interest);
    expect(s.measures.capForCase('c1')).toBe(10_000_000 + 230_000 + interest - 4_000_000);
    expect(s.measures.capForCase('c1')).toBe(freezeCap(s.measures.capInputFor('c1')));

    s.debtorPayments.reverse('c1', p.id, '款项被退回', 'F520103001');
    expect(s.cases.get('c1')!.recovered).toBe(0);
    expect(s.measures.capForCase('c1')).toBe(before);
    expect(failure(() => s.debtorPayments.reverse('c1', p.id, '再撤', 'F520103001')).detail?.zh).toContain('已经撤销');
    expect(s.cases.get('c1')!.recovered).toBe(0);
    expect(s.debtorPayments.ofCase('c1')).toEqual([expect.objectContaining({ id: p.id, reversal: expect.objectContaining({ reason: '款项被退回' }) })]);
    const audit = s.audit.list({ caseId: 'c1', limit: 50 }).map((a) => a.action);
    expect(audit).toEqual(expect.arrayContaining(['payment.recorded', 'payment.reversed']));
  });

  it('refuses zero, negative, fractional amounts, a day after today, a malformed day and the applicant', () => {
    const s = storeWithCase();
    const base = { caseId: 'c1', partyId: 'pd', amount: 100, paidOn: '2026-02-09', method: 'other' as const };
    for (const bad of [{ amount: 0 }, { amount: -1 }, { amount: 0.5 }, { paidOn: '2026-02-10' }, { paidOn: '2026-2-1' }, { partyId: 'pa' }]) {
      const e = failure(() => s.debtorPayments.record({ ...base, ...bad }, 'F520103001'));
      expect(e.detail?.zh, JSON.stringify(bad)).toBeTruthy();
      expect(e.detail?.en, JSON.stringify(bad)).toBeTruthy();
    }
    expect(s.debtorPayments.ofCase('c1')).toEqual([]);
    expect(s.cases.get('c1')!.recovered).toBe(0);
    // today itself is fine
    expect(s.debtorPayments.record(base, 'F520103001').paidOn).toBe('2026-02-09');
  });
});
