/** 信用惩戒 (docs/domain.md rule 8): notices and reports, the listing wizard, approval, removal, repair. */
import { todayCst } from '../../../shared/dates';
import type { FeatureHandlers } from '../context';
import type { Deps } from '../deps';
import { approveListing, checkListing, draftListing, proposeListing, type CreditDeps } from '../credit/listing';
import { issueNotice, recordReport, serveNotice } from '../credit/notices';
import { confirmRemoval, decideRepair, proposeRemoval, type RemovalDeps } from '../credit/removal';
import { caseCredit, listingApprovals } from '../credit/view';
import { debtorOf } from '../credit/facts';

export function creditHandlers(d: Deps): FeatureHandlers<'credit'> {
  const cd: RemovalDeps & CreditDeps = { court: d.court, courtName: d.courtName, today: () => todayCst(d.now()), holidays: d.holidays };
  return {
    view: (_i, { store, case: c }) => caseCredit(store, c, cd.today()),
    issueNotice: (x, { store, officer, case: c }) => issueNotice(cd, store, officer, c, x),
    serveNotice: (x, { store, officer, case: c }) => serveNotice(cd, store, officer, c, x),
    recordReport: (x, { store, officer, case: c }) => recordReport(cd, store, officer, c, x),
    recordStep: (x, { store, officer, case: c }) => {
      debtorOf(c, x.partyId);
      const { caseId: _c, ...rest } = x;
      return store.creditListings.recordStep({ ...rest, caseId: c.id }, officer.code);
    },
    check: (x, { store, case: c }) => checkListing(cd, store, c, x),
    draft: (x, { store, officer, case: c }) => draftListing(cd, store, officer, c, x),
    propose: async ({ listingId, pin }, { store, officer, session, case: c }) => {
      await d.vault.verifyPassword(officer.code, pin);
      return proposeListing(cd, store, officer, session.keys, c, listingId);
    },
    approvals: (_i, { store, officer }) => listingApprovals(store, officer),
    approve: async ({ pin, ...x }, { store, officer, session, case: c }) => {
      await d.vault.verifyPassword(officer.code, pin);
      return approveListing(cd, store, officer, session.keys, c, x);
    },
    proposeRemoval: ({ listingId }, { store, officer, case: c }) => proposeRemoval(cd, store, officer, c, listingId),
    confirmRemoval: async ({ listingId, pin }, { store, officer, session, case: c }) => {
      await d.vault.verifyPassword(officer.code, pin);
      return confirmRemoval(cd, store, officer, session.keys, c, listingId);
    },
    decideRepair: async ({ pin, ...x }, { store, officer, case: c }) => {
      await d.vault.verifyPassword(officer.code, pin);
      return decideRepair(cd, store, officer, c, x);
    },
  };
}
