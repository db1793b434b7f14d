/**
 * Exempt property (docs/domain.md rule 5): the judge records a person debtor's dependants, which the
 * living costs left to him count, and sets or clears a flat's only-home flag with his reason. Both
 * are audited in the store; the freeze plan and the freeze check read them at once.
 */
import { AppFailure } from '../../../shared/app-failure';
import type { FeatureHandlers } from '../context';
import { exemptionsView, livingCostsOf } from '../measures/exempt';

export function exemptionHandlers(): FeatureHandlers<'exemptions'> {
  return {
    get: (_input, { store, case: c }) => exemptionsView(store, c),
    setDependants: ({ caseId, partyId, dependants }, { store, officer, case: c }) => {
      if (c.status !== 'open') throw new AppFailure('CASE_CLOSED');
      store.exemptions.setDependants({ caseId, partyId, dependants }, officer.code);
      return livingCostsOf(store, c).find((d) => d.partyId === partyId)!;
    },
    markOnlyHome: ({ caseId, assetId, onlyHome, reason }, { store, officer, case: c }) => {
      if (c.status !== 'open') throw new AppFailure('CASE_CLOSED');
      const a = store.caseQueryView(caseId).assets.find((x) => x.id === assetId);
      if (!a) throw new AppFailure('VALIDATION', { zh: '所选财产不在本案查询结果中', en: 'the asset is not among this case\'s query results' }, 'assetId');
      if (a.kind !== 'real_estate') throw new AppFailure('VALIDATION', { zh: '只有不动产可以认定为唯一住房', en: 'only real estate can be an only home' }, 'assetId');
      store.exemptions.markOnlyHome({ caseId, partyId: a.partyId, identifier: a.identifier, onlyHome, reason }, officer.code);
      return exemptionsView(store, c);
    },
  };
}
