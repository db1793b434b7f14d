/**
 * The two documents a measure carries (docs/domain.md, "A request carries": ruling + assistance notice),
 * generated from the templates, numbered in the case's sequence and saved — PDF and content —
 * inside the encrypted store before the measure enters the outbox.
 */
import { DOCUMENTS_FOR, type DocumentRef, type MeasureKind } from '../../../shared/domain/measures';
import type { Asset, CaseDetail, Officer, Party } from '../../../shared/domain/types';
import type { CourtAccount } from '../../../shared/domain/measure-views';
import type { DocumentData } from '../../../shared/documents';
import type { SecureStore } from '../../store';
import { generateDocument } from '../../documents';

export interface MeasureDocInput {
  kind: MeasureKind;
  court: string;
  c: Pick<CaseDetail, 'id' | 'number' | 'cause' | 'parties'>;
  debtor: Party;
  /** with its particulars when the query found them (坐落 and 不动产单元号, VIN …) */
  asset: Pick<Asset, 'kind' | 'institution' | 'identifier' | 'particulars'>;
  officer: Officer;
  today: string;
  amount?: number;
  period?: { start: string; end: string };
  previousRulingNumber?: string;
  reason?: string;
  courtAccount?: CourtAccount;
  /** the articles the ruling and notice cite instead of their template's (a release of the excess) */
  legalBasis?: string[];
}

/** A party as a document states it: name, ID and kind, 住所 and a company's 法定代表人. */
function partyOf(p: Party): NonNullable<DocumentData['debtor']> {
  return {
    name: p.name, idNumber: p.idNumber, kind: p.kind,
    ...(p.address ? { address: p.address } : {}),
    ...(p.legalRepresentative ? { legalRepresentative: p.legalRepresentative } : {}),
  };
}

/** The ruling's 书记员: the clerk on the deciding judge's team, as the officer register knows him. */
function clerkOf(store: SecureStore, judge: Officer): { clerk?: { name: string } } {
  const clerk = store.officers.list().find((o) => o.role === 'clerk' && o.court === judge.court && o.team?.includes(judge.code));
  return clerk ? { clerk: { name: clerk.name } } : {};
}

/** Serialises document numbering: a number is taken and saved before the next is asked for. */
let chain: Promise<unknown> = Promise.resolve();

export function makeMeasureDocuments(store: SecureStore, i: MeasureDocInput): Promise<DocumentRef[]> {
  const run = async (): Promise<DocumentRef[]> => {
    const applicant = i.c.parties.find((p) => p.role === 'applicant');
    const base: Omit<DocumentData, 'number'> = {
      court: i.court,
      caseNumber: i.c.number,
      cause: i.c.cause,
      ...(applicant ? { applicant: partyOf(applicant) } : {}),
      debtor: partyOf(i.debtor),
      asset: { kind: i.asset.kind, institution: i.asset.institution, identifier: i.asset.identifier, ...(i.asset.particulars ? { particulars: i.asset.particulars } : {}) },
      addressee: i.asset.institution,
      ...(i.amount !== undefined ? { amount: i.amount } : {}),
      ...(i.period ? { period: i.period } : {}),
      ...(i.previousRulingNumber ? { previousRulingNumber: i.previousRulingNumber } : {}),
      ...(i.reason ? { reason: i.reason } : {}),
      ...(i.courtAccount ? { courtAccount: { name: i.courtAccount.name, bank: i.courtAccount.bank, account: i.courtAccount.accountNo } } : {}),
      ...(i.legalBasis ? { legalBasis: i.legalBasis } : {}),
      officer: { name: i.officer.name },
      ...clerkOf(store, i.officer),
      date: i.today,
    };
    const [rulingType, noticeType] = DOCUMENTS_FOR[i.kind];
    const refs: DocumentRef[] = [];
    const ruling = store.documents.nextNumber(i.c.id).number;
    const r = await generateDocument(rulingType, { ...base, number: ruling });
    refs.push(store.documents.save({ caseId: i.c.id, type: rulingType, pdf: r.pdf, content: r.model, createdBy: i.officer.code, number: ruling }));
    const notice = store.documents.nextNumber(i.c.id).number;
    const n = await generateDocument(noticeType, { ...base, number: notice, rulingNumber: ruling });
    refs.push(store.documents.save({ caseId: i.c.id, type: noticeType, pdf: n.pdf, content: n.model, createdBy: i.officer.code, number: notice }));
    return refs.map(({ id, type, number, sha256, createdAt }) => ({ id, type, number, sha256, createdAt }));
  };
  const p = chain.then(run, run);
  chain = p.catch(() => undefined);
  return p;
}
