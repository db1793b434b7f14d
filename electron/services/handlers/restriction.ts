/** 限制消费 (docs/domain.md rule 9): the orders, the registry's persons, draft, proposal, approval, lift and single exemption. */
import { todayCst } from '../../../shared/dates';
import type { FeatureHandlers } from '../context';
import type { Deps } from '../deps';
import type { CreditDeps } from '../credit/listing';
import { debtorOf } from '../credit/facts';
import { registryPersons } from '../restriction/bound';
import { exemptJourney, liftOrder } from '../restriction/lift';
import { approveOrder, draftOrder, proposeOrder } from '../restriction/orders';
import { caseRestrictions, restrictionApprovals } from '../restriction/view';

export function restrictionHandlers(d: Deps): FeatureHandlers<'restriction'> {
  const cd: CreditDeps = { court: d.court, courtName: d.courtName, today: () => todayCst(d.now()) };
  return {
    view: (_i, { store, case: c }) => caseRestrictions(store, c),
    registryPersons: ({ partyId }, { store, case: c }) => registryPersons(store, c, debtorOf(c, partyId)),
    draft: ({ caseId: _c, ...x }, { store, officer, case: c }) => draftOrder(store, officer, c, x),
    propose: async ({ orderId, pin }, { store, officer, session, case: c }) => {
      await d.vault.verifyPassword(officer.code, pin);
      return proposeOrder(cd, store, officer, session.keys, c, orderId);
    },
    approvals: (_i, { store, officer }) => restrictionApprovals(store, officer),
    approve: async ({ pin, caseId: _c, ...x }, { store, officer, session, case: c }) => {
      await d.vault.verifyPassword(officer.code, pin);
      return approveOrder(cd, store, officer, session.keys, c, x);
    },
    lift: async ({ pin, caseId: _c, ...x }, { store, officer, session, case: c }) => {
      await d.vault.verifyPassword(officer.code, pin);
      return liftOrder(cd, store, officer, session.keys, c, x);
    },
    exempt: async ({ pin, caseId: _c, ...x }, { store, officer, session, case: c }) => {
      await d.vault.verifyPassword(officer.code, pin);
      return exemptJourney(cd, store, officer, session.keys, c, x);
    },
  };
}
