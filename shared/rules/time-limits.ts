/**
 * A case's time limit by its type (docs/domain.md rule 11): an enforcement case with property to
 * enforce concludes within six months of filing (《最高人民法院关于人民法院办理执行案件若干期限的
 * 规定》第一条), a resumed case likewise; a written objection to an act of enforcement (执异) is
 * examined within fifteen days of its receipt (民事诉讼法 第二百三十六条). Review, supervision,
 * coordination and other matters carry no limit the program keeps. Periods of the procedure law
 * do not count their first day and end on the next working day when the last falls on a holiday
 * (民事诉讼法 第八十五条).
 */
import type { CaseTypeCode } from '../ids/case-number';
import { addDays, addMonths, EXECUTION_MONTHS, rollToWorkingDay, type HolidayCalendar, type IsoDate } from '../dates';

export interface CaseTimeLimit {
  deadline: IsoDate;
  /** what the limit is, and its source */
  basis: { zh: string; en: string };
}

const SIX_MONTHS = { zh: '有财产可供执行的案件自立案之日起6个月内执结（执行期限规定第一条）', en: 'six months from filing for a case with property to enforce' };
const OBJECTION = { zh: '执行异议自收到书面异议之日起15日内审查（民事诉讼法第二百三十六条）', en: 'an objection is examined within 15 days of its receipt' };

/**
 * The last day of a type's limit before it is carried past holidays, undefined for a type with
 * none: a function of the type and the filing day alone, no holiday table, so the store keeps it
 * (`cases.limit_base`, migration 027) and it never goes stale when next year's holidays arrive.
 * The limit is this day rolled to a working day (caseTimeLimit), never more than ROLL_MAX_DAYS later.
 */
export function timeLimitBase(type: CaseTypeCode, filedOn: IsoDate): IsoDate | undefined {
  switch (type) {
    case '执':
    case '执恢':
    case '执保':
      return addMonths(filedOn, EXECUTION_MONTHS);
    case '执异':
      return addDays(filedOn, 15);
    default:
      return undefined;
  }
}

export function caseTimeLimit(type: CaseTypeCode, filedOn: IsoDate, cal: HolidayCalendar): CaseTimeLimit | undefined {
  const base = timeLimitBase(type, filedOn);
  if (base === undefined) return undefined;
  return { deadline: rollToWorkingDay(base, cal), basis: type === '执异' ? OBJECTION : SIX_MONTHS };
}
