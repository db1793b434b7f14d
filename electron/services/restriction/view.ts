/**
 * What the 限制消费 panel shows (docs/domain.md rule 9): per order its state, its exchanges with the
 * credit platform (ID numbers masked) and the journeys allowed; for a chief, the orders waiting for him.
 */
import type { CaseRestrictions, RestrictionApprovalItem } from '../../../shared/domain/restriction';
import type { Officer } from '../../../shared/domain/types';
import { maskId } from '../../../shared/ids/subject-id';
import type { SecureStore } from '../../store';
import type { StoredCase } from '../../store/cases';
import { canRead } from '../authority';

export function caseRestrictions(store: SecureStore, c: StoredCase): CaseRestrictions {
  const exchanges = store.creditExchanges.ofCase(c.id).filter((x) => x.kind.startsWith('restriction.'))
    .map((e) => ({ ...e, subjects: e.subjects.map((s) => ({ ...s, idNumber: maskId(s.idNumber) })) }));
  return {
    orders: store.restrictions.ofCase(c.id).map((o) => {
      const exemptions = store.restrictions.exemptionsOf(o.id);
      const mine = new Set([o.id, ...exemptions.map((e) => e.id)]);
      return { ...o, exemptions, exchanges: exchanges.filter((x) => mine.has(x.recordId)) };
    }),
  };
}

/** The orders of the court awaiting approval that this chief or director may see (never his own). */
export function restrictionApprovals(store: SecureStore, officer: Officer): RestrictionApprovalItem[] {
  return store.restrictions.awaitingApproval().flatMap((o) => {
    const c = store.cases.get(o.caseId);
    if (!c || !canRead(officer, c) || o.proposedBy === officer.code) return [];
    return [{ orderId: o.id, caseId: c.id, caseNumber: c.number, debtorName: o.debtor.name, kinds: o.kinds, proposedBy: o.proposedBy ?? '', proposedAt: o.proposedAt ?? '' }];
  });
}
