/**
 * 终本 (docs/domain.md rule 12; 终本规定 第一条): the case is closed without full recovery only when all
 * five conditions hold, each shown with the records it rests on; an unmet one says what is missing.
 */
import { describe, expect, it } from 'vitest';
import {
  creditCondition, investigationCondition, noticesCondition, requeryDate, searchCondition, terminalChecklist, timeCondition,
  type DebtorTerminalFacts, type TerminalFacts,
} from '../../../shared/rules/terminal';

const BANK = { zh: '工商银行', en: 'ICBC' };
const HOUSEHOLD = { zh: '户籍', en: 'household register' };

function debtor(o: Partial<DebtorTerminalFacts> = {}): DebtorTerminalFacts {
  return {
    partyId: 'p1', name: '张三',
    notices: [
      { id: 'n1', kind: 'execution-notice', issuedAt: '2026-01-05T02:00:00Z', servedOn: '2026-01-06' },
      { id: 'n2', kind: 'report-order', issuedAt: '2026-01-05T02:00:00Z', servedOn: '2026-01-06' },
    ],
    restriction: { id: 'x1' }, listing: { id: 'x2' },
    channels: [{ channel: 'bank.icbc', name: BANK, requestId: 'r1', state: 'answered' }],
    propertyLeft: [], whereaboutsAnswered: [],
    ...o,
  };
}
const facts = (d: DebtorTerminalFacts[] = [debtor()], o: Partial<TerminalFacts> = {}): TerminalFacts =>
  ({ caseId: 'c1', filedOn: '2026-01-04', today: '2026-05-01', debtors: d, ...o });

describe('condition 1: execution notice and property-report order served', () => {
  it('is met when both were served on every debtor, each fact linking to its notice', () => {
    const c = noticesCondition(facts());
    expect(c.met).toBe(true);
    expect(c.facts.map((f) => f.source)).toEqual([{ kind: 'notice', id: 'n1' }, { kind: 'notice', id: 'n2' }]);
  });
  it('says which document was never issued and which one is not yet served', () => {
    const c = noticesCondition(facts([debtor({ notices: [{ id: 'n2', kind: 'report-order', issuedAt: '2026-01-05T02:00:00Z' }] })]));
    expect(c.met).toBe(false);
    expect(c.missing.map((m) => m.zh)).toEqual(['尚未向张三发出执行通知书', '张三的报告财产令已发出但尚未送达']);
  });
});

describe('condition 2: restriction issued and listing done where it applies', () => {
  it('is unmet without an accepted restriction', () => {
    const c = creditCondition(facts([debtor({ restriction: undefined })]));
    expect(c.met).toBe(false);
    expect(c.missing[0]!.zh).toContain('限制消费令');
  });
  it('accepts a recorded reason the listing does not apply instead of a listing', () => {
    const c = creditCondition(facts([debtor({ listing: undefined, listingNotApplicable: { id: 'l1', reason: '被执行人为未成年人' } })]));
    expect(c.met).toBe(true);
    expect(c.facts.find((f) => f.source?.kind === 'listing-reason')!.zh).toContain('未成年人');
  });
  it('is unmet when neither listed nor a reason recorded', () => {
    const m = creditCondition(facts([debtor({ listing: undefined })])).missing[0]!;
    expect(m.zh).toContain('尚未纳入失信名单');
    // the judge may record the reason on the 终本 tab, for this debtor
    expect(m.listingReasonFor).toBe(debtor().partyId);
  });
});

describe('condition 3: every investigation measure used, no property left', () => {
  it('names a channel never queried and one still without an answer', () => {
    const c = investigationCondition(facts([debtor({
      channels: [{ channel: 'bank.icbc', name: BANK }, { channel: 'bank.ccb', name: { zh: '建设银行', en: 'CCB' }, requestId: 'r2', state: 'waiting' }],
    })]));
    expect(c.met).toBe(false);
    expect(c.missing.map((m) => m.zh)).toEqual(['尚未向工商银行查询张三的财产', '张三的建设银行查询尚无反馈（waiting）']);
  });
  it('is unmet while found property has not been disposed of', () => {
    const c = investigationCondition(facts([debtor({ propertyLeft: [{ assetId: 'a1', description: '工商银行 6222… 余额 ¥5,000.00', value: 500_000 }] })]));
    expect(c.met).toBe(false);
    expect(c.missing[0]!.zh).toContain('尚有可供执行的财产未处置');
  });
  it('is met when every channel answered and nothing is left', () => {
    expect(investigationCondition(facts()).met).toBe(true);
  });
});

describe('condition 4: more than three months since filing', () => {
  it('filed 4 January: not on 4 April, yes on 5 April', () => {
    expect(timeCondition(facts(undefined, { today: '2026-04-04' })).met).toBe(false);
    expect(timeCondition(facts(undefined, { today: '2026-04-04' })).missing[0]!.zh).toContain('2026-04-04 之后');
    expect(timeCondition(facts(undefined, { today: '2026-04-05' })).met).toBe(true);
  });
});

describe('condition 5: a missing debtor searched for', () => {
  it('is met when no debtor is recorded missing', () => {
    expect(searchCondition(facts()).facts[0]!.zh).toBe('无认定下落不明的被执行人');
  });
  it('is unmet for a missing debtor without any whereabouts query answered, met with one', () => {
    expect(searchCondition(facts([debtor({ missing: { findingSeq: 3 } })])).met).toBe(false);
    const c = searchCondition(facts([debtor({ missing: { findingSeq: 3 }, whereaboutsAnswered: [{ requestId: 'w1', channel: HOUSEHOLD }] })]));
    expect(c.met).toBe(true);
    expect(c.facts[0]!.source).toEqual({ kind: 'request', id: 'w1' });
  });
});

describe('the checklist', () => {
  it('is ready only when all five hold, and cites 终本规定 第一条', () => {
    expect(terminalChecklist(facts()).ready).toBe(true);
    expect(terminalChecklist(facts()).basis).toContain('终结本次执行程序的规定（试行）》第一条');
    const one = terminalChecklist(facts([debtor({ restriction: undefined })]));
    expect(one.ready).toBe(false);
    expect(one.conditions.filter((c) => !c.met).map((c) => c.id)).toEqual(['credit']);
  });
  it('re-queries every six months for five years (终本规定 第九条)', () => {
    expect(requeryDate('2026-05-01', 1)).toBe('2026-11-01');
    expect(requeryDate('2026-05-01', 10)).toBe('2031-05-01');
  });
});
