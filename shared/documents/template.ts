/**
 * Document templates: the texts live in resources/templates/documents.json; this file gives
 * them a type, checks them when they are loaded (an unknown or misspelt placeholder is refused
 * then, not discovered on a judge's desk) and fills them.
 *
 * A placeholder is `{key}`, or `{key?}` where the template itself says the value may be absent
 * (then it prints nothing). A block or table row may carry `when: key` (kept only if the value
 * is present) or `unless: key` (kept only if it is absent). Any other `{` or `}` is an error.
 *
 * One ruling covers a whole decision and one notice an agency's share of it (docs/documents.md):
 * a `repeat` block is filled once per debtor (`over: debtors`, the party lines) or once per item
 * (`over: items`, the orders and the list of assets), each time with that debtor's or that item's
 * values; several items are numbered 一、二、 ….
 */
import type { DocumentType } from '../domain/measures';
import type { AssetKind, PartyKind } from '../domain/types';
import type { ParagraphStyle } from './model';

export interface Conditional {
  when?: PlaceholderKey;
  unless?: PlaceholderKey;
}

export interface ParagraphTemplate extends Conditional {
  kind: 'paragraph';
  style: ParagraphStyle;
  text: string;
}

export interface TermsTemplate extends Conditional {
  kind: 'terms';
  caption?: string;
  rows: ({ label: string; value: string } & Conditional)[];
}

export interface SignatureTemplate extends Conditional {
  kind: 'signature';
  /** ruling: signed by the judge and clerk; notice: signed by the court */
  style: 'ruling' | 'notice';
}

export interface RepeatTemplate extends Conditional {
  kind: 'repeat';
  /** debtors: once per debtor the items name; items: once per asset acted on */
  over: 'debtors' | 'items';
  blocks: (ParagraphTemplate | TermsTemplate)[];
}

export type BlockTemplate = ParagraphTemplate | TermsTemplate | SignatureTemplate | RepeatTemplate;

export interface DocumentTemplate {
  title: string;
  /** notices only, e.g. "{addressee}" */
  addressee?: string;
  /** the citations joined into {legalBasis}, unless the data gives its own */
  legalBasis: string[];
  blocks: BlockTemplate[];
}

export interface AssetKindWording {
  /** 银行存款, 不动产 … */
  name: string;
  /** 账号, 不动产权证号, 号牌号码 … */
  identifierLabel: string;
  /** the act on it: 冻结 for money, shares and securities; 查封 for real estate and vehicles (民事诉讼法 第二百五十五条) */
  verb: string;
  /**
   * The article of the procedure law that empowers the measure when it is not 第二百五十三条 (deposits,
   * bonds, shares, fund units): 第二百五十五条 for other property. It replaces 第二百五十三条 in the citations.
   */
  cplArticle?: string;
  /**
   * the asset as the orders name it, e.g. 在{asset.institution}开立的账户（账号：{asset.identifier}）内的存款;
   * or wordings tried in order, each under its `when`/`unless`, the last without a condition, so
   * that a sentence reads whole whichever particulars are known
   */
  object: string | ObjectWording[];
}

export interface ObjectWording extends Conditional {
  text: string;
}

export interface TemplateSet {
  version: 1;
  assetKinds: Record<AssetKind, AssetKindWording>;
  partyIdLabels: Record<PartyKind, string>;
  documents: Record<DocumentType, DocumentTemplate>;
}

/** What a placeholder may name, the data field behind it and how a judge calls that field. */
export const PLACEHOLDERS = {
  court: { field: 'court', zh: '法院名称', en: 'court name' },
  caseNumber: { field: 'caseNumber', zh: '案号', en: 'case number' },
  number: { field: 'number', zh: '文书编号', en: 'document number' },
  rulingNumber: { field: 'rulingNumber', zh: '所依据的执行裁定书文号', en: 'number of the ruling carried out' },
  cause: { field: 'cause', zh: '案由', en: 'cause of action' },
  addressee: { field: 'addressee', zh: '协助执行单位', en: 'addressee (assisting agency)' },
  'applicant.name': { field: 'applicant.name', zh: '申请执行人姓名或名称', en: 'applicant name' },
  'applicant.idLabel': { field: 'applicant.idNumber', zh: '申请执行人证件号码', en: 'applicant ID number' },
  'applicant.idNumber': { field: 'applicant.idNumber', zh: '申请执行人证件号码', en: 'applicant ID number' },
  'applicant.particulars': { field: 'applicant.idNumber', zh: '申请执行人性别、出生日期', en: 'applicant sex and birth date' },
  'applicant.domicile': { field: 'applicant.address', zh: '申请执行人住所', en: 'applicant address' },
  'applicant.representative': { field: 'applicant.legalRepresentative', zh: '申请执行人的法定代表人', en: 'applicant\'s legal representative' },
  'debtor.name': { field: 'debtor.name', zh: '被执行人姓名或名称', en: 'debtor name' },
  'debtor.idLabel': { field: 'debtor.idNumber', zh: '被执行人证件号码', en: 'debtor ID number' },
  'debtor.idNumber': { field: 'debtor.idNumber', zh: '被执行人证件号码', en: 'debtor ID number' },
  'debtor.particulars': { field: 'debtor.idNumber', zh: '被执行人性别、出生日期', en: 'debtor sex and birth date' },
  'debtor.address': { field: 'debtor.address', zh: '被执行人住所', en: 'debtor address' },
  'debtor.domicile': { field: 'debtor.address', zh: '被执行人住所', en: 'debtor address' },
  'debtor.representative': { field: 'debtor.legalRepresentative', zh: '被执行人的法定代表人', en: 'debtor\'s legal representative' },
  'asset.kind': { field: 'asset.kind', zh: '财产类型', en: 'asset kind' },
  'asset.institution': { field: 'asset.institution', zh: '财产所在单位', en: 'institution holding the asset' },
  'asset.identifier': { field: 'asset.identifier', zh: '账号、证号或号牌', en: 'account, certificate or plate number' },
  'asset.identifierLabel': { field: 'asset.kind', zh: '财产类型', en: 'asset kind' },
  'asset.object': { field: 'asset', zh: '财产', en: 'asset' },
  'asset.account': { field: 'asset.identifier', zh: '账号', en: 'account number' },
  'asset.location': { field: 'asset.particulars.location', zh: '不动产坐落', en: 'location of the real estate' },
  'asset.unitNumber': { field: 'asset.particulars.unitNumber', zh: '不动产单元号', en: 'real-estate unit number' },
  'asset.plateType': { field: 'asset.particulars.plateType', zh: '号牌种类', en: 'plate type' },
  'asset.vin': { field: 'asset.particulars.vin', zh: '车辆识别代号', en: 'vehicle identification number' },
  'asset.brandModel': { field: 'asset.particulars.model', zh: '品牌型号', en: 'make and model' },
  'asset.holdings': { field: 'asset.particulars.holdings', zh: '证券代码、名称及数量', en: 'securities code, name and quantity' },
  'asset.company': { field: 'asset.particulars.company', zh: '股权所在公司', en: 'company of the equity' },
  'asset.equityContribution': { field: 'asset.particulars.contribution', zh: '出资额', en: 'capital contribution' },
  'asset.equityRatio': { field: 'asset.particulars.ratioBp', zh: '持股比例', en: 'share of the capital' },
  'asset.verb': { field: 'asset.kind', zh: '措施（冻结或查封）', en: 'measure verb (freeze or seal)' },
  'amount.yuan': { field: 'amount', zh: '金额', en: 'amount' },
  'amount.capitals': { field: 'amount', zh: '金额', en: 'amount' },
  'period.start': { field: 'period.start', zh: '冻结期限起始日', en: 'first day of the period' },
  'period.end': { field: 'period.end', zh: '冻结期限届满日', en: 'last day of the period' },
  previousRulingNumber: { field: 'previousRulingNumber', zh: '原冻结裁定书文号', en: 'number of the earlier freeze ruling' },
  reason: { field: 'reason', zh: '解除理由', en: 'reason for release' },
  'courtAccount.name': { field: 'courtAccount.name', zh: '法院收款账户户名', en: 'court account name' },
  'courtAccount.bank': { field: 'courtAccount.bank', zh: '法院收款账户开户行', en: 'court account bank' },
  'courtAccount.account': { field: 'courtAccount.account', zh: '法院收款账号', en: 'court account number' },
  legalBasis: { field: 'legalBasis', zh: '法律依据', en: 'legal basis' },
  'officer.name': { field: 'officer.name', zh: '承办人姓名', en: 'officer name' },
  'officer.title': { field: 'officer.title', zh: '承办人职务', en: 'officer title' },
  'officer.phone': { field: 'officer.phone', zh: '承办人联系电话', en: 'officer phone' },
  'clerk.name': { field: 'clerk.name', zh: '书记员姓名', en: 'clerk name' },
} as const satisfies Record<string, { field: string; zh: string; en: string }>;

export type PlaceholderKey = keyof typeof PLACEHOLDERS;

export const isPlaceholderKey = (k: string): k is PlaceholderKey => Object.hasOwn(PLACEHOLDERS, k);

/** `{key}` or `{key?}`; keys are ASCII words joined by dots. */
export const PLACEHOLDER_PATTERN = /\{([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*)(\?)?\}/.source;
const PLACEHOLDER = new RegExp(PLACEHOLDER_PATTERN, 'g');

export interface PlaceholderUse {
  key: string;
  optional: boolean;
}

export function placeholdersIn(text: string): PlaceholderUse[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => ({ key: m[1]!, optional: m[2] === '?' }));
}

/** Problems in one template text: unknown keys and stray braces. */
function checkText(text: unknown, where: string, out: string[]): void {
  if (typeof text !== 'string') {
    out.push(`${where}: expected a text, got ${typeof text}`);
    return;
  }
  for (const p of placeholdersIn(text)) if (!isPlaceholderKey(p.key)) out.push(`${where}: unknown placeholder {${p.key}}`);
  const rest = text.replace(PLACEHOLDER, '');
  if (/[{}]/.test(rest)) out.push(`${where}: a brace that is not a placeholder in "${text}"`);
}

function checkCondition(c: Conditional, where: string, out: string[]): void {
  for (const k of ['when', 'unless'] as const) {
    const v = c[k];
    if (v !== undefined && (typeof v !== 'string' || !isPlaceholderKey(v))) out.push(`${where}: ${k} names no placeholder: ${String(v)}`);
  }
}

/** A text, or wordings each with a text and a condition, the last unconditional (the fallback). */
function checkObject(o: unknown, where: string, out: string[]): void {
  if (!Array.isArray(o)) return checkText(o, where, out);
  if (o.length === 0) return void out.push(`${where}: at least one wording`);
  o.forEach((v: unknown, i: number) => {
    if (!isRecord(v)) return void out.push(`${where}[${i}]: not an object`);
    checkCondition(v as Conditional, `${where}[${i}]`, out);
    checkText(v.text, `${where}[${i}].text`, out);
  });
  const last = o[o.length - 1] as Conditional;
  if (last.when !== undefined || last.unless !== undefined) out.push(`${where}: the last wording must have no condition`);
}

const DOCUMENT_TYPES: readonly DocumentType[] = [
  '协助查询通知书',
  '冻结裁定书', '协助冻结通知书',
  '续行冻结裁定书', '协助续行冻结通知书',
  '解除冻结裁定书', '协助解除冻结通知书',
  '扣划裁定书', '协助扣划通知书',
  '保全期限届满提醒通知书',
  '执行通知书', '报告财产令',
  '纳入失信被执行人名单决定书', '删除失信信息决定书', '信用修复决定书',
  '限制消费令', '解除限制消费令决定书', '暂时解除限制消费决定书',
  '协助临时控制通知书', '拘留决定书',
];
const ASSET_KINDS: readonly AssetKind[] = ['deposit', 'online_funds', 'securities', 'wealth', 'real_estate', 'vehicle', 'equity', 'provident_fund'];
const PARTY_KINDS: readonly PartyKind[] = ['person', 'company'];
const STYLES: readonly ParagraphStyle[] = ['party', 'body', 'note'];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A paragraph or a terms table, at the top or inside a repeat. */
function checkTextBlock(b: unknown, bw: string, out: string[]): void {
  if (!isRecord(b)) {
    out.push(`${bw}: not an object`);
    return;
  }
  checkCondition(b as Conditional, bw, out);
  if (b.kind === 'paragraph') {
    if (!STYLES.includes(b.style as ParagraphStyle)) out.push(`${bw}.style: one of ${STYLES.join(', ')}`);
    checkText(b.text, `${bw}.text`, out);
  } else if (b.kind === 'terms') {
    if (b.caption !== undefined) checkText(b.caption, `${bw}.caption`, out);
    if (!Array.isArray(b.rows) || b.rows.length === 0) out.push(`${bw}.rows: missing`);
    else {
      b.rows.forEach((r: unknown, j: number) => {
        if (!isRecord(r)) return out.push(`${bw}.rows[${j}]: not an object`);
        checkCondition(r as Conditional, `${bw}.rows[${j}]`, out);
        checkText(r.label, `${bw}.rows[${j}].label`, out);
        checkText(r.value, `${bw}.rows[${j}].value`, out);
      });
    }
  } else {
    out.push(`${bw}.kind: paragraph, terms, repeat or signature`);
  }
}

export class TemplateError extends Error {
  constructor(readonly problems: string[]) {
    super(`document templates are not valid:\n  ${problems.join('\n  ')}`);
    this.name = 'TemplateError';
  }
}

/**
 * Checks the template file as loaded (JSON) and gives it its type. Every document type, asset
 * kind and party kind must be there; every placeholder must be one the builder fills.
 */
export function parseTemplateSet(json: unknown): TemplateSet {
  const out: string[] = [];
  if (!isRecord(json)) throw new TemplateError(['the template file is not an object']);
  if (json.version !== 1) out.push(`version: expected 1, got ${String(json.version)}`);
  const kinds = isRecord(json.assetKinds) ? json.assetKinds : {};
  if (!isRecord(json.assetKinds)) out.push('assetKinds: missing');
  for (const k of ASSET_KINDS) {
    const w = kinds[k];
    if (!isRecord(w)) {
      out.push(`assetKinds.${k}: missing`);
      continue;
    }
    for (const f of ['name', 'identifierLabel'] as const) checkText(w[f], `assetKinds.${k}.${f}`, out);
    checkObject(w.object, `assetKinds.${k}.object`, out);
    if (w.verb !== '冻结' && w.verb !== '查封') out.push(`assetKinds.${k}.verb: 冻结 or 查封, got ${String(w.verb)}`);
  }
  const labels = isRecord(json.partyIdLabels) ? json.partyIdLabels : {};
  for (const k of PARTY_KINDS) checkText(labels[k], `partyIdLabels.${k}`, out);
  const docs = isRecord(json.documents) ? json.documents : {};
  for (const type of DOCUMENT_TYPES) {
    const d = docs[type];
    const at = `documents.${type}`;
    if (!isRecord(d)) {
      out.push(`${at}: missing`);
      continue;
    }
    checkText(d.title, `${at}.title`, out);
    if (d.addressee !== undefined) checkText(d.addressee, `${at}.addressee`, out);
    if (!Array.isArray(d.legalBasis) || d.legalBasis.length === 0) out.push(`${at}.legalBasis: at least one citation`);
    else d.legalBasis.forEach((c, i) => checkText(c, `${at}.legalBasis[${i}]`, out));
    if (!Array.isArray(d.blocks) || d.blocks.length === 0) {
      out.push(`${at}.blocks: missing`);
      continue;
    }
    let signatures = 0;
    d.blocks.forEach((b: unknown, i: number) => {
      const bw = `${at}.blocks[${i}]`;
      if (isRecord(b) && b.kind === 'signature') {
        signatures++;
        checkCondition(b as Conditional, bw, out);
        if (b.style !== 'ruling' && b.style !== 'notice') out.push(`${bw}.style: ruling or notice`);
      } else if (isRecord(b) && b.kind === 'repeat') {
        checkCondition(b as Conditional, bw, out);
        if (b.over !== 'debtors' && b.over !== 'items') out.push(`${bw}.over: debtors or items`);
        if (!Array.isArray(b.blocks) || b.blocks.length === 0) out.push(`${bw}.blocks: missing`);
        else b.blocks.forEach((inner: unknown, j: number) => checkTextBlock(inner, `${bw}.blocks[${j}]`, out));
      } else {
        checkTextBlock(b, bw, out);
      }
    });
    if (signatures !== 1) out.push(`${at}: exactly one signature block, found ${signatures}`);
  }
  if (out.length) throw new TemplateError(out);
  return json as unknown as TemplateSet;
}

/**
 * Every text of one document's template with the conditions it stands under (a block's and a
 * row's), e.g. [{ key: 'amount.yuan', present: true }].
 */
export function templateTexts(t: DocumentTemplate): { text: string; conditions: { key: PlaceholderKey; present: boolean }[] }[] {
  type Cond = { key: PlaceholderKey; present: boolean };
  const conds = (c: Conditional): Cond[] => [
    ...(c.when !== undefined ? [{ key: c.when, present: true }] : []),
    ...(c.unless !== undefined ? [{ key: c.unless, present: false }] : []),
  ];
  const texts: { text: string; conditions: Cond[] }[] = [{ text: t.title, conditions: [] }];
  if (t.addressee) texts.push({ text: t.addressee, conditions: [] });
  const add = (b: BlockTemplate, outer: Cond[]) => {
    const bc = [...outer, ...conds(b)];
    if (b.kind === 'paragraph') texts.push({ text: b.text, conditions: bc });
    if (b.kind === 'terms') {
      if (b.caption) texts.push({ text: b.caption, conditions: bc });
      for (const r of b.rows) {
        const rc = [...bc, ...conds(r)];
        texts.push({ text: r.label, conditions: rc }, { text: r.value, conditions: rc });
      }
    }
    if (b.kind === 'repeat') for (const inner of b.blocks) add(inner, bc);
  };
  for (const b of t.blocks) add(b, []);
  return texts;
}
