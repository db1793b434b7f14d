/**
 * The listing wizard's acts in main (docs/domain.md rule 8): check, draft, propose (the judge signs
 * the exchange), approve or refuse (a chief or the director signs the same text, never his own
 * proposal), and on approval the 纳入失信被执行人名单决定书 and the exchange queued in the credit outbox.
 * Every refusal by the rules is answered with its reason and left in the audit log.
 */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../../shared/app-failure';
import type { CreditExchangeRequest, CreditSubject } from '../../../shared/domain/credit';
import type { CreditListing, EvidenceRef } from '../../../shared/domain/listing';
import type { DocumentRef } from '../../../shared/domain/measures';
import type { Officer } from '../../../shared/domain/types';
import { ARTICLES, LEGAL_BASIS } from '../../../shared/legal/basis';
import {
  GROUND_TEXT, groundCitation, listingPeriod, listingRefusals, type ExtensionReason, type ListingGround, type ListingRefusal,
} from '../../../shared/rules/listing';
import type { SecureStore } from '../../store';
import type { StoredCase } from '../../store/cases';
import type { OfficerKeys } from '../../store/credential';
import { makeCreditDocument } from './documents';
import { debtorOf, listingFacts } from './facts';
import { debtorConduct } from '../conduct/timeline';
import { signCredit } from './sign';

export interface CreditDeps {
  court: string;
  courtName: string;
  today: () => string;
}

export interface ListingInput {
  partyId: string;
  ground: ListingGround;
  evidence: { text: string; refs: EvidenceRef[] };
  extension?: { years: number; reason: ExtensionReason; note: string };
  subjectIdNumber?: string;
}

/** Refused by the rules: the first reason in the judge's words, all of them in the audit entry. */
export function refuseListing(store: SecureStore, officer: Officer, c: StoredCase, call: string, refusals: ListingRefusal[]): never {
  const first = refusals[0]!;
  store.audit.append({
    officer: officer.code, action: 'credit.listing-refused-by-rule', caseId: c.id, caseNumber: c.number, legalBasis: first.basis,
    detail: { call, codes: refusals.map((r) => r.code), reason: first.zh },
  });
  throw new AppFailure('LISTING_REFUSED', { zh: refusals.map((r) => r.zh).join('；'), en: refusals.map((r) => r.en).join('; ') }, first.code);
}

export function checkListing(d: CreditDeps, store: SecureStore, c: StoredCase, x: Omit<ListingInput, 'evidence'> & { evidence?: ListingInput['evidence'] }) {
  const debtor = debtorOf(c, x.partyId);
  const today = d.today();
  const facts = listingFacts(store, c, debtor, x, today);
  return { refusals: listingRefusals(facts), period: listingPeriod(x.ground, today, x.extension?.years ?? 0), outstanding: facts.outstanding, frozen: facts.frozen, conduct: debtorConduct(store, c, debtor.id, today) };
}

/** A draft: who is never listed is refused already here (a minor; anyone but the debtor himself). */
export function draftListing(d: CreditDeps, store: SecureStore, officer: Officer, c: StoredCase, x: ListingInput): CreditListing {
  const debtor = debtorOf(c, x.partyId);
  const never = checkListing(d, store, c, x).refusals.filter((r) => r.code === 'MINOR' || r.code === 'NOT_THE_DEBTOR');
  if (never.length) refuseListing(store, officer, c, 'credit.draft', never);
  return store.creditListings.draft({
    caseId: c.id, partyId: debtor.id, subject: { name: debtor.name, idNumber: debtor.idNumber, kind: debtor.kind },
    ground: x.ground, evidence: x.evidence, ...(x.extension ? { extension: x.extension } : {}),
  }, officer.code);
}

function listingOf(store: SecureStore, c: StoredCase, listingId: string): CreditListing {
  const l = store.creditListings.get(listingId);
  if (!l || l.caseId !== c.id) throw new AppFailure('NOT_FOUND', { zh: '失信名单记录不存在', en: 'no such listing' }, 'listingId');
  return l;
}

/** The judge proposes: every rule checked again today, then he signs the exchange it will send. */
export function proposeListing(d: CreditDeps, store: SecureStore, officer: Officer, keys: OfficerKeys, c: StoredCase, listingId: string): CreditListing {
  const l = listingOf(store, c, listingId);
  if (l.state !== 'draft') throw new AppFailure('DECISION_TAKEN', { zh: '只有草稿可以提请审批', en: 'only a draft can be proposed' }, 'listingId');
  const check = checkListing(d, store, c, { partyId: l.partyId, ground: l.ground, evidence: l.evidence, ...(l.extension ? { extension: l.extension } : {}) });
  if (check.refusals.length) refuseListing(store, officer, c, 'credit.propose', check.refusals);
  const subjects: CreditSubject[] = [{ name: l.subject.name, idNumber: l.subject.idNumber, kind: l.subject.kind }];
  const payload = {
    caseNumber: c.number, court: d.court, courtName: d.courtName, ground: l.ground, groundText: GROUND_TEXT[l.ground].zh, basis: groundCitation(l.ground),
    periodYears: check.period.years ?? null, extensionYears: l.extension?.years ?? 0, proposedOn: d.today(), decidedBy: officer.code,
  };
  const x = { id: randomUUID(), kind: 'listing.publish' as const, recordId: l.id, subjects, payload };
  return store.creditListings.propose(l.id, { id: x.id, subjects, payload, decision: signCredit(keys, x, 'decision') }, officer.code);
}

/** A refusal of the act itself (his own proposal), audited like the router's. */
function refuseAct(store: SecureStore, officer: Officer, c: StoredCase, why: { zh: string; en: string; reason: string }): never {
  store.audit.append({ officer: officer.code, action: 'authority.refused', caseId: c.id, caseNumber: c.number, detail: { call: 'credit.approve', act: 'credit.approve', reason: why.reason, role: officer.role } });
  throw new AppFailure('FORBIDDEN', { zh: why.zh, en: why.en });
}

/**
 * A chief or the director decides. Approved: the 决定书 is made, he signs the text the judge signed,
 * and the exchange with both signatures is queued — once (a second approval finds the first).
 */
export async function approveListing(
  d: CreditDeps, store: SecureStore, officer: Officer, keys: OfficerKeys, c: StoredCase, x: { listingId: string; decision: 'approve' | 'refuse'; reason?: string },
): Promise<{ listing: CreditListing; document?: DocumentRef }> {
  const l = listingOf(store, c, x.listingId);
  if (l.proposedBy === officer.code || l.draftedBy === officer.code) {
    refuseAct(store, officer, c, { zh: '不能审批本人提请或拟定的失信名单', en: 'an officer may not approve a listing he proposed or drafted', reason: 'own-proposal' });
  }
  if (l.state !== 'proposed') throw new AppFailure('DECISION_TAKEN', { zh: '该失信名单记录不在待审批状态', en: 'the listing is not awaiting approval' }, 'listingId');
  if (x.decision === 'refuse') {
    if (!x.reason?.trim()) throw new AppFailure('VALIDATION', { zh: '不予批准须说明理由', en: 'a refusal needs a reason' }, 'reason');
    return { listing: store.creditListings.refuse(l.id, x.reason.trim(), officer.code) };
  }
  const draft = store.creditListings.exchangeDraft(l.id);
  if (!draft) throw new AppFailure('INTERNAL');
  const request: CreditExchangeRequest = { id: draft.id, kind: 'listing.publish', caseId: c.id, recordId: l.id, subjects: draft.subjects, payload: draft.payload, signatures: [] };
  const approval = signCredit(keys, request, 'approval');
  const today = d.today();
  const period = listingPeriod(l.ground, today, l.extension?.years ?? 0);
  const judge = store.officers.get(l.proposedBy ?? '') ?? officer;
  const document = await makeCreditDocument(store, {
    type: '纳入失信被执行人名单决定书', courtName: d.courtName, c, debtor: debtorOf(c, l.partyId), officer: judge, today,
    reason: GROUND_TEXT[l.ground].zh, ...(period.endsOn ? { period: { start: today, end: period.endsOn } } : {}),
    legalBasis: [groundCitation(l.ground), ...(period.endsOn ? [ARTICLES.dishonest2] : []), ARTICLES.dishonest5],
  });
  return store.transaction(() => {
    const listing = store.creditListings.approve(l.id, { listedOn: today, ...(period.endsOn ? { endsOn: period.endsOn } : {}), ...(period.years ? { periodYears: period.years } : {}), documentId: document.id }, officer.code);
    store.creditExchanges.submit({ ...request, payload: draft.payload, signatures: [draft.decision, approval] }, officer.code);
    store.audit.append({ officer: officer.code, action: 'credit.listing-submitted', caseId: c.id, caseNumber: c.number, legalBasis: LEGAL_BASIS.listing, detail: { listingId: l.id, exchangeId: draft.id } });
    return { listing, document };
  });
}
