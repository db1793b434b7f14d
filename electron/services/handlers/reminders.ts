/** Freeze-expiry reminders: those due for the officer's cases, acknowledging one, and the 执保 notice to the applicant. */
import { AppFailure } from '../../../shared/app-failure';
import type { FeatureHandlers } from '../context';
import type { Deps } from '../deps';
import type { MeasureOps } from '../measures/ops';
import { remindersDue } from '../reminders-due';
import { notifyApplicant } from '../preservation';

export function reminderHandlers(d: Deps, ops: MeasureOps): FeatureHandlers<'reminders'> {
  return {
    due: (_input, { store, officer }) => remindersDue(store, officer, ops, d.holidays),
    ack: ({ key }, { store, officer }) => {
      const r = remindersDue(store, officer, ops, d.holidays).find((x) => x.key === key);
      if (!r) throw new AppFailure('NOT_FOUND', { zh: '提醒不存在或已处理', en: 'no such reminder, or already handled' });
      // a 执保 reminder is answered by the notice to the applicant, not by "知道了"
      if (r.kind === 'preservation') {
        store.audit.append({ officer: officer.code, action: 'reminder.ack.refused', caseId: r.caseId, caseNumber: r.caseNumber, detail: { key, reason: 'preservation' } });
        throw new AppFailure('VALIDATION', { zh: '请生成保全期限届满提醒通知书，提醒申请人申请续行保全', en: 'make the notice reminding the applicant to ask for renewal' }, 'key');
      }
      store.reminders.markDelivered({ measureId: r.measureId, daysBefore: r.daysBefore, dueOn: r.dueOn, deliveredTo: officer.code });
      return null;
    },
    notifyApplicant: (_input, { store, officer, case: c }) => notifyApplicant({ courtName: d.courtName, now: d.now, holidays: d.holidays }, store, officer, c),
  };
}
