/**
 * A debtor's own payments (IPC group `payments`; docs/domain.md rule 1, "What is recovered"). The
 * policy lets the case's judge and his team record or reverse (act payment.record); the router
 * refuses anyone else with the reason and records it. The outstanding amount is the one cap formula.
 */
import { todayCst } from '../../../shared/dates';
import type { PaymentMethod } from '../../../shared/domain/payments';
import type { FeatureHandlers } from '../context';
import type { Deps } from '../deps';

export function paymentHandlers(d: Deps): FeatureHandlers<'payments'> {
  return {
    list: ({ caseId }, { store }) => {
      const today = todayCst(d.now());
      return { payments: store.debtorPayments.ofCase(caseId), outstanding: store.measures.capForCase(caseId, today), today };
    },
    record: (x, { store, officer }) => store.debtorPayments.record({
      caseId: x.caseId, partyId: x.partyId, amount: x.amount, paidOn: x.paidOn, method: x.method as PaymentMethod,
      ...(x.note !== undefined ? { note: x.note } : {}),
    }, officer.code),
    reverse: ({ caseId, paymentId, reason }, { store, officer }) => store.debtorPayments.reverse(caseId, paymentId, reason, officer.code),
  };
}
