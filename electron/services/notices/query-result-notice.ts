/**
 * The 查询结果告知书 after a network query (docs/documents.md, "查询结果告知书"): the court tells the
 * applicant what the query of each debtor found, channel by channel, what was frozen, and that he
 * may bring property leads to the judge. Built from the stored facts (query-result-facts.ts),
 * numbered in the case's sequence, signed by the case's judge, kept in the encrypted store. Made
 * again while the facts are the same, it gives back the notice made (a double click makes one).
 */
import { AppFailure } from '../../../shared/app-failure';
import { formatCstDateTime, todayCst } from '../../../shared/dates';
import type { DocumentBlock, DocumentModel } from '../../../shared/documents/model';
import { arabicDate } from '../../../shared/documents/numerals';
import type { Officer } from '../../../shared/domain/types';
import { renderPdf } from '../../documents';
import type { SecureStore } from '../../store';
import type { StoredCase } from '../../store/cases';
import type { StoredDocument } from '../../store/documents';
import { signedModel, type Signers } from '../terminal/documents';
import { CHANNEL_RESULT_WORDS, queryResultFacts, type ChannelResult, type QueryResultFacts } from './query-result-facts';

export const QUERY_RESULT_NOTICE = '查询结果告知书';

const para = (text: string): DocumentBlock => ({ kind: 'paragraph', style: 'body', text });
const dayOf = (iso: string) => arabicDate(todayCst(new Date(iso)));
/** 2026年12月5日4时27分 (China Standard Time) */
const momentOf = (iso: string) => {
  const [, time] = formatCstDateTime(iso).split(' ');
  const [h, m] = (time ?? '00:00').split(':').map(Number);
  return `${dayOf(iso)}${h}时${m}分`;
};

function resultText(ch: ChannelResult): string {
  if (ch.result === 'found') return ch.found.join('；\n');
  if (ch.result === 'records') return `未查询到财产，有相关记录${ch.records}条`;
  return CHANNEL_RESULT_WORDS[ch.result];
}

function span(f: QueryResultFacts): string {
  const a = dayOf(f.from);
  const b = dayOf(f.asOf);
  return a === b ? a : `${a}至${b}`;
}

/** The notice's body: the query, a table per debtor, what was frozen, the leads, the close. */
export function queryResultBlocks(c: StoredCase, f: QueryResultFacts, contact: { judge: string; phone?: string | undefined }): DocumentBlock[] {
  const applicants = c.parties.filter((p) => p.role === 'applicant').map((p) => p.name).join('、');
  const debtors = f.debtors.map((d) => d.party.name).join('、');
  const channels = f.debtors.flatMap((d) => d.channels);
  const found = channels.reduce((n, ch) => n + ch.found.length, 0);
  const unanswered = [...new Set(channels.filter((ch) => ch.result === 'unanswered').map((ch) => ch.name))];
  const blocks: DocumentBlock[] = [
    para(`本院在执行${applicants}与${debtors}${c.cause}一案中，于${span(f)}通过网络执行查控系统对被执行人${debtors}的财产进行了查询，查询结果截至${momentOf(f.asOf)}（北京时间）。现将查询结果告知如下：`),
    ...f.debtors.map((d): DocumentBlock => ({
      kind: 'terms', caption: `被执行人${d.party.name}`,
      rows: d.channels.map((ch) => ({ label: ch.name, value: resultText(ch) })),
    })),
    para(found ? `经查询，共查询到被执行人的财产${found}项，详见上表。` : '经查询，未查询到被执行人名下可供执行的财产。'),
  ];
  if (unanswered.length) blocks.push(para(`${unanswered.join('、')}尚未反馈查询结果，本院收到反馈后将依法处理。`));
  if (f.measures.length) {
    blocks.push(para('本院已对被执行人的下列财产采取执行措施：'), ...f.measures.map((m, i) => para(`${i + 1}. ${m}。`)));
  }
  blocks.push(
    para(`你方如掌握被执行人的其他财产线索，可以向本院书面提供，写明财产的种类、所在地点或登记机关等情况。承办法官：${contact.judge}${contact.phone ? `，联系电话：${contact.phone}` : ''}。`),
    para('特此告知。'),
  );
  return blocks;
}

/** The judge who signs: the case's 承办法官; a clerk who makes it is named under him. */
function signersOf(store: SecureStore, c: StoredCase, by: Officer): Signers {
  const judge = (c.assignee ? store.officers.get(c.assignee)?.name : undefined) ?? by.name;
  return { judge, ...(by.role === 'clerk' || by.role === 'assistant' ? { clerk: by.name } : {}) };
}

const sameBody = (a: DocumentModel, blocks: DocumentBlock[], addressee: string) =>
  a.addressee === addressee && JSON.stringify(a.blocks.filter((b) => b.kind !== 'signature')) === JSON.stringify(blocks);

export interface IssueOptions {
  by: Officer;
  now: Date;
  courtName: string;
  phone?: string | undefined;
  /** written in the same transaction as the notice (a batch records it against its case) */
  record?: (documentId: string) => void;
}

/**
 * Makes the case's 查询结果告知书, or gives back the newest one when nothing it states has changed.
 * Refuses a case without an applicant, or whose debtors were never queried.
 */
export async function issueQueryResultNotice(store: SecureStore, c: StoredCase, o: IssueOptions): Promise<{ document: StoredDocument; reused: boolean }> {
  const applicant = c.parties.filter((p) => p.role === 'applicant').map((p) => p.name).join('、');
  if (!applicant) throw new AppFailure('VALIDATION', { zh: `${c.number}：本案没有申请执行人，无从告知`, en: `${c.number}: the case has no applicant to notify` });
  const facts = queryResultFacts(store, c, o.now);
  if (!facts) throw new AppFailure('VALIDATION', { zh: `${c.number}：本案尚未进行网络查询，不能制作查询结果告知书`, en: `${c.number}: no network query yet, nothing to notify` });
  const signers = signersOf(store, c, o.by);
  const blocks = queryResultBlocks(c, facts, { judge: signers.judge, phone: o.phone });
  const last = store.documents.listForCase(c.id).filter((d) => d.type === QUERY_RESULT_NOTICE && !d.voided).at(-1);
  if (last && sameBody(store.documents.content(last.id) as DocumentModel, blocks, applicant)) {
    o.record?.(last.id);
    return { document: last, reused: true };
  }
  const number = store.documents.nextNumber(c.id).number;
  const model = signedModel(c, QUERY_RESULT_NOTICE, QUERY_RESULT_NOTICE, blocks, { number, date: todayCst(o.now), signers, courtName: o.courtName, addressee: applicant });
  const pdf = await renderPdf(model);
  const document = store.transaction(() => {
    const d = store.documents.save({ caseId: c.id, type: QUERY_RESULT_NOTICE, pdf, content: model, createdBy: o.by.code, number });
    o.record?.(d.id);
    return d;
  });
  return { document, reused: false };
}
