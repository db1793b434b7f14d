/**
 * The facts the listing rules look at, read from the case's own records (docs/domain.md rule 8): the
 * execution notice's service, a grace period, the report order and the reports filed, a security
 * recorded, and what is still owed against what is frozen in force — by the one cap formula
 * (freezeCap, through the store's capForCase).
 */
import { AppFailure } from '../../../shared/app-failure';
import type { CreditStep } from '../../../shared/domain/listing';
import type { Party } from '../../../shared/domain/types';
import type { Fen } from '../../../shared/money';
import type { ExtensionReason, ListingFacts, ListingGround } from '../../../shared/rules/listing';
import type { SecureStore } from '../../store';
import type { StoredCase } from '../../store/cases';

/** A debtor of the case, by its party id; refused plainly otherwise. */
export function debtorOf(c: StoredCase, partyId: string): Party {
  const p = c.parties.find((x) => x.id === partyId);
  if (!p || p.role !== 'debtor') throw new AppFailure('VALIDATION', { zh: '请选择本案的被执行人', en: 'choose a debtor of this case' }, 'partyId');
  return p;
}

/** Still owed (the cap formula, costs and late interest included) and frozen or sealed in force. */
export function owedAndFrozen(store: SecureStore, caseId: string, today: string): { outstanding: Fen; frozen: Fen } {
  const frozen = store.measures.liveFreezes(caseId, today)
    .filter((v) => v.status === 'in_force')
    .reduce((s, v) => s + v.frozen + (v.referenceValue ?? 0), 0);
  return { outstanding: store.measures.capForCase(caseId, today), frozen };
}

const latest = (steps: CreditStep[], kind: CreditStep['kind']) => steps.filter((s) => s.kind === kind).at(-1);

export interface FactsInput {
  ground: ListingGround;
  subjectIdNumber?: string;
  evidence?: { text: string; refs: readonly unknown[] };
  extension?: { years: number; reason: ExtensionReason };
}

export function listingFacts(store: SecureStore, c: StoredCase, debtor: Party, x: FactsInput, today: string): ListingFacts {
  const notice = store.enforcementNotices.of(c.id, debtor.id, 'execution-notice');
  const order = store.enforcementNotices.of(c.id, debtor.id, 'report-order');
  const reports = store.enforcementNotices.reportsOf(c.id).filter((r) => r.partyId === debtor.id);
  const steps = store.creditListings.stepsOf(c.id, debtor.id);
  const grace = latest(steps, 'grace');
  const security = latest(steps, 'security');
  return {
    ground: x.ground, on: today,
    debtor: { kind: debtor.kind, idNumber: debtor.idNumber },
    subjectIdNumber: x.subjectIdNumber?.trim() || debtor.idNumber,
    ...(notice?.servedOn ? { noticeServedOn: notice.servedOn } : {}),
    ...(grace?.untilOn ? { graceEndsOn: grace.untilOn } : {}),
    ...(order ? { report: { ...(order.deadlineOn ? { deadlineOn: order.deadlineOn } : {}), filed: reports.length > 0, truthful: reports.every((r) => r.truthful) } } : {}),
    secured: security?.granted === true,
    ...owedAndFrozen(store, c.id, today),
    evidence: { text: x.evidence?.text ?? '', refs: x.evidence?.refs.length ?? 0 },
    ...(x.extension ? { extension: x.extension } : {}),
  };
}
