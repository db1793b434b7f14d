/**
 * Preservation cases (执保, docs/domain.md rule 2; 财产保全规定 第十八条): the court states the day the
 * preservation ends (保全期限届满日) and tells the applicant that a renewal must be asked for at
 * least seven days before it. The 届满日 of a case is the earliest last day of its freezes and seals
 * still running; the reminder to the judge falls seven days before, brought forward to the working
 * day before when that is a day off (as freeze reminders are, shared/rules/reminders.ts).
 */
import type { FreezeStatus } from '../domain/measures';
import { daysBetween, type HolidayCalendar, type IsoDate } from '../dates';
import { reminderSchedule } from './reminders';
import { isoDate } from './violation';

/** 申请保全人应当在保全期限届满七日前申请续行保全 (财产保全规定 第十八条). */
export const PRESERVATION_NOTICE_DAYS = 7;

export interface PreservedFreeze {
  endsOn?: IsoDate;
  status?: FreezeStatus;
  /** the measure that set this end date (the freeze, or its latest renewal) */
  measureId?: string;
}

const RUNNING: ReadonlySet<FreezeStatus | undefined> = new Set<FreezeStatus | undefined>(['in_force', 'waiting']);

/** The freeze or seal whose end is the case's 保全期限届满日: the earliest end of those still running. */
export function earliestRunning<F extends PreservedFreeze>(freezes: readonly F[]): (F & { endsOn: IsoDate }) | undefined {
  let best: (F & { endsOn: IsoDate }) | undefined;
  for (const f of freezes) {
    if (f.endsOn === undefined || !RUNNING.has(f.status)) continue;
    if (!best || f.endsOn < best.endsOn) best = f as F & { endsOn: IsoDate };
  }
  return best;
}

/** The 保全期限届满日 of a 执保 case, or undefined when nothing is frozen or sealed. */
export function preservationEndsOn(freezes: readonly PreservedFreeze[]): IsoDate | undefined {
  return earliestRunning(freezes)?.endsOn;
}

/** The day the judge is to remind the applicant: 7 days before the 届满日, earlier past days off. */
export function preservationNoticeDue(endsOn: IsoDate, cal?: HolidayCalendar): IsoDate {
  return reminderSchedule(isoDate(endsOn, 'endsOn'), [PRESERVATION_NOTICE_DAYS], cal)[0]!.on;
}

export interface PreservationReminder {
  endsOn: IsoDate;
  dueOn: IsoDate;
  /** days from today to the 届满日 */
  daysLeft: number;
  missed: boolean;
}

/**
 * The reminder to show on `today`, if one is due: from its day until the 届满日 itself (a late
 * reminder is still worth giving while the preservation runs), unless already given for this
 * 届满日 (a renewal moves the date and so asks again).
 */
export function preservationReminder(endsOn: IsoDate | undefined, today: IsoDate, remindedFor: ReadonlySet<IsoDate>, cal?: HolidayCalendar): PreservationReminder | undefined {
  isoDate(today, 'today');
  if (endsOn === undefined || remindedFor.has(endsOn) || today > endsOn) return undefined;
  const dueOn = preservationNoticeDue(endsOn, cal);
  if (today < dueOn) return undefined;
  return { endsOn, dueOn, daysLeft: daysBetween(today, endsOn), missed: dueOn < today };
}
