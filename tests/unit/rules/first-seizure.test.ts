/**
 * Who seized first and the clocks of a priority creditor's request to transfer (docs/domain.md
 * rule 4; 首先查封批复 第一条、第二条): more than 60 days after the first seizure, no auction announced;
 * 15 days for the first court to answer the 商请移送执行函.
 */
import { describe, expect, it } from 'vitest';
import holidayTable from '../../../resources/holidays/cn-holidays.json';
import { holidayCalendarFrom } from '../../../shared/dates';
import { firstSeizure, transferAnswerDue, transferClock } from '../../../shared/rules/first-seizure';

const cal = holidayCalendarFrom(holidayTable as Record<string, unknown>);

describe('who seized first', () => {
  it('the first seal the registry lists is the first court: another court ahead of us', () => {
    const f = firstSeizure([{ court: '贵州省贵阳市南明区人民法院', caseNumber: '(2025)黔0102执88号' }, { court: '贵州省贵阳市云岩区人民法院' }], '贵州省贵阳市云岩区人民法院');
    expect(f).toEqual({ court: '贵州省贵阳市南明区人民法院', caseNumber: '(2025)黔0102执88号', ours: false, othersAhead: 2 });
  });
  it('no seal reported by another court: this court is the first', () => {
    expect(firstSeizure([], '本院').ours).toBe(true);
  });
});

describe('the 60 days before a priority creditor may ask for the asset', () => {
  it('seized on 2026-01-10: not on day 60 (2026-03-11), yes from day 61 (2026-03-12)', () => {
    const before = transferClock('2026-01-10', '2026-03-11', false);
    expect(before.mayAsk).toBe(false);
    expect(before.mayAskFrom).toBe('2026-03-12');
    expect(before.daysToWait).toBe(1);
    expect(before.zh).toContain('2026-03-12');
    expect(transferClock('2026-01-10', '2026-03-12', false).mayAsk).toBe(true);
  });
  it('never once the first court announced an auction or began a sale', () => {
    const c = transferClock('2025-01-10', '2026-03-12', true);
    expect(c.mayAsk).toBe(false);
    expect(c.zh).toContain('拍卖公告');
  });
});

describe('the 15 days to answer the 商请移送执行函', () => {
  it('received 2026-03-02: the 移送执行函 is due by 2026-03-17', () => {
    expect(transferAnswerDue('2026-03-02', cal)).toBe('2026-03-17');
  });
  it('a due day on a Sunday moves to Monday: received 2026-03-07 → 2026-03-23', () => {
    expect(transferAnswerDue('2026-03-07', cal)).toBe('2026-03-23');
  });
});
