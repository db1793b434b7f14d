/**
 * A creditor's leads (IPC group `leads`; docs/domain.md rule 11): recorded with the day received and
 * the last day to check them (7 days, 3 when urgent: shared/rules/leads.ts), and checked once.
 */
import { AppFailure } from '../../../shared/app-failure';
import { todayCst } from '../../../shared/dates';
import { leadCheckBy } from '../../../shared/rules';
import type { FeatureHandlers } from '../context';
import type { Deps } from '../deps';

export function leadHandlers(d: Deps): FeatureHandlers<'leads'> {
  return {
    list: ({ caseId }, { store }) => store.leads.ofCase(caseId),
    record: ({ caseId, partyId, text, assetKind, urgent, receivedOn }, { store, officer, case: c }) => {
      if (c.status !== 'open') throw new AppFailure('CASE_CLOSED');
      const today = todayCst(d.now());
      if (receivedOn > today) throw new AppFailure('VALIDATION', { zh: '收到线索的日期不能晚于今天', en: 'a lead cannot be received after today' }, 'receivedOn');
      return store.leads.record({
        caseId, ...(partyId ? { partyId } : {}), text: text.trim(), assetKind, urgent, receivedOn, checkBy: leadCheckBy(receivedOn, urgent, d.holidays),
      }, officer.code);
    },
    check: ({ leadId, found, result }, { store, officer, case: c }) => {
      const lead = store.leads.get(leadId);
      if (!lead || lead.caseId !== c.id) throw new AppFailure('NOT_FOUND', { zh: '线索不存在', en: 'no such lead' });
      const checked = store.leads.check(leadId, { checkedOn: todayCst(d.now()), found, result: result.trim() }, officer.code);
      // the alert it raised is answered by the check
      const alert = store.alerts.byKey(`lead.unchecked|${leadId}`);
      if (alert && alert.state !== 'done') store.alerts.done(alert.id, officer.code, { leadChecked: true });
      return checked;
    },
  };
}
