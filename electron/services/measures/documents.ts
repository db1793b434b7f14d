/**
 * The documents of a decision (docs/domain.md, "A request carries" and "Documents"; docs/documents.md):
 * one ruling listing every item the judge decided at once — its debtors, each asset with its
 * amount and period — and one assistance notice per agency the items go to, listing that agency's
 * share. Generated from the templates, numbered in the case's sequence (the ruling, then each
 * notice: one number per document) and saved — PDF and content — inside the encrypted store
 * before the measures enter the outbox. Each measure then carries its decision's ruling and its
 * agency's notice.
 */
import { DOCUMENTS_FOR, type DocumentRef, type MeasureKind } from '../../../shared/domain/measures';
import type { Asset, CaseDetail, Officer, Party } from '../../../shared/domain/types';
import type { CourtAccount } from '../../../shared/domain/measure-views';
import { channelInfo, type ChannelId } from '../../../shared/domain/channels';
import type { DocumentData, DocumentItem } from '../../../shared/documents';
import type { SecureStore } from '../../store';
import { generateDocument } from '../../documents';

/** One measure of a decision, as its documents state it. */
export interface MeasureDocInput {
  kind: MeasureKind;
  court: string;
  c: Pick<CaseDetail, 'id' | 'number' | 'cause' | 'parties'>;
  debtor: Party;
  /** with its particulars when the query found them (坐落 and 不动产单元号, VIN …) */
  asset: Pick<Asset, 'kind' | 'institution' | 'identifier' | 'particulars'>;
  /** the agency the measure is sent to; its notice lists all the decision's items sent there */
  channel: ChannelId;
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
export function partyOf(p: Party): NonNullable<DocumentData['debtor']> {
  return {
    name: p.name, idNumber: p.idNumber, kind: p.kind,
    ...(p.address ? { address: p.address } : {}),
    ...(p.legalRepresentative ? { legalRepresentative: p.legalRepresentative } : {}),
  };
}

/** The ruling's 书记员: the clerk on the deciding judge's team, as the officer register knows him. */
export function clerkOf(store: SecureStore, judge: Officer): { clerk?: { name: string } } {
  const clerk = store.officers.list().find((o) => o.role === 'clerk' && o.court === judge.court && o.team?.includes(judge.code));
  return clerk ? { clerk: { name: clerk.name } } : {};
}

/** One measure's item on its ruling and notice. */
function itemOf(i: MeasureDocInput): DocumentItem {
  return {
    debtor: partyOf(i.debtor),
    asset: { kind: i.asset.kind, institution: i.asset.institution, identifier: i.asset.identifier, ...(i.asset.particulars ? { particulars: i.asset.particulars } : {}) },
    ...(i.amount !== undefined ? { amount: i.amount } : {}),
    ...(i.period ? { period: i.period } : {}),
    ...(i.previousRulingNumber ? { previousRulingNumber: i.previousRulingNumber } : {}),
  };
}

/** What the ruling and the notices of a decision share: the case, the parties, the court, the officer, the date. */
function decisionData(store: SecureStore, i: MeasureDocInput): Omit<DocumentData, 'number'> {
  const applicant = i.c.parties.find((p) => p.role === 'applicant');
  return {
    court: i.court,
    caseNumber: i.c.number,
    cause: i.c.cause,
    ...(applicant ? { applicant: partyOf(applicant) } : {}),
    ...(i.reason ? { reason: i.reason } : {}),
    ...(i.courtAccount ? { courtAccount: { name: i.courtAccount.name, bank: i.courtAccount.bank, account: i.courtAccount.accountNo } } : {}),
    ...(i.legalBasis ? { legalBasis: i.legalBasis } : {}),
    officer: { name: i.officer.name },
    ...clerkOf(store, i.officer),
    date: i.today,
  };
}

/** The measures' indexes by the agency their notice goes to, in the order the agencies first appear. */
export function byAgency(inputs: readonly Pick<MeasureDocInput, 'channel'>[]): number[][] {
  const groups = new Map<ChannelId, number[]>();
  inputs.forEach((x, k) => groups.set(x.channel, [...(groups.get(x.channel) ?? []), k]));
  return [...groups.values()];
}

const refOf = ({ id, type, number, sha256, createdAt }: DocumentRef): DocumentRef => ({ id, type, number, sha256, createdAt });

/** Serialises document numbering: a number is taken and saved before the next is asked for. */
let chain: Promise<unknown> = Promise.resolve();

/**
 * The documents of one decision in one case over `inputs` (all of one kind, one officer, one
 * day): for each input, in order, the refs it carries — the ruling, then its agency's notice.
 */
export function makeDecisionDocuments(store: SecureStore, inputs: readonly MeasureDocInput[]): Promise<DocumentRef[][]> {
  const run = async (): Promise<DocumentRef[][]> => {
    const first = inputs[0];
    if (!first) return [];
    const caseId = first.c.id;
    const base = decisionData(store, first);
    const items = inputs.map(itemOf);
    const [rulingType, noticeType] = DOCUMENTS_FOR[first.kind];
    const rulingNumber = store.documents.nextNumber(caseId).number;
    const r = await generateDocument(rulingType, { ...base, items, number: rulingNumber });
    const ruling = refOf(store.documents.save({ caseId, type: rulingType, pdf: r.pdf, content: r.model, createdBy: first.officer.code, number: rulingNumber }));
    const out: DocumentRef[][] = inputs.map(() => [ruling]);
    for (const group of byAgency(inputs)) {
      const number = store.documents.nextNumber(caseId).number;
      const addressee = channelInfo(inputs[group[0]!]!.channel).zh;
      const n = await generateDocument(noticeType, { ...base, items: group.map((k) => items[k]!), number, rulingNumber, addressee });
      const notice = refOf(store.documents.save({ caseId, type: noticeType, pdf: n.pdf, content: n.model, createdBy: first.officer.code, number }));
      for (const k of group) out[k]!.push(notice);
    }
    return out;
  };
  const p = chain.then(run, run);
  chain = p.catch(() => undefined);
  return p;
}
