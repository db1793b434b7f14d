/**
 * The dishonest list (docs/domain.md rule 8; 最高人民法院关于公布失信被执行人名单信息的若干规定): who may be
 * listed on which ground, who never is, what must come first, how long a listing lasts, and when it
 * must come off — as a judge would check a proposal.
 */
import { describe, expect, it } from 'vitest';
import holidayTable from '../../../resources/holidays/cn-holidays.json';
import { holidayCalendarFrom } from '../../../shared/dates';
import { residentIdCheckChar } from '../../../shared/ids/resident-id';
import {
  GROUND_TEXT, LISTING_GROUNDS, groundCitation, isMinorOn, listingPeriod, listingRefusals, propertyCovers, removalDue,
  removalGround, reportBreached, reportDeadline, type ListingFacts, type ListingGround,
} from '../../../shared/rules/listing';

const cal = holidayCalendarFrom(holidayTable as Record<string, unknown>);

/** a valid resident ID of someone born on `birth` (YYYYMMDD) in 云岩区 */
function idBornOn(birth: string): string {
  const first17 = `520103${birth}001`;
  return first17 + residentIdCheckChar(first17);
}

const ADULT = idBornOn('19800101');
const COMPANY = '91520103MA6DKQ1X2P';

function facts(o: Partial<ListingFacts> = {}): ListingFacts {
  return {
    ground: 1, on: '2026-06-01',
    debtor: { kind: 'person', idNumber: ADULT }, subjectIdNumber: ADULT,
    noticeServedOn: '2026-04-01', secured: false, outstanding: 5_000_000, frozen: 0,
    evidence: { text: '银行流水显示被执行人有收入而拒不履行', refs: 1 },
    ...o,
  };
}
const codes = (f: ListingFacts) => listingRefusals(f).map((r) => r.code);

describe('the six grounds of 第一条', () => {
  it('are six, each with its own words and its item of 第一条', () => {
    expect(LISTING_GROUNDS).toEqual([1, 2, 3, 4, 5, 6]);
    expect(GROUND_TEXT[1].zh).toBe('有履行能力而拒不履行生效法律文书确定义务');
    expect(GROUND_TEXT[4].zh).toBe('违反财产报告制度');
    expect(groundCitation(4)).toMatch(/第一条第四项$/);
  });

  it('a debtor served with the notice, not secured, nothing frozen, with evidence: may be proposed on any ground but 4', () => {
    for (const g of [1, 2, 3, 5, 6] as ListingGround[]) expect(codes(facts({ ground: g }))).toEqual([]);
  });

  it('ground 4 only once the report deadline has passed without a report, or the report was false', () => {
    expect(codes(facts({ ground: 4, report: { deadlineOn: '2026-06-05', filed: false, truthful: true } }))).toContain('REPORT_NOT_DUE');
    expect(codes(facts({ ground: 4, report: { deadlineOn: '2026-05-20', filed: false, truthful: true } }))).toEqual([]);
    expect(codes(facts({ ground: 4, report: { deadlineOn: '2026-05-20', filed: true, truthful: true } }))).toContain('REPORT_NOT_DUE');
    expect(codes(facts({ ground: 4, report: { deadlineOn: '2026-05-20', filed: true, truthful: false } }))).toEqual([]);
    expect(codes(facts({ ground: 4 }))).toContain('REPORT_NOT_DUE');
  });

  it('no ground without its evidence', () => {
    expect(codes(facts({ evidence: { text: '', refs: 0 } }))).toEqual(['NO_EVIDENCE']);
    expect(codes(facts({ evidence: { text: '', refs: 2 } }))).toEqual([]);
  });
});

describe('who is never listed (第三条, 第四条)', () => {
  it('a minor: under eighteen on the listing day by the birth date in his ID (第四条)', () => {
    const born = idBornOn('20080602');
    expect(isMinorOn(born, '2026-06-01')).toBe(true); // turns 18 tomorrow
    expect(isMinorOn(born, '2026-06-02')).toBe(false);
    const r = listingRefusals(facts({ debtor: { kind: 'person', idNumber: born }, subjectIdNumber: born }));
    expect(r.map((x) => x.code)).toEqual(['MINOR']);
    expect(r[0]!.zh).toContain('未满十八周岁');
    expect(r[0]!.basis).toContain('第四条');
  });

  it('the company\'s legal representative, for the company\'s debt: only the company itself is listed', () => {
    const r = listingRefusals(facts({ debtor: { kind: 'company', idNumber: COMPANY }, subjectIdNumber: ADULT }));
    expect(r.map((x) => x.code)).toEqual(['NOT_THE_DEBTOR']);
    expect(r[0]!.zh).toContain('法定代表人');
    expect(codes(facts({ debtor: { kind: 'company', idNumber: COMPANY }, subjectIdNumber: COMPANY }))).toEqual([]);
  });

  it('a debtor who gave adequate security is not listed as able but refusing (第三条第一项)', () => {
    const r = listingRefusals(facts({ secured: true }));
    expect(r.map((x) => x.code)).toEqual(['SECURED']);
    expect(r[0]!.basis).toContain('第三条第一项');
    // the exclusion is of ground 1: a debtor who obstructed with violence is listed though secured
    expect(codes(facts({ ground: 2, secured: true }))).toEqual([]);
  });

  it('property seized or frozen that covers what is still owed (第三条第二项), by the one cap formula', () => {
    expect(propertyCovers(5_000_000, 5_000_000)).toBe(true);
    expect(propertyCovers(5_000_000, 4_999_999)).toBe(false);
    expect(codes(facts({ frozen: 5_000_000 }))).toEqual(['COVERED']);
    expect(codes(facts({ frozen: 4_999_999 }))).toEqual([]);
  });

  it('a case paid in full lists nobody', () => {
    expect(codes(facts({ outstanding: 0 }))).toEqual(['PAID_IN_FULL']);
  });
});

describe('what must come first', () => {
  it('the execution notice served before the listing day (民诉法 第二百五十一条)', () => {
    expect(codes(facts({ noticeServedOn: undefined }))).toEqual(['NOTICE_NOT_SERVED']);
    expect(codes(facts({ noticeServedOn: '2026-06-02' }))).toEqual(['NOTICE_NOT_SERVED']);
  });

  it('a grace period given must have run: listed the day after its last day', () => {
    expect(codes(facts({ graceEndsOn: '2026-06-01' }))).toEqual(['GRACE_RUNNING']);
    expect(codes(facts({ graceEndsOn: '2026-05-31' }))).toEqual([]);
  });

  it('the report deadline: the days of the order counted from the day after service', () => {
    expect(reportDeadline('2026-04-01', 5)).toBe('2026-04-06');
    expect(reportBreached({ deadlineOn: '2026-04-06', filed: false, truthful: true }, '2026-04-06')).toBe(false);
    expect(reportBreached({ deadlineOn: '2026-04-06', filed: false, truthful: true }, '2026-04-07')).toBe(true);
  });
});

describe('the period (第二条)', () => {
  it('ground 1 has no fixed period: he comes off when he performs', () => {
    expect(listingPeriod(1, '2026-06-01')).toEqual({});
  });

  it('grounds 2–6 are listed for two years, to the day before the second anniversary', () => {
    for (const g of [2, 3, 4, 5, 6] as ListingGround[]) expect(listingPeriod(g, '2026-06-01')).toEqual({ years: 2, endsOn: '2028-05-31' });
  });

  it('extended by one to three years for serious violence or threats, or several dishonest acts', () => {
    expect(listingPeriod(2, '2026-06-01', 3)).toEqual({ years: 5, endsOn: '2031-05-31' });
    expect(codes(facts({ ground: 2, extension: { years: 1, reason: 'violence' } }))).toEqual([]);
    expect(codes(facts({ ground: 3, extension: { years: 3, reason: 'multiple' } }))).toEqual([]);
    expect(codes(facts({ ground: 2, extension: { years: 4, reason: 'violence' } }))).toEqual(['BAD_EXTENSION']);
    expect(codes(facts({ ground: 2, extension: { years: 0, reason: 'violence' } }))).toEqual(['BAD_EXTENSION']);
    expect(codes(facts({ ground: 2, extension: { years: 1, reason: '态度不好' } }))).toEqual(['BAD_EXTENSION']);
    expect(codes(facts({ ground: 1, extension: { years: 1, reason: 'multiple' } }))).toEqual(['BAD_EXTENSION']);
  });
});

describe('removal (第十条)', () => {
  it('paid in full by the one formula, or corrected, repaired, committed, or the period over', () => {
    const base = { outstanding: 100, corrected: false, repaired: false, committed: false, today: '2026-06-01' };
    expect(removalGround(base)).toBeUndefined();
    expect(removalGround({ ...base, outstanding: 0 })).toBe('paid');
    expect(removalGround({ ...base, corrected: true })).toBe('corrected');
    expect(removalGround({ ...base, repaired: true })).toBe('repaired');
    expect(removalGround({ ...base, committed: true })).toBe('committed');
    expect(removalGround({ ...base, endsOn: '2026-05-31' })).toBe('expired');
    expect(removalGround({ ...base, endsOn: '2026-06-01' })).toBeUndefined();
  });

  it('due within three working days, counting past the weekend and the holidays', () => {
    // paid on Thursday 2026-04-02: Fri 3rd, then 清明 4–6 April off, Tue 7th, Wed 8th
    expect(removalDue('2026-04-02', 3, '2026-04-08', cal)).toEqual({ dueOn: '2026-04-08', overdue: false });
    expect(removalDue('2026-04-02', 3, '2026-04-09', cal)).toEqual({ dueOn: '2026-04-08', overdue: true });
    // a make-up working day counts: paid Fri 2026-02-13, Sat 14th is a working day
    expect(removalDue('2026-02-13', 1, '2026-02-13', cal).dueOn).toBe('2026-02-14');
  });
});
