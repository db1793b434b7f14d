/**
 * Freeze-expiry reminders due today or missed (docs/domain.md rule 2), for the cases an officer acts in,
 * with the 执保 reminders to tell the applicant of the 保全期限届满日 first (electron/services/preservation.ts),
 * keyed on the measure that set the current end date (a renewal resets them). Called by the
 * reminders handler and by the half-hourly timer alike: a plain function of the store, never an
 * IPC handler called with a made-up context.
 */
import { caseAccess } from '../../shared/authority/matrix';
import { channelInfo } from '../../shared/domain/channels';
import type { ReminderView } from '../../shared/domain/measure-views';
import type { Officer } from '../../shared/domain/types';
import type { HolidayCalendar } from '../../shared/dates';
import { dueReminders, renewalPeriod } from '../../shared/rules';
import type { SecureStore } from '../store';
import { accessCase, accessHolder } from './authority';
import type { MeasureOps } from './measures/ops';
import { preservationRemindersDue } from './preservation';

export function remindersDue(store: SecureStore, officer: Officer, ops: MeasureOps, cal: HolidayCalendar): ReminderView[] {
  const today = ops.today();
  const holder = accessHolder(officer);
  const mine = (caseId: string) => {
    const c = store.cases.get(caseId);
    return !!c && caseAccess(holder, accessCase(c)) === 'act';
  };
  const days = store.settings.get('reminderDays');
  const freezes = ops.liveFreezesOf(store, mine).filter((f) => f.status === 'in_force' || f.status === 'waiting');
  const delivered = new Set(store.reminders.listDelivered().map((r) => `${r.measureId}|${r.daysBefore}`));
  const views = freezes.map((f) => ({ ...f, measureId: f.endsOnSetBy }));
  const due = dueReminders(views, today, new Set<string>(), { daysBefore: days, cal });
  const renewals = due
    .filter((r) => !delivered.has(`${r.measureId}|${r.daysBefore}`))
    .map((r) => ({
      key: r.key, measureId: r.measureId, freezeId: r.freeze.measure.id, caseId: r.freeze.measure.caseId, caseNumber: r.freeze.caseNumber,
      debtor: store.cases.get(r.freeze.measure.caseId)?.parties.find((p) => p.id === r.freeze.measure.partyId)?.name ?? '',
      assetKind: r.freeze.measure.assetKind,
      assetDescription: `${channelInfo(r.freeze.measure.channel).zh} ${r.freeze.measure.assetIdentifier}`,
      endsOn: r.endsOn, daysBefore: r.daysBefore, dueOn: r.dueOn, missed: r.dueOn < today,
      renewal: renewalPeriod(r.endsOn, r.freeze.measure.assetKind), frozen: r.freeze.frozen,
    }));
  return [...preservationRemindersDue(store, officer, ops, cal), ...renewals];
}
