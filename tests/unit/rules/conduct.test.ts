/**
 * Refusing or unable (docs/domain.md rule 8): the proposal names every fact it rests on, each with
 * its record; the judge decides.
 */
import { describe, expect, it } from 'vitest';
import { assessConduct, reviewProblem, type TimelineEvent } from '../../../shared/rules/conduct';

const ev = (kind: TimelineEvent['kind'], at: string, amount?: number): TimelineEvent =>
  ({ kind, at, ...(amount !== undefined ? { amount } : {}), words: { zh: kind, en: kind }, source: { kind: 'asset', id: `${kind}-${at}` } });
const assess = (events: TimelineEvent[]) => assessConduct({ partyId: 'p1', name: '张三', filedOn: '2026-01-04', today: '2026-06-01', events });

describe('失信: a sign of refusing', () => {
  it('a train booking refused under the restriction makes him refusing, with the booking as ground', () => {
    const a = assess([ev('report-filed', '2026-01-10'), ev('breach', '2026-03-01')]);
    expect(a.proposed).toBe('refusing');
    expect(a.grounds.map((g) => g.source!.id)).toEqual(['breach-2026-03-01']);
    expect(a.against.map((g) => g.source!.id)).toEqual(['report-filed-2026-01-10']);
  });
  it('a balance of means seen, or an account opened after filing, or no report by the deadline', () => {
    expect(assess([ev('balance', '2026-02-01', 500_000)]).proposed).toBe('refusing');
    expect(assess([ev('account-new', '2026-02-01')]).proposed).toBe('refusing');
    expect(assess([ev('report-missing', '2026-01-20')]).proposed).toBe('refusing');
  });
});

describe('积极履行: he paid himself and nothing says he refuses', () => {
  it('a payment with a filed report', () => {
    const a = assess([ev('report-filed', '2026-01-10'), ev('payment', '2026-02-01', 20_000), ev('balance', '2026-02-01', 1_000)]);
    expect(a.proposed).toBe('performing');
    expect(a.grounds.map((g) => g.source!.id)).toContain('payment-2026-02-01');
  });
});

describe('失能: report filed, only living money seen', () => {
  it('balances below ¥1,000 throughout and the report filed', () => {
    const a = assess([ev('balance', '2026-05-01', 9_999), ev('report-filed', '2026-01-10'), ev('balance', '2026-02-01', 30_000)]);
    expect(a.proposed).toBe('unable');
    expect(a.timeline.map((e) => e.at)).toEqual(['2026-01-10', '2026-02-01', '2026-05-01']);
    expect(a.grounds).toHaveLength(3);
  });
  it('without a report filed the records do not yet say', () => {
    expect(assess([ev('balance', '2026-02-01', 100)]).proposed).toBeUndefined();
  });
});

describe('what a judge reads in the proposal', () => {
  it('no report filed and a balance that moved after filing: 失信, resting on both, each with its record', () => {
    const a = assess([
      ev('report-ordered', '2026-01-05'),
      ev('balance', '2026-01-06', 20_000),
      ev('report-missing', '2026-01-20'),
      ev('balance', '2026-03-01', 1_254_500),
      ev('balance-rise', '2026-03-01', 1_234_500),
    ]);
    expect(a.proposed).toBe('refusing');
    expect(a.grounds.map((g) => g.source!.id).sort()).toEqual(['balance-2026-03-01', 'balance-rise-2026-03-01', 'report-missing-2026-01-20']);
    // the order itself and a small balance are shown on the timeline, not weighed
    expect(a.timeline).toHaveLength(5);
    expect(a.grounds.map((g) => g.source!.id)).not.toContain('report-ordered-2026-01-05');
  });
  it('a small rise of living money is not a sign of refusing', () => {
    const a = assess([ev('report-filed', '2026-01-10'), ev('balance', '2026-02-01', 5_000), ev('balance-rise', '2026-02-01', 4_000)]);
    expect(a.proposed).toBe('unable');
  });
  it('no assets found and the report filed truthfully: 失能', () => {
    const a = assess([ev('report-ordered', '2026-01-05'), ev('report-filed', '2026-01-12')]);
    expect(a.proposed).toBe('unable');
    expect(a.grounds.map((g) => g.source!.id)).toEqual(['report-filed-2026-01-12']);
  });
  it('partial payments of his own: 积极履行, each payment a ground; deductions by the court are not his payments', () => {
    const a = assess([ev('report-filed', '2026-01-10'), ev('payment', '2026-02-01', 50_000), ev('payment', '2026-03-01', 50_000)]);
    expect(a.proposed).toBe('performing');
    expect(a.grounds.map((g) => g.source!.id)).toEqual(['payment-2026-02-01', 'payment-2026-03-01', 'report-filed-2026-01-10']);
    expect(assess([ev('deduction', '2026-02-01', 50_000)]).proposed).toBeUndefined();
  });
});

describe('the judge’s word', () => {
  it('a confirmation stands without a reason; an override needs one, in both languages', () => {
    expect(reviewProblem('refusing', 'refusing', undefined)).toBeUndefined();
    const p = reviewProblem('refusing', 'unable', ' ');
    expect(p?.zh).toContain('须说明理由');
    expect(p?.en).toContain('needs a reason');
    expect(reviewProblem('refusing', 'unable', '其母重病住院，存款系医疗费')).toBeUndefined();
    expect(reviewProblem(undefined, 'unable', undefined)?.en).toContain('propose nothing');
  });
});
