/**
 * Removing a listing (若干规定 第十条; docs/domain.md rule 8): proposed once the case is paid in full
 * by the one cap formula, or the debtor corrected, a repair was granted or a commitment kept; due
 * within the bureau's working days (holiday calendar) of the day it was proposed; confirmed by the
 * judge with the 删除失信信息决定书, and sent to the platform as 'listing.remove' with his signature.
 * Credit repair is its own step: the application, then the judge's decision with its document.
 */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../../shared/app-failure';
import type { CreditListing, CreditRemoval, CreditStep } from '../../../shared/domain/listing';
import type { DocumentRef } from '../../../shared/domain/measures';
import type { Officer } from '../../../shared/domain/types';
import type { HolidayCalendar } from '../../../shared/dates';
import { REMOVAL_GROUND_TEXT, removalGround, workingDaysAfter, type RemovalGround } from '../../../shared/rules/listing';
import type { SecureStore } from '../../store';
import type { StoredCase } from '../../store/cases';
import type { OfficerKeys } from '../../store/credential';
import { makeCreditDocument } from './documents';
import { debtorOf } from './facts';
import type { CreditDeps } from './listing';
import { signCredit } from './sign';

export interface RemovalDeps extends CreditDeps {
  holidays: HolidayCalendar;
}

function listedOf(store: SecureStore, c: StoredCase, listingId: string): CreditListing {
  const l = store.creditListings.get(listingId);
  if (!l || l.caseId !== c.id) throw new AppFailure('NOT_FOUND', { zh: '失信名单记录不存在', en: 'no such listing' }, 'listingId');
  return l;
}

/** Why this listing must come off now, from the case's records; undefined while it stays. */
export function removalGroundFor(store: SecureStore, l: CreditListing, today: string): RemovalGround | undefined {
  const steps = store.creditListings.stepsOf(l.caseId, l.partyId).filter((s) => !l.listedOn || s.on >= l.listedOn || s.listingId === l.id);
  return removalGround({
    outstanding: store.measures.capForCase(l.caseId, today),
    corrected: steps.some((s) => s.kind === 'correction'),
    repaired: steps.some((s) => s.kind === 'repair-decision' && s.granted === true && s.listingId === l.id),
    committed: steps.some((s) => s.kind === 'commitment' && s.listingId === l.id),
    ...(l.endsOn ? { endsOn: l.endsOn } : {}),
    today,
  });
}

export function proposeRemoval(d: RemovalDeps, store: SecureStore, officer: Officer, c: StoredCase, listingId: string): CreditRemoval {
  const l = listedOf(store, c, listingId);
  if (l.state !== 'listed') throw new AppFailure('VALIDATION', { zh: '只有已纳入名单的记录可以删除', en: 'only a listing in force can be removed' }, 'listingId');
  const today = d.today();
  const ground = removalGroundFor(store, l, today);
  if (!ground) {
    store.audit.append({ officer: officer.code, action: 'credit.removal-refused', caseId: c.id, caseNumber: c.number, detail: { listingId, reason: 'no-ground' } });
    throw new AppFailure('VALIDATION', { zh: '尚无删除失信信息的事由：案款未全部执行到位，也未记录纠正、信用修复或信用承诺', en: 'no ground for removal yet: not paid in full, no correction, repair or commitment recorded' }, 'listingId');
  }
  const days = store.settings.all().creditRemovalWorkingDays;
  return store.creditListings.proposeRemoval(l.id, { ground, factOn: today, dueOn: workingDaysAfter(today, days, d.holidays) }, officer.code).removal;
}

/** The judge confirms: the 删除失信信息决定书, and the removal queued for the platform, once. */
export async function confirmRemoval(d: RemovalDeps, store: SecureStore, officer: Officer, keys: OfficerKeys, c: StoredCase, listingId: string): Promise<{ removal: CreditRemoval; document: DocumentRef }> {
  const l = listedOf(store, c, listingId);
  const r = store.creditListings.removalOf(l.id) ?? proposeRemoval(d, store, officer, c, l.id);
  if (r.confirmedAt) throw new AppFailure('DECISION_TAKEN', { zh: '删除已经确认', en: 'the removal is already confirmed' }, 'listingId');
  const decision = l.decisionDocumentId ? store.documents.get(l.decisionDocumentId) : undefined;
  const document = await makeCreditDocument(store, {
    type: '删除失信信息决定书', courtName: d.courtName, c, debtor: debtorOf(c, l.partyId), officer, today: d.today(),
    reason: REMOVAL_GROUND_TEXT[r.ground].zh, ...(decision ? { previousRulingNumber: decision.number } : {}),
  });
  const published = store.creditExchanges.of(l.id, 'listing.publish');
  const x = {
    id: randomUUID(), kind: 'listing.remove' as const, recordId: l.id,
    subjects: published?.subjects ?? [{ name: l.subject.name, idNumber: l.subject.idNumber, kind: l.subject.kind }],
    payload: { caseNumber: c.number, court: d.court, ground: r.ground, groundText: REMOVAL_GROUND_TEXT[r.ground].zh, removedOn: d.today(), documentNumber: document.number, ...(published?.platformRef ? { listingRef: published.platformRef } : {}) },
  };
  return store.transaction(() => {
    const removal = store.creditListings.confirmRemoval(l.id, document.id, officer.code);
    store.creditExchanges.submit({ ...x, caseId: c.id, signatures: [signCredit(keys, x, 'decision')] }, officer.code);
    return { removal, document };
  });
}

/** The judge decides a credit repair application: granted, with its 决定书, proposes the removal. */
export async function decideRepair(
  d: RemovalDeps, store: SecureStore, officer: Officer, c: StoredCase, x: { listingId: string; granted: boolean; reason: string },
): Promise<{ step: CreditStep; document?: DocumentRef; removal?: CreditRemoval }> {
  const l = listedOf(store, c, x.listingId);
  const applied = store.creditListings.stepsOf(c.id, l.partyId).some((s) => s.kind === 'repair-application' && s.listingId === l.id);
  if (!applied) throw new AppFailure('VALIDATION', { zh: '请先记录被执行人的信用修复申请', en: 'record the debtor\'s repair application first' }, 'listingId');
  if (l.state !== 'listed') throw new AppFailure('VALIDATION', { zh: '只有已纳入名单的记录可以信用修复', en: 'only a listing in force can be repaired' }, 'listingId');
  const decision = l.decisionDocumentId ? store.documents.get(l.decisionDocumentId) : undefined;
  const document = x.granted
    ? await makeCreditDocument(store, {
      type: '信用修复决定书', courtName: d.courtName, c, debtor: debtorOf(c, l.partyId), officer, today: d.today(), reason: x.reason,
      ...(decision ? { previousRulingNumber: decision.number } : {}),
    })
    : undefined;
  const step = store.creditListings.recordStep({
    caseId: c.id, partyId: l.partyId, listingId: l.id, kind: 'repair-decision', on: d.today(), text: x.reason, granted: x.granted, ...(document ? { documentId: document.id } : {}),
  }, officer.code);
  const removal = x.granted ? proposeRemoval(d, store, officer, c, l.id) : undefined;
  return { step, ...(document ? { document } : {}), ...(removal ? { removal } : {}) };
}
