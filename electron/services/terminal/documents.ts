/**
 * The documents of 终本 (docs/documents.md; docs/domain.md rule 12): the 终结本次执行程序裁定书 — the
 * parties, the debt, what was done, the facts of the five conditions, the basis (民诉法解释
 * 第五百一十七条, 终本规定 第一条), the operative part, the applicant's right to apply for resumption
 * (终本规定 第六条, 第九条), 审判员/书记员, the date in Chinese numerals, the seal — and the 查询结果告知书
 * to the applicant after each six-monthly re-query (终本规定 第九条).
 */
import type { DocumentType } from '../../../shared/domain/measures';
import type { Party } from '../../../shared/domain/types';
import { printedNumber, SEAL_LABEL } from '../../../shared/documents/build';
import type { DocumentBlock, DocumentModel } from '../../../shared/documents/model';
import { amountInChineseCapitals, chineseDate } from '../../../shared/documents/numerals';
import { ARTICLES } from '../../../shared/legal/basis';
import { formatYuanSymbol, type Fen } from '../../../shared/money';
import type { TerminalChecklist } from '../../../shared/rules/terminal';
import { renderPdf } from '../../documents';
import type { SecureStore } from '../../store';
import type { StoredCase } from '../../store/cases';
import type { StoredDocument } from '../../store/documents';

const ROLE = { applicant: '申请执行人', debtor: '被执行人' } as const;

function partyLine(p: Party): string {
  const id = p.kind === 'person' ? `公民身份号码${p.idNumber}` : `统一社会信用代码${p.idNumber}`;
  const seat = p.address ? `，${p.kind === 'person' ? '住所' : '住所地'}${p.address}` : '';
  const rep = p.kind === 'company' && p.legalRepresentative ? `。法定代表人：${p.legalRepresentative.name}${p.legalRepresentative.title ? `，${p.legalRepresentative.title}` : ''}` : '';
  return `${ROLE[p.role]}：${p.name}，${id}${seat}${rep}。`;
}

const para = (text: string, style: 'party' | 'body' | 'note' = 'body'): DocumentBlock => ({ kind: 'paragraph', style, text });

export interface Signers {
  judge: string;
  clerk?: string;
}

/** A document of the case with the judge's signature, the court (on a notice), the date and the seal under its blocks. */
export function signedModel(c: StoredCase, type: DocumentType, title: string, blocks: DocumentBlock[], o: { number: string; date: string; signers: Signers; courtName: string; addressee?: string | undefined }): DocumentModel {
  const { number, date, signers, courtName, addressee } = o;
  return {
    type, title, court: courtName, caseNumber: printedNumber(c.number), number: printedNumber(number), ...(addressee ? { addressee } : {}),
    blocks: [...blocks, {
      kind: 'signature', signatories: [{ title: '审判员', name: signers.judge }], showCourt: type === '查询结果告知书', court: courtName,
      dateText: chineseDate(date), seal: { label: SEAL_LABEL, court: courtName }, ...(signers.clerk ? { clerk: { title: '书记员', name: signers.clerk } } : {}),
    }],
    date, dateText: chineseDate(date),
  };
}

async function save(store: SecureStore, c: StoredCase, type: DocumentType, title: string, blocks: DocumentBlock[], date: string, signers: Signers, by: string, courtName: string, addressee?: string): Promise<StoredDocument> {
  const number = store.documents.nextNumber(c.id).number;
  const model = signedModel(c, type, title, blocks, { number, date, signers, courtName, addressee });
  const pdf = await renderPdf(model);
  return store.documents.save({ caseId: c.id, type, pdf, content: model, createdBy: by, number });
}

const owedLine = (c: StoredCase): Fen => Math.max(0, c.amountOwed + c.costs - c.recovered);

/** The 终结本次执行程序裁定书 of an approved closing. */
export function terminalRuling(store: SecureStore, c: StoredCase, checklist: TerminalChecklist, o: { date: string; signers: Signers; by: string; courtName: string }): Promise<StoredDocument> {
  const left = owedLine(c);
  const blocks: DocumentBlock[] = [
    ...c.parties.filter((p) => p.role === 'applicant').map((p) => para(partyLine(p), 'party')),
    ...c.parties.filter((p) => p.role === 'debtor').map((p) => para(partyLine(p), 'party')),
    para(`本院在执行${c.parties.find((p) => p.role === 'applicant')?.name ?? ''}与${c.parties.filter((p) => p.role === 'debtor').map((p) => p.name).join('、')}${c.cause}一案中，申请执行标的${formatYuanSymbol(c.amountOwed)}，执行费${formatYuanSymbol(c.costs)}，已执行到位${formatYuanSymbol(c.recovered)}，尚未执行到位${formatYuanSymbol(left)}（${amountInChineseCapitals(left)}）。`),
    para('本院依法采取了下列执行措施，查明：'),
    ...checklist.conditions.map((k, i) => para(`${'一二三四五'[i]}、${k.title.zh}：${k.facts.map((f) => f.zh).join('；')}。`)),
    para(`本院认为，经过财产调查，未发现被执行人有可供执行的财产，本案符合终结本次执行程序的条件。依照${ARTICLES.interp517}、${ARTICLES.terminal1}之规定，裁定如下：`),
    para(`终结${printedNumber(c.number)}案件的本次执行程序。`),
    para(`终结本次执行程序后，被执行人负有继续向申请执行人履行债务的义务，限制消费措施继续有效。申请执行人享有要求被执行人继续履行债务及依法向本院申请恢复执行的权利，再次申请不受申请执行时效期间的限制（${ARTICLES.terminal6}、${ARTICLES.terminal9}）。本院在终结本次执行程序后五年内，每六个月通过网络执行查控系统查询一次被执行人的财产，并将查询结果告知申请执行人。`),
    para('本裁定送达后立即生效。'),
  ];
  return save(store, c, '终结本次执行程序裁定书', '执行裁定书', blocks, o.date, o.signers, o.by, o.courtName);
}

/** The 查询结果告知书 to the applicant after a re-query run. */
export function requeryNotice(store: SecureStore, c: StoredCase, r: { run: number; date: string; closedOn: string; found: string[]; signers: Signers; by: string; courtName: string }): Promise<StoredDocument> {
  const applicant = c.parties.find((p) => p.role === 'applicant');
  const debtors = c.parties.filter((p) => p.role === 'debtor').map((p) => p.name).join('、');
  const blocks: DocumentBlock[] = [
    para(`本院${printedNumber(c.number)}案件已于${chineseDate(r.closedOn)}终结本次执行程序。依照${ARTICLES.terminal9}之规定，本院于${chineseDate(r.date)}通过网络执行查控系统对被执行人${debtors}的财产进行了第${r.run}次查询，结果如下：`),
    ...(r.found.length ? r.found.map((f, i) => para(`${i + 1}. ${f}`)) : [para('未发现被执行人有新的可供执行的财产。')]),
    para(r.found.length
      ? '对上述财产，本院将依法恢复执行。你方亦可依法向本院申请恢复执行。'
      : '你方发现被执行人有可供执行财产的，可以向本院申请恢复执行，申请恢复执行不受申请执行时效期间的限制。'),
    para('特此告知。'),
  ];
  return save(store, c, '查询结果告知书', '查询结果告知书', blocks, r.date, r.signers, r.by, r.courtName, applicant?.name);
}
