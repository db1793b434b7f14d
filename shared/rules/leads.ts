/**
 * When a creditor's lead must be checked (docs/domain.md rule 11): the court checks a lead the
 * applicant gives within seven days of receiving it, within three when the matter is urgent
 * (财产调查规定 第二条 — unconfirmed; the article lives once in shared/legal/basis.ts). Periods of
 * the procedure law do not count their first day and end on the next working day when the last
 * falls on a holiday (民事诉讼法 第八十五条).
 */
import { addDays, rollToWorkingDay, type HolidayCalendar, type IsoDate } from '../dates';
import { isoDate } from './violation';

export const LEAD_CHECK_DAYS = 7;
export const URGENT_LEAD_CHECK_DAYS = 3;

/** The last day to check a lead received on `receivedOn`. */
export function leadCheckBy(receivedOn: IsoDate, urgent: boolean, cal?: HolidayCalendar): IsoDate {
  isoDate(receivedOn, 'receivedOn');
  const last = addDays(receivedOn, urgent ? URGENT_LEAD_CHECK_DAYS : LEAD_CHECK_DAYS);
  return cal ? rollToWorkingDay(last, cal) : last;
}

/** A lead not checked by its last day is overdue from the day after. */
export function leadOverdue(lead: { receivedOn: IsoDate; urgent: boolean; checkedOn?: string }, today: IsoDate, cal?: HolidayCalendar): boolean {
  return lead.checkedOn === undefined && today > leadCheckBy(lead.receivedOn, lead.urgent, cal);
}
