/**
 * Ending or easing a 限制消费令 (docs/domain.md rule 9): lifted by the judge on full payment (by the
 * one cap formula), adequate security recorded, or the applicant's consent (限制消费规定 第九条), with
 * the 解除限制消费令决定书 and a 'restriction.lift' naming the platform's restrictionRef; or one
 * journey allowed for a while (第八条) with its 决定书 and a 'restriction.lift' carrying the
 * exemption. Each goes to the platform once, through the credit outbox.
 */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../../shared/app-failure';
import { addDays } from '../../../shared/dates';
import type { CreditSubject } from '../../../shared/domain/credit';
import type { DocumentRef } from '../../../shared/domain/measures';
import type { RestrictionExemption, RestrictionOrder } from '../../../shared/domain/restriction';
import type { Officer } from '../../../shared/domain/types';
import { ARTICLES } from '../../../shared/legal/basis';
import {
  EXEMPTION_REASON_TEXT, LIFT_GROUND_TEXT, exemptionRefusal, kindWords, liftRefusal, type ExemptionReason, type LiftGround, type RestrictionKind,
} from '../../../shared/rules/restriction';
import type { SecureStore } from '../../store';
import type { StoredCase } from '../../store/cases';
import type { OfficerKeys } from '../../store/credential';
import { makeCreditDocument } from '../credit/documents';
import { debtorOf } from '../credit/facts';
import type { CreditDeps } from '../credit/listing';
import { signCredit } from '../credit/sign';
import { orderOf } from './orders';

/** The platform's reference of the order in force: only an accepted issue can be lifted or eased. */
function issuedRef(store: SecureStore, o: RestrictionOrder): { ref: string; subjects: CreditSubject[] } {
  const issued = store.creditExchanges.of(o.id, 'restriction.issue');
  if (o.state !== 'issued' || issued?.state !== 'accepted' || !issued.platformRef) {
    throw new AppFailure('VALIDATION', { zh: '限制消费令尚未由信用平台接收，暂不能解除', en: 'the credit platform has not accepted the order yet: it cannot be lifted now' }, 'orderId');
  }
  return { ref: issued.platformRef, subjects: issued.subjects };
}

function refuse(store: SecureStore, officer: Officer, c: StoredCase, action: string, why: { code: string; zh: string; en: string }): never {
  store.audit.append({ officer: officer.code, action, caseId: c.id, caseNumber: c.number, legalBasis: ARTICLES.consumptionRestriction9, detail: { reason: why.code } });
  throw new AppFailure('RESTRICTION_REFUSED', { zh: why.zh, en: why.en }, why.code);
}

export async function liftOrder(
  d: CreditDeps, store: SecureStore, officer: Officer, keys: OfficerKeys, c: StoredCase, x: { orderId: string; ground: LiftGround; note?: string },
): Promise<{ order: RestrictionOrder; document: DocumentRef }> {
  const o = orderOf(store, c, x.orderId);
  if (o.state === 'lifted') throw new AppFailure('DECISION_TAKEN', { zh: '限制消费令已经解除', en: 'the order is already lifted' }, 'orderId');
  const { ref, subjects } = issuedRef(store, o);
  const today = d.today();
  const why = liftRefusal({
    ground: x.ground, outstanding: store.measures.capForCase(c.id, today),
    securityRecorded: store.creditListings.stepsOf(c.id, o.partyId).some((s) => s.kind === 'security'),
    ...(x.note ? { consentNote: x.note } : {}),
  });
  if (why) refuse(store, officer, c, 'restriction.lift-refused', why);
  const document = await makeCreditDocument(store, {
    type: '解除限制消费令决定书', courtName: d.courtName, c, debtor: debtorOf(c, o.partyId), officer, today,
    reason: LIFT_GROUND_TEXT[x.ground].zh, ...(o.documentId ? { previousRulingNumber: store.documents.get(o.documentId)?.number ?? '' } : {}),
    legalBasis: [ARTICLES.consumptionRestriction9],
  });
  const ex = {
    id: randomUUID(), kind: 'restriction.lift' as const, recordId: o.id, subjects,
    payload: { caseNumber: c.number, court: d.court, restrictionRef: ref, ground: x.ground, groundText: LIFT_GROUND_TEXT[x.ground].zh, liftedOn: today, documentNumber: document.number },
  };
  return store.transaction(() => {
    const order = store.restrictions.lift(o.id, { ground: x.ground, note: x.note?.trim() ?? '', documentId: document.id }, officer.code);
    store.creditExchanges.submit({ ...ex, caseId: c.id, signatures: [signCredit(keys, ex, 'decision')] }, officer.code);
    return { order, document };
  });
}

/** A CST day's first and last instants: the platform compares instants. */
const dayStart = (day: string): string => new Date(`${day}T00:00:00+08:00`).toISOString();
const dayEnd = (day: string): string => new Date(new Date(`${addDays(day, 1)}T00:00:00+08:00`).getTime() - 1).toISOString();

export interface ExemptionInput {
  orderId: string;
  kind: RestrictionKind;
  reason: ExemptionReason;
  note: string;
  from: string;
  until: string;
}

export async function exemptJourney(
  d: CreditDeps, store: SecureStore, officer: Officer, keys: OfficerKeys, c: StoredCase, x: ExemptionInput,
): Promise<{ exemption: RestrictionExemption; document: DocumentRef }> {
  const o = orderOf(store, c, x.orderId);
  const { ref, subjects } = issuedRef(store, o);
  const today = d.today();
  const why = exemptionRefusal({ kind: x.kind, from: x.from, until: x.until }, o.kinds, today);
  if (why) refuse(store, officer, c, 'restriction.exemption-refused', why);
  const id = randomUUID();
  const document = await makeCreditDocument(store, {
    type: '暂时解除限制消费决定书', courtName: d.courtName, c, debtor: debtorOf(c, o.partyId), officer, today,
    reason: `被执行人因${EXEMPTION_REASON_TEXT[x.reason].zh}（${x.note.trim()}），申请暂时解除“${kindWords(x.kind).zh}”的限制。`,
    period: { start: x.from, end: x.until }, ...(o.documentId ? { previousRulingNumber: store.documents.get(o.documentId)?.number ?? '' } : {}),
    legalBasis: [ARTICLES.consumptionRestriction8],
  });
  const ex = {
    id: randomUUID(), kind: 'restriction.lift' as const, recordId: id, subjects,
    payload: {
      caseNumber: c.number, court: d.court, restrictionRef: ref, exemption: { kind: x.kind, from: dayStart(x.from), until: dayEnd(x.until) },
      reason: x.reason, decidedOn: today, documentNumber: document.number,
    },
  };
  return store.transaction(() => {
    const exemption = store.restrictions.exempt(o.id, { id, kind: x.kind, reason: x.reason, note: x.note.trim(), from: x.from, until: x.until, documentId: document.id }, officer.code);
    store.creditExchanges.submit({ ...ex, caseId: c.id, signatures: [signCredit(keys, ex, 'decision')] }, officer.code);
    return { exemption, document };
  });
}
