/**
 * The alert scan (主动预警, docs/domain.md rules 2 and 11): one pass over the store per source, each a
 * single SQL statement over indexed columns (electron/store/alert-scans.ts), the rule applied to
 * each row by the shared rules, and an alert raised once per fact (its dedupe key), so a repeated
 * scan, a restart or a second workstation raises nothing twice.
 *   - a freeze entering its renewal window (the reminder schedule of shared/rules/reminders.ts) → renew;
 *   - a case with property nearing its six-month limit, a 执异 objection nearing its 15 days
 *     (shared/rules/time-limits.ts) → open the case;
 *   - a creditor's lead unchecked past its 7 days, 3 if urgent (shared/rules/leads.ts) → check it.
 */
import { channelInfo } from '../../../shared/domain/channels';
import { addDays, addMonths, daysBetween, type HolidayCalendar, type IsoDate } from '../../../shared/dates';
import type { CaseTypeCode } from '../../../shared/ids/case-number';
import { caseTimeLimit, dueReminders } from '../../../shared/rules';
import type { SecureStore } from '../../store';

/** a case's limit is announced this many days before it ends (and once, if the day is already past) */
export const CASE_DEADLINE_WARN_DAYS = 30;
/** an objection's 15 days are announced this many days before they end */
export const OBJECTION_WARN_DAYS = 5;
/** how far back an overdue limit is still announced (once) */
const OVERDUE_LOOKBACK_DAYS = 90;
/** a reminder on a holiday moves earlier: look this much further ahead for the freezes to consider */
const HOLIDAY_SLACK_DAYS = 40;

export interface ScanReport {
  renewal: number;
  deadlines: number;
  leads: number;
}

export function scanAlerts(store: SecureStore, today: IsoDate, cal: HolidayCalendar): ScanReport {
  return {
    renewal: renewalWindowAlerts(store, today, cal),
    deadlines: caseDeadlineAlerts(store, today, cal),
    leads: leadAlerts(store, today),
  };
}

/** docs/domain.md rule 2: a freeze not renewed by its last day lapses and loses its priority (民诉法解释 第四百八十五条). */
export function renewalWindowAlerts(store: SecureStore, today: IsoDate, cal: HolidayCalendar): number {
  const days = store.settings.get('reminderDays');
  const horizon = addDays(today, Math.max(0, ...days) + HOLIDAY_SLACK_DAYS);
  const ending = store.alertScans.freezesEnding(today, horizon);
  const byMeasure = new Map(ending.map((f) => [f.endsOnSetBy, f]));
  const due = dueReminders(ending.map((f) => ({ measureId: f.endsOnSetBy, endsOn: f.endsOn, status: 'in_force' as const })), today, new Set(), { daysBefore: days, cal });
  let raised = 0;
  for (const r of due) {
    const f = byMeasure.get(r.measureId)!;
    const where = channelInfo(f.channel);
    const out = store.alerts.raise({
      caseId: f.caseId, kind: 'freeze.renewal-window',
      // one alert per freeze and period: a renewal starts a new period, and with it a new alert
      dedupeKey: `freeze.renewal-window|${f.freezeId}|${f.endsOn}`,
      reason: { zh: `${where.zh}：${r.zh}`, en: `${where.en}: ${r.en}` },
      source: { kind: 'measure', id: f.freezeId }, action: 'renew',
      actionInput: { freezeId: f.freezeId, endsOn: f.endsOn },
    });
    if (out.raised) raised += 1;
  }
  return raised;
}

/** docs/domain.md rule 11: six months for a case with property (执行期限规定 第一条), 15 days for an objection (民诉法 第二百三十六条). */
export function caseDeadlineAlerts(store: SecureStore, today: IsoDate, cal: HolidayCalendar): number {
  const back = addDays(today, -OVERDUE_LOOKBACK_DAYS);
  const enforcement = store.alertScans.openCasesFiled(['执', '执恢', '执保'], addMonths(back, -6), addMonths(addDays(today, CASE_DEADLINE_WARN_DAYS), -6))
    .filter((c) => c.hasProperty);
  const objections = store.alertScans.openCasesFiled(['执异'], addDays(back, -15), today);
  let raised = 0;
  for (const c of [...enforcement, ...objections]) {
    const limit = caseTimeLimit(c.type as CaseTypeCode, c.filedOn, cal);
    if (!limit) continue;
    const objection = c.type === '执异';
    const left = daysBetween(today, limit.deadline);
    if (left > (objection ? OBJECTION_WARN_DAYS : CASE_DEADLINE_WARN_DAYS) || left < -OVERDUE_LOOKBACK_DAYS) continue;
    const when = left >= 0
      ? { zh: `还剩 ${left} 天`, en: `${left} day${left === 1 ? '' : 's'} left` }
      : { zh: `已超过 ${-left} 天`, en: `${-left} day${left === -1 ? '' : 's'} past` };
    const out = store.alerts.raise({
      caseId: c.caseId, kind: objection ? 'objection.deadline' : 'case.deadline',
      dedupeKey: `${objection ? 'objection.deadline' : 'case.deadline'}|${c.caseId}|${limit.deadline}`,
      reason: {
        zh: `${limit.basis.zh}：本案立案于 ${c.filedOn}，期限至 ${limit.deadline}（${when.zh}）`,
        en: `${limit.basis.en}: filed on ${c.filedOn}, the limit is ${limit.deadline} (${when.en})`,
      },
      source: { kind: 'case', id: c.caseId }, action: 'open-case',
      actionInput: { deadline: limit.deadline },
    });
    if (out.raised) raised += 1;
  }
  return raised;
}

/** docs/domain.md rule 11: a creditor's lead is checked within 7 days, 3 if urgent (财产调查规定 第二条). */
export function leadAlerts(store: SecureStore, today: IsoDate): number {
  let raised = 0;
  for (const l of store.alertScans.leadsOverdue(today)) {
    const out = store.alerts.raise({
      caseId: l.caseId, kind: 'lead.unchecked', dedupeKey: `lead.unchecked|${l.leadId}`,
      reason: {
        zh: `申请执行人提供的财产线索（${l.receivedOn} 收到${l.urgent ? '，情况紧急' : ''}）应于 ${l.checkBy} 前核查，至今未核查`,
        en: `a lead the applicant gave (received ${l.receivedOn}${l.urgent ? ', urgent' : ''}) was due to be checked by ${l.checkBy} and is not checked yet`,
      },
      source: { kind: 'lead', id: l.leadId }, action: 'check-lead',
      actionInput: { leadId: l.leadId, ...(l.partyId ? { partyId: l.partyId } : {}) },
    });
    if (out.raised) raised += 1;
  }
  return raised;
}
