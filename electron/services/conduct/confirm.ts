/**
 * The judge's word on the proposal (docs/domain.md rule 8): he confirms it, or overrides it with his
 * reason. The proposal is assessed again now, so the grounds kept are those he saw; it never acts by
 * itself — a listing or a repair still goes its own way (credit calls).
 */
import { AppFailure } from '../../../shared/app-failure';
import type { DebtorConduct } from '../../../shared/domain/terminal';
import { reviewProblem, type ConductClass } from '../../../shared/rules/conduct';
import type { SecureStore } from '../../store';
import type { StoredCase } from '../../store/cases';
import { debtorConduct } from './timeline';

export function confirmConduct(store: SecureStore, officerCode: string, c: StoredCase, x: { partyId: string; classification: ConductClass; reason?: string }, today: string): DebtorConduct {
  const now = debtorConduct(store, c, x.partyId, today);
  const a = now.assessment;
  const problem = reviewProblem(a.proposed, x.classification, x.reason);
  if (problem) throw new AppFailure('VALIDATION', problem, 'reason');
  const review = store.conduct.record({
    caseId: c.id, partyId: x.partyId, ...(a.proposed ? { proposed: a.proposed } : {}), decided: x.classification,
    ...(x.reason?.trim() ? { reason: x.reason.trim() } : {}), grounds: a.grounds, against: a.against,
  }, officerCode);
  return { ...now, review };
}
