/**
 * Whereabouts (docs/domain.md rule 10; docs/authority.md, "Purpose and gates"): hotel lodging, exit and
 * entry and the household register are not part of the one-click property query. The 承办法官
 * records the finding that a debtor refuses and evades, or is missing, with its facts; only then
 * are those channels asked for that debtor, and each request carries the finding to the gateway.
 */
import { AppFailure } from '../../../shared/app-failure';
import { LEGAL_BASIS } from '../../../shared/legal/basis';
import { auditSubject } from '../../store';
import type { FeatureHandlers } from '../context';
import { queryContext } from './query';

export function whereaboutsHandlers(): FeatureHandlers<'whereabouts'> {
  return {
    findings: ({ caseId }, { store }) => store.whereaboutsFindings.inForce(caseId),
    recordFinding: ({ caseId, partyId, ground, facts }, { store, officer, case: c }) => {
      if (c.status !== 'open') throw new AppFailure('CASE_CLOSED');
      return store.whereaboutsFindings.record({ caseId, partyId, ground, facts }, officer.code);
    },
    query: ({ caseId, partyId }, { store, officer, session, case: c }) => {
      if (c.status !== 'open') throw new AppFailure('CASE_CLOSED');
      const party = c.parties.find((p) => p.id === partyId && p.role === 'debtor');
      if (!party) throw new AppFailure('NOT_A_DEBTOR');
      if (party.kind !== 'person') throw new AppFailure('VALIDATION', { zh: '下落查询只针对自然人被执行人', en: 'whereabouts are asked for persons only' }, 'partyId');
      const findings = store.whereaboutsFindings.inForce(caseId);
      if (!findings.some((f) => f.partyId === partyId)) throw new AppFailure('FINDING_REQUIRED');
      store.audit.append({
        officer: officer.code, action: 'query.whereabouts', caseId, caseNumber: c.number, subject: auditSubject(party), legalBasis: LEGAL_BASIS.whereabouts,
        detail: { finding: findings.find((f) => f.partyId === partyId)!.seq },
      });
      return { requests: session.engine.queryCase({ ...queryContext(c, officer, findings), channels: 'whereabouts' }, [party]) };
    },
  };
}
