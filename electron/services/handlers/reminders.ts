/** Freeze-expiry reminders: those due for the officer's cases, and acknowledging one. */
import { AppFailure } from '../../../shared/app-failure';
import type { FeatureHandlers } from '../context';
import type { Deps } from '../deps';
import type { MeasureOps } from '../measures/ops';
import { remindersDue } from '../reminders-due';

export function reminderHandlers(d: Deps, ops: MeasureOps): FeatureHandlers<'reminders'> {
  return {
    due: (_input, { store, officer }) => remindersDue(store, officer, ops, d.holidays),
    ack: ({ key }, { store, officer }) => {
      const r = remindersDue(store, officer, ops, d.holidays).find((x) => x.key === key);
      if (!r) throw new AppFailure('NOT_FOUND', { zh: '提醒不存在或已处理', en: 'no such reminder, or already handled' });
      store.reminders.markDelivered({ measureId: r.measureId, daysBefore: r.daysBefore, dueOn: r.dueOn, deliveredTo: officer.code });
      return null;
    },
  };
}
