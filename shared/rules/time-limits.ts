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
import { addDays, executionDeadline, rollToWorkingDay, type HolidayCalendar, type IsoDate } from '../dates';

export interface CaseTimeLimit {
  deadline: IsoDate;
  /** what the limit is, and its source */
  basis: { zh: string; en: string };
}

const SIX_MONTHS = { zh: '有财产可供执行的案件自立案之日起6个月内执结（执行期限规定第一条）', en: 'six months from filing for a case with property to enforce' };
const OBJECTION = { zh: '执行异议自收到书面异议之日起15日内审查（民事诉讼法第二百三十六条）', en: 'an objection is examined within 15 days of its receipt' };

export function caseTimeLimit(type: CaseTypeCode, filedOn: IsoDate, cal: HolidayCalendar): CaseTimeLimit | undefined {
  switch (type) {
    case '执':
    case '执恢':
    case '执保':
      return { deadline: executionDeadline(filedOn, cal), basis: SIX_MONTHS };
    case '执异':
      return { deadline: rollToWorkingDay(addDays(filedOn, 15), cal), basis: OBJECTION };
    default:
      return undefined;
  }
}
