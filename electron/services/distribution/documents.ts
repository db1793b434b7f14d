/**
 * The documents of competing claims (docs/distribution.md): the 财产分配方案 served on every creditor
 * and the debtor — the parties, what was recovered, the order of payment and each creditor's share,
 * the basis (民诉法解释 第五百零六条、第五百零八条) and the 15 days to object (第五百零九条) — and the
 * 商请移送执行函 to the court that seized an asset first (首先查封批复 第一条、第二条). Built as
 * documents' models and rendered through the one PDF renderer, kept in the encrypted store.
 */
import type { DocumentType } from '../../../shared/domain/measures';
import type { Officer, Party } from '../../../shared/domain/types';
import { printedNumber, SEAL_LABEL } from '../../../shared/documents/build';
import type { DocumentBlock, DocumentModel, TermRow } from '../../../shared/documents/model';
import { amountInChineseCapitals, chineseDate } from '../../../shared/documents/numerals';
import { ARTICLES } from '../../../shared/legal/basis';
import { formatYuanSymbol } from '../../../shared/money';
import { CLAIM_PRIORITY_LABELS, OBJECTION_DAYS, type DistributionPlanFigures } from '../../../shared/rules/distribution';
import { TRANSFER_ANSWER_DAYS, TRANSFER_WAIT_DAYS } from '../../../shared/rules/first-seizure';
import { renderPdf } from '../../documents';
import type { SecureStore } from '../../store';
import type { StoredCase } from '../../store/cases';
import type { StoredDocument } from '../../store/documents';

const para = (text: string, style: 'party' | 'body' | 'note' = 'body'): DocumentBlock => ({ kind: 'paragraph', style, text });
const ROLE = { applicant: '申请执行人', debtor: '被执行人' } as const;

function partyLine(p: Party): string {
  const id = p.kind === 'person' ? `公民身份号码${p.idNumber}` : `统一社会信用代码${p.idNumber}`;
  const seat = p.address ? `，${p.kind === 'person' ? '住所' : '住所地'}${p.address}` : '';
  return `${ROLE[p.role]}：${p.name}，${id}${seat}。`;
}

async function save(store: SecureStore, c: StoredCase, type: DocumentType, title: string, blocks: DocumentBlock[], o: { date: string; officer: Officer; courtName: string; addressee?: string }): Promise<StoredDocument> {
  const number = store.documents.nextNumber(c.id).number;
  const model: DocumentModel = {
    type, title, court: o.courtName, caseNumber: printedNumber(c.number), number: printedNumber(number), ...(o.addressee ? { addressee: o.addressee } : {}),
    blocks: [...blocks, {
      kind: 'signature', signatories: type === '商请移送执行函' ? [] : [{ title: '审判员', name: o.officer.name }], showCourt: true, court: o.courtName,
      dateText: chineseDate(o.date), seal: { label: SEAL_LABEL, court: o.courtName },
    }],
    date: o.date, dateText: chineseDate(o.date),
  };
  const pdf = await renderPdf(model);
  return store.documents.save({ caseId: c.id, type, pdf, content: model, createdBy: o.officer.code, number });
}

const money = (fen: number) => `${formatYuanSymbol(fen)}（${amountInChineseCapitals(fen)}）`;

/** The 财产分配方案 of the figures the plan computed. */
export function planDocument(store: SecureStore, c: StoredCase, f: DistributionPlanFigures, names: Record<string, string>, o: { date: string; officer: Officer; courtName: string }): Promise<StoredDocument> {
  const debtors = c.parties.filter((p) => p.role === 'debtor');
  const rows: TermRow[] = [
    { label: '可供分配金额', value: money(f.distributable) },
    { label: '执行费用', value: formatYuanSymbol(f.costsPaid) },
    { label: '优先受偿债权受偿', value: formatYuanSymbol(f.priorityPaid) },
    { label: '普通债权可分配', value: formatYuanSymbol(f.ordinaryPool) },
    ...f.shares.map((s) => ({ label: `${names[s.creditorId] ?? ''}（${CLAIM_PRIORITY_LABELS[s.priority].zh}）`, value: `申报${formatYuanSymbol(s.claimed)}，分得${formatYuanSymbol(s.paid)}` })),
    ...(f.surplus > 0 ? [{ label: '余款退还被执行人', value: formatYuanSymbol(f.surplus) }] : []),
  ];
  const blocks: DocumentBlock[] = [
    ...c.parties.filter((p) => p.role === 'applicant').map((p) => para(partyLine(p), 'party')),
    ...debtors.map((p) => para(partyLine(p), 'party')),
    para(`本院在执行${printedNumber(c.number)}${c.cause}一案中，被执行人${debtors.map((p) => p.name).join('、')}的财产不能清偿所有债权，${f.shares.length}名债权人申请参与分配。本案执行所得${money(f.distributable)}。依照${ARTICLES.interp506}、${ARTICLES.interp508}之规定，执行所得价款扣除执行费用，清偿应当优先受偿的债权后，普通债权按照其占全部申请参与分配普通债权数额的比例受偿（计至分，尾差按余数大小依次补足），分配如下：`),
    { kind: 'terms', caption: '分配明细', rows },
    para(`债权人或者被执行人对本分配方案有异议的，应当自收到本分配方案之日起${OBJECTION_DAYS}日内向本院提出书面异议（${ARTICLES.interp509}）。`),
  ];
  return save(store, c, '财产分配方案', '财产分配方案', blocks, o);
}

/** The 商请移送执行函 to the court that seized the asset first. */
export function transferDocument(store: SecureStore, c: StoredCase, t: { firstCourt: string; firstCaseNumber?: string; seizedOn: string; asset: string; applicant: string; claim: number }, o: { date: string; officer: Officer; courtName: string }): Promise<StoredDocument> {
  const debtors = c.parties.filter((p) => p.role === 'debtor').map((p) => p.name).join('、');
  const blocks: DocumentBlock[] = [
    para(`本院在执行${printedNumber(c.number)}申请执行人${t.applicant}与被执行人${debtors}${c.cause}一案中，申请执行人对被执行人的${t.asset}享有顺位在先的担保物权或者优先权，债权金额${money(t.claim)}，已进入本院执行程序。`),
    para(`该财产由你院${t.firstCaseNumber ? `在${printedNumber(t.firstCaseNumber)}案件中` : ''}于${chineseDate(t.seizedOn)}首先查封，自首先查封之日起已超过${TRANSFER_WAIT_DAYS}日，你院尚未就该财产发布拍卖公告或者进入变卖程序。依照${ARTICLES.firstSeizure1}、${ARTICLES.firstSeizure2}之规定，特商请你院将该查封财产移送本院执行。`),
    para(`请你院自收到本函之日起${TRANSFER_ANSWER_DAYS}日内出具移送执行函，并告知当事人。`),
    para('附：确认优先债权的生效法律文书及案件情况说明。', 'note'),
  ];
  return save(store, c, '商请移送执行函', '商请移送执行函', blocks, { ...o, addressee: t.firstCourt });
}
