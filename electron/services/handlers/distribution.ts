/**
 * Competing claims (IPC group `distribution`; docs/distribution.md; docs/domain.md rule 4). The
 * policies let the case's judge and his team record claims (distribution.prepare) and the judge alone
 * make the plan, record its service and ask another court for an asset (distribution.decide); the
 * router refuses anyone else with the reason and records it.
 */
import { AppFailure } from '../../../shared/app-failure';
import type { ClaimPriority } from '../../../shared/rules/distribution';
import type { FeatureHandlers } from '../context';
import type { Deps } from '../deps';
import { caseDistribution, claimsOf, makePlan, recordService, type DistributionDeps } from '../distribution/plan';
import { caseDuplicates, caseSeizures, requestTransfer } from '../distribution/seizures';

export function distributionHandlers(d: Deps): FeatureHandlers<'distribution'> {
  const dd: DistributionDeps = { now: d.now, courtName: d.courtName, holidays: d.holidays };
  return {
    view: (_i, { store, case: c }) => caseDistribution(dd, store, c),
    addClaim: (x, { store, officer, case: c }) => {
      const s = store.distribution.addClaim({
        caseId: c.id, creditor: x.creditor, idNumber: x.idNumber, basis: x.basis, amount: x.amount, priority: x.priority as ClaimPriority,
        ...(x.rank !== undefined ? { rank: x.rank } : {}),
      }, officer.code);
      return claimsOf(store, c).find((y) => y.id === s.id)!;
    },
    setApplicantClass: ({ priority, rank, basis }, { store, officer, case: c }) => {
      if (c.status !== 'open') throw new AppFailure('CASE_CLOSED');
      store.distribution.setApplicantClass(c.id, { priority: priority as ClaimPriority, ...(rank !== undefined ? { rank } : {}), ...(basis !== undefined ? { basis } : {}) }, officer.code);
      const own = claimsOf(store, c).find((y) => y.source === 'applicant');
      if (!own) throw new AppFailure('VALIDATION', { zh: '本案没有尚欠的申请执行人债权', en: 'the case has no applicant claim outstanding' }, 'caseId');
      return own;
    },
    withdrawClaim: ({ claimId, reason }, { store, officer, case: c }) => (store.distribution.withdrawClaim(c.id, claimId, reason, officer.code), null),
    makePlan: (_i, { store, officer, case: c }) => makePlan(dd, store, officer, c),
    recordService: ({ planId, servedOn }, { store, officer, case: c }) => recordService(dd, store, officer, c, planId, servedOn),
    seizures: (_i, { store, case: c }) => caseSeizures(dd, store, c),
    requestTransfer: (x, { store, officer, case: c }) => requestTransfer(dd, store, officer, c, x),
    duplicates: (_i, { store, case: c }) => caseDuplicates(dd, store, c),
  };
}
