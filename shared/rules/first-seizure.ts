/**
 * The court that seized first disposes of the asset (docs/domain.md rule 4; 首先查封批复 第一条),
 * unless a creditor with a prior security right or priority (优先债权) whose case is being enforced
 * in another court asks for it: more than 60 days after the first seizure, while the first court has
 * neither announced an auction nor begun a sale, the priority creditor's court may send a
 * 商请移送执行函, and the first court has 15 days from receiving it to send the 移送执行函 (第二条).
 * Pure: no clock, no I/O.
 */
import { addDays, daysBetween, rollToWorkingDay, type HolidayCalendar, type IsoDate } from '../dates';
import type { ExistingFreeze } from '../domain/types';
import { isoDate } from './violation';

/** 首先查封批复 第一条: "自首先查封之日起已超过60日" */
export const TRANSFER_WAIT_DAYS = 60;
/** 首先查封批复 第二条: the first court answers within 15 days of receiving the request */
export const TRANSFER_ANSWER_DAYS = 15;

export interface FirstSeizure {
  /** the court that seized first; this court when no other court's seal or freeze is reported */
  court: string;
  /** the first court's case number, when the registry reports it */
  caseNumber?: string;
  /** this court is the first */
  ours: boolean;
  /** other courts' seals reported on the asset, ahead of any this court places */
  othersAhead: number;
}

/**
 * Who seized first: the registry lists the seals on an asset in the order they were registered
 * (查扣冻规定 第二十六条 for the waiting ones), so the first one it lists; when it lists none and
 * this court holds a seal, this court.
 */
export function firstSeizure(existing: readonly ExistingFreeze[], ownCourt: string): FirstSeizure {
  const first = existing[0];
  if (!first || first.court === ownCourt) return { court: ownCourt, ours: true, othersAhead: 0 };
  return { court: first.court, ...(first.caseNumber ? { caseNumber: first.caseNumber } : {}), ours: false, othersAhead: existing.length };
}

export interface TransferClock {
  seizedOn: IsoDate;
  /** the first day the priority creditor's court may ask: the 61st day after the first seizure */
  mayAskFrom: IsoDate;
  /** may ask today: past the 60 days and no auction announced nor sale begun */
  mayAsk: boolean;
  /** days until it may ask (0 once it may) */
  daysToWait: number;
  /** in the judge's words */
  zh: string;
  en: string;
}

/** The 60-day clock of a priority creditor's request (首先查封批复 第一条). */
export function transferClock(seizedOn: IsoDate, today: IsoDate, disposalStarted: boolean): TransferClock {
  const mayAskFrom = addDays(isoDate(seizedOn, 'seizedOn'), TRANSFER_WAIT_DAYS + 1);
  const daysToWait = Math.max(0, daysBetween(isoDate(today, 'today'), mayAskFrom));
  const mayAsk = !disposalStarted && daysToWait === 0;
  const [zh, en] = disposalStarted
    ? ['首先查封法院已发布拍卖公告或者进入变卖程序，不能商请移送执行', 'the first court has announced an auction or begun a sale: no transfer may be asked']
    : mayAsk
      ? [`自首先查封之日起已超过${TRANSFER_WAIT_DAYS}日，可以商请移送执行`, `more than ${TRANSFER_WAIT_DAYS} days since the first seizure: a transfer may be asked`]
      : [`自首先查封之日起未超过${TRANSFER_WAIT_DAYS}日，${mayAskFrom}起可以商请移送执行`, `not yet ${TRANSFER_WAIT_DAYS} days since the first seizure: a transfer may be asked from ${mayAskFrom}`];
  return { seizedOn, mayAskFrom, mayAsk, daysToWait, zh, en };
}

/**
 * The last day for the first court to send the 移送执行函: 15 days from the day after it received the
 * request, moved past a day off (民诉法 第八十五条).
 */
export function transferAnswerDue(receivedOn: IsoDate, cal: HolidayCalendar): IsoDate {
  return rollToWorkingDay(addDays(isoDate(receivedOn, 'receivedOn'), TRANSFER_ANSWER_DAYS), cal);
}
