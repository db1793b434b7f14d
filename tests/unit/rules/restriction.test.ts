/** The consumption restriction as a judge reads it (docs/domain.md rule 9; 限制消费规定 第三、八、九条). */
import { describe, expect, it } from 'vitest';
import {
  BOUND_ROLE_TEXT, RESTRICTION_KIND_TABLE, RESTRICTION_KINDS, bookingKind, exemptionLastDay, exemptionRefusal, isExempt, kindCitation,
  kindsClause, liftRefusal, orderRefusals,
} from '../../../shared/rules/restriction';

describe('the nine kinds of 第三条', () => {
  it('are nine, numbered in the order of the article, each with zh and en words', () => {
    expect(RESTRICTION_KINDS).toHaveLength(9);
    expect(RESTRICTION_KIND_TABLE.map((k) => k.item)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const k of RESTRICTION_KIND_TABLE) {
      expect(k.zh.length).toBeGreaterThan(3);
      expect(k.en.length).toBeGreaterThan(3);
    }
    expect(RESTRICTION_KIND_TABLE[0].zh).toContain('飞机');
    expect(RESTRICTION_KIND_TABLE[8].zh).toContain('G字头');
  });

  it('are cited by their item', () => {
    expect(kindCitation('cabin')).toBe('《最高人民法院关于限制被执行人高消费及有关消费的若干规定》第三条第一款第一项');
    expect(kindCitation('bullet-train')).toMatch(/第三条第一款第九项$/);
  });

  it('are listed in the order in the article’s order, whatever order the judge ticked them', () => {
    expect(kindsClause(['bullet-train', 'cabin'])).toBe(`（一）${RESTRICTION_KIND_TABLE[0].zh}；（二）${RESTRICTION_KIND_TABLE[8].zh}`);
  });
});

describe('whom an order binds (第三条第二款)', () => {
  it('a company’s order must name its legal representative', () => {
    const r = orderRefusals({ debtorKind: 'company', kinds: ['cabin'], bound: [{ role: 'actual-controller', idNumber: '520103199001011234' }] });
    expect(r.map((x) => x.code)).toEqual(['COMPANY_NO_REPRESENTATIVE']);
    expect(r[0]!.zh).toContain('法定代表人');
  });

  it('a company’s order with its representative and actual controller is complete', () => {
    expect(orderRefusals({
      debtorKind: 'company', kinds: ['cabin', 'bullet-train'],
      bound: [{ role: 'legal-representative', idNumber: 'A' }, { role: 'actual-controller', idNumber: 'B' }],
    })).toEqual([]);
  });

  it('a person’s order binds him alone; nobody may be named twice; at least one kind', () => {
    expect(orderRefusals({ debtorKind: 'person', kinds: ['cabin'], bound: [{ role: 'principal', idNumber: 'A' }] }).map((x) => x.code)).toEqual(['PERSON_BINDS_NO_ONE']);
    expect(orderRefusals({ debtorKind: 'company', kinds: ['cabin'], bound: [{ role: 'legal-representative', idNumber: 'A' }, { role: 'principal', idNumber: 'A' }] }).map((x) => x.code)).toEqual(['PERSON_TWICE']);
    expect(orderRefusals({ debtorKind: 'person', kinds: [], bound: [] }).map((x) => x.code)).toEqual(['NO_KIND']);
    expect(orderRefusals({ debtorKind: 'person', kinds: ['yacht'], bound: [] }).map((x) => x.code)).toEqual(['UNKNOWN_KIND']);
  });

  it('names the four roles as the article does', () => {
    expect(Object.values(BOUND_ROLE_TEXT).map((w) => w.zh)).toEqual(['法定代表人', '主要负责人', '影响债务履行的直接责任人员', '实际控制人']);
  });
});

describe('lifting the order (第九条)', () => {
  it('as performed only once nothing is owed', () => {
    expect(liftRefusal({ ground: 'paid', outstanding: 1, securityRecorded: false })?.code).toBe('NOT_PAID');
    expect(liftRefusal({ ground: 'paid', outstanding: 0, securityRecorded: false })).toBeUndefined();
  });

  it('on security only when it is recorded; on consent only with the applicant’s consent noted', () => {
    expect(liftRefusal({ ground: 'security', outstanding: 500_00, securityRecorded: false })?.code).toBe('NO_SECURITY');
    expect(liftRefusal({ ground: 'security', outstanding: 500_00, securityRecorded: true })).toBeUndefined();
    expect(liftRefusal({ ground: 'consent', outstanding: 500_00, securityRecorded: false })?.code).toBe('NO_CONSENT');
    expect(liftRefusal({ ground: 'consent', outstanding: 500_00, securityRecorded: false, consentNote: '申请执行人书面同意' })).toBeUndefined();
  });
});

describe('one journey allowed (第八条; at most one month)', () => {
  const order = ['cabin', 'bullet-train', 'venue', 'travel'];
  it('for a restricted travel kind, starting today or later, for one month at most', () => {
    expect(exemptionLastDay('2026-12-03')).toBe('2027-01-02');
    expect(exemptionRefusal({ kind: 'bullet-train', from: '2026-12-03', until: '2027-01-02' }, order, '2026-12-03')).toBeUndefined();
    expect(exemptionRefusal({ kind: 'bullet-train', from: '2026-12-03', until: '2027-01-03' }, order, '2026-12-03')?.code).toBe('TOO_LONG');
    expect(exemptionRefusal({ kind: 'bullet-train', from: '2026-12-02', until: '2026-12-05' }, order, '2026-12-03')?.code).toBe('BAD_PERIOD');
    expect(exemptionRefusal({ kind: 'bullet-train', from: '2026-12-05', until: '2026-12-04' }, order, '2026-12-03')?.code).toBe('BAD_PERIOD');
  });

  it('not for a kind the order does not restrict, nor for buying a house', () => {
    expect(exemptionRefusal({ kind: 'school', from: '2026-12-03', until: '2026-12-04' }, order, '2026-12-03')?.code).toBe('NOT_RESTRICTED');
    expect(exemptionRefusal({ kind: 'travel', from: '2026-12-03', until: '2026-12-04' }, order, '2026-12-03')?.code).toBe('NOT_EXEMPTABLE');
  });

  it('counts both its first and its last day', () => {
    const ex = [{ kind: 'bullet-train' as const, from: '2026-12-03', until: '2026-12-05' }];
    expect(isExempt(ex, 'bullet-train', '2026-12-03')).toBe(true);
    expect(isExempt(ex, 'bullet-train', '2026-12-05')).toBe(true);
    expect(isExempt(ex, 'bullet-train', '2026-12-06')).toBe(false);
    expect(isExempt(ex, 'cabin', '2026-12-04')).toBe(false);
  });
});

describe('which booking is restricted', () => {
  it('any flight, a soft sleeper, second class on a ship', () => {
    expect(bookingKind({ mode: 'air', flightNo: 'CA1234' })).toBe('cabin');
    expect(bookingKind({ mode: 'rail', trainNo: 'K123', seat: '软卧' })).toBe('cabin');
    expect(bookingKind({ mode: 'ship', cabinClass: 2 })).toBe('cabin');
    expect(bookingKind({ mode: 'ship', cabinClass: 3 })).toBeUndefined();
  });

  it('every seat of a G train, first class on a D train, but a D train’s second class and a K train’s hard seat are allowed', () => {
    expect(bookingKind({ mode: 'rail', trainNo: 'G1234', seat: '二等座' })).toBe('bullet-train');
    expect(bookingKind({ mode: 'rail', trainNo: 'g88' })).toBe('bullet-train');
    expect(bookingKind({ mode: 'rail', trainNo: 'D2345', seat: '一等座' })).toBe('bullet-train');
    expect(bookingKind({ mode: 'rail', trainNo: 'D2345', seat: '二等座' })).toBeUndefined();
    expect(bookingKind({ mode: 'rail', trainNo: 'K123', seat: '硬座' })).toBeUndefined();
  });

  it('a star-rated hotel, not an unrated inn', () => {
    expect(bookingKind({ mode: 'hotel', stars: 3 })).toBe('venue');
    expect(bookingKind({ mode: 'hotel', stars: 0 })).toBeUndefined();
  });
});
