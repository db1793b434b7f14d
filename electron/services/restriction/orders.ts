/**
 * The 限制消费令 in main (docs/domain.md rules 9 and 14): drafted with the kinds and the persons it
 * binds, proposed by the judge (he signs the exchange it will send), approved or refused by a chief
 * or the director with his own signature (never his own proposal), and on approval the order made
 * and the 'restriction.issue' exchange queued once in the credit outbox. Refusals by the rules are
 * answered with their reason and audited.
 */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../../shared/app-failure';
import type { CreditExchangeRequest, CreditSubject } from '../../../shared/domain/credit';
import type { DocumentRef } from '../../../shared/domain/measures';
import type { RestrictionOrder } from '../../../shared/domain/restriction';
import type { Officer } from '../../../shared/domain/types';
import { ARTICLES, LEGAL_BASIS } from '../../../shared/legal/basis';
import { BOUND_ROLE_TEXT, kindsClause, orderRefusals, type RestrictionKind, type RestrictionRefusal } from '../../../shared/rules/restriction';
import type { SecureStore } from '../../store';
import type { StoredCase } from '../../store/cases';
import type { OfficerKeys } from '../../store/credential';
import { makeCreditDocument } from '../credit/documents';
import { debtorOf } from '../credit/facts';
import type { CreditDeps } from '../credit/listing';
import { signCredit } from '../credit/sign';
import { checkedBound, type BoundInput } from './bound';

export interface OrderInput {
  partyId: string;
  kinds: RestrictionKind[];
  bound: BoundInput[];
}

function refuseByRule(store: SecureStore, officer: Officer, c: StoredCase, call: string, refusals: RestrictionRefusal[]): never {
  store.audit.append({
    officer: officer.code, action: 'restriction.refused-by-rule', caseId: c.id, caseNumber: c.number, legalBasis: refusals[0]!.basis,
    detail: { call, codes: refusals.map((r) => r.code) },
  });
  throw new AppFailure('RESTRICTION_REFUSED', { zh: refusals.map((r) => r.zh).join('；'), en: refusals.map((r) => r.en).join('; ') }, refusals[0]!.code);
}

export function orderOf(store: SecureStore, c: StoredCase, orderId: string): RestrictionOrder {
  const o = store.restrictions.get(orderId);
  if (!o || o.caseId !== c.id) throw new AppFailure('NOT_FOUND', { zh: '限制消费令不存在', en: 'no such restriction order' }, 'orderId');
  return o;
}

/** A draft (a clerk or the judge): the kinds ticked and the persons confirmed, each ID number checked. */
export function draftOrder(store: SecureStore, officer: Officer, c: StoredCase, x: OrderInput): RestrictionOrder {
  const debtor = debtorOf(c, x.partyId);
  const bound = checkedBound(store, c, debtor, x.bound);
  const never = orderRefusals({ debtorKind: debtor.kind, kinds: x.kinds, bound }).filter((r) => r.code === 'PERSON_BINDS_NO_ONE' || r.code === 'PERSON_TWICE');
  if (never.length) refuseByRule(store, officer, c, 'restriction.draft', never);
  return store.restrictions.draft({ caseId: c.id, partyId: debtor.id, debtor: { name: debtor.name, idNumber: debtor.idNumber, kind: debtor.kind }, kinds: x.kinds, bound }, officer.code);
}

/** The platform's subjects: the debtor, then each person bound (第三条第二款). */
export const subjectsOf = (o: RestrictionOrder): CreditSubject[] => [
  { name: o.debtor.name, idNumber: o.debtor.idNumber, kind: o.debtor.kind },
  ...o.bound.map((b) => ({ name: b.name, idNumber: b.idNumber, kind: 'person' as const })),
];

/** The judge proposes: the rules checked, then he signs the exchange it will send. */
export function proposeOrder(d: CreditDeps, store: SecureStore, officer: Officer, keys: OfficerKeys, c: StoredCase, orderId: string): RestrictionOrder {
  const o = orderOf(store, c, orderId);
  if (o.state !== 'draft') throw new AppFailure('DECISION_TAKEN', { zh: '只有草稿可以提请审批', en: 'only a draft can be proposed' }, 'orderId');
  const refusals = orderRefusals({ debtorKind: o.debtor.kind, kinds: o.kinds, bound: o.bound });
  if (refusals.length) refuseByRule(store, officer, c, 'restriction.propose', refusals);
  const subjects = subjectsOf(o);
  const payload = {
    caseNumber: c.number, court: d.court, courtName: d.courtName, kinds: o.kinds, kindsText: kindsClause(o.kinds),
    bound: o.bound.map((b) => ({ role: b.role, idNumber: b.idNumber })), basis: ARTICLES.consumptionRestriction3, proposedOn: d.today(), decidedBy: officer.code,
  };
  const x = { id: randomUUID(), kind: 'restriction.issue' as const, recordId: o.id, subjects, payload };
  return store.restrictions.propose(o.id, { id: x.id, subjects, payload, decision: signCredit(keys, x, 'decision') }, officer.code);
}

/** Who the order binds and what it forbids, as the 限制消费令 states it. */
export function orderClause(o: RestrictionOrder): string {
  const persons = o.bound.map((b) => `${BOUND_ROLE_TEXT[b.role].zh}${b.name}`).join('、');
  const who = persons ? `被执行人${o.debtor.name}及其${persons}` : `被执行人${o.debtor.name}`;
  return `自本令送达之日起，${who}不得实施以下高消费及非生活和工作必需的消费行为：${kindsClause(o.kinds)}。`;
}

function refuseOwn(store: SecureStore, officer: Officer, c: StoredCase): never {
  store.audit.append({ officer: officer.code, action: 'authority.refused', caseId: c.id, caseNumber: c.number, detail: { call: 'restriction.approve', act: 'credit.approve', reason: 'own-proposal', role: officer.role } });
  throw new AppFailure('FORBIDDEN', { zh: '不能审批本人提请或拟定的限制消费令', en: 'an officer may not approve an order he proposed or drafted' });
}

/**
 * A chief or the director decides. Approved: the 限制消费令 is made, he signs the text the judge
 * signed, and the exchange with both signatures is queued — once (a second approval finds the first).
 */
export async function approveOrder(
  d: CreditDeps, store: SecureStore, officer: Officer, keys: OfficerKeys, c: StoredCase, x: { orderId: string; decision: 'approve' | 'refuse'; reason?: string },
): Promise<{ order: RestrictionOrder; document?: DocumentRef }> {
  const o = orderOf(store, c, x.orderId);
  if (o.proposedBy === officer.code || o.draftedBy === officer.code) refuseOwn(store, officer, c);
  if (o.state !== 'proposed') throw new AppFailure('DECISION_TAKEN', { zh: '该限制消费令不在待审批状态', en: 'the order is not awaiting approval' }, 'orderId');
  if (x.decision === 'refuse') {
    if (!x.reason?.trim()) throw new AppFailure('VALIDATION', { zh: '不予批准须说明理由', en: 'a refusal needs a reason' }, 'reason');
    return { order: store.restrictions.refuse(o.id, x.reason.trim(), officer.code) };
  }
  const draft = store.restrictions.exchangeDraft(o.id);
  if (!draft) throw new AppFailure('INTERNAL');
  const request: CreditExchangeRequest = { id: draft.id, kind: 'restriction.issue', caseId: c.id, recordId: o.id, subjects: draft.subjects, payload: draft.payload, signatures: [] };
  const approval = signCredit(keys, request, 'approval');
  const today = d.today();
  const judge = store.officers.get(o.proposedBy ?? '') ?? officer;
  const document = await makeCreditDocument(store, {
    type: '限制消费令', courtName: d.courtName, c, debtor: debtorOf(c, o.partyId), officer: judge, today, reason: orderClause(o),
    legalBasis: [ARTICLES.consumptionRestriction3, ARTICLES.consumptionRestriction5],
  });
  return store.transaction(() => {
    const order = store.restrictions.approve(o.id, { issuedOn: today, documentId: document.id }, officer.code);
    store.creditExchanges.submit({ ...request, signatures: [draft.decision, approval] }, officer.code);
    store.audit.append({ officer: officer.code, action: 'restriction.submitted', caseId: c.id, caseNumber: c.number, legalBasis: LEGAL_BASIS.restriction, detail: { orderId: o.id, exchangeId: draft.id } });
    return { order, document };
  });
}
