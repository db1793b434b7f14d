/**
 * Fills a template with a case's data into a DocumentModel. Nothing is printed that was not
 * filled: a placeholder the data cannot fill is an error naming the missing field, and invalid
 * data (a case number that does not parse, an ID with a wrong check digit, a negative amount) is
 * refused rather than copied onto a ruling.
 */
import { arabicDate, amountInChineseCapitals, chineseDate, chineseNumber } from './numerals';
import { documentNumber, parseDocumentNumber } from './numbering';
import {
  isPlaceholderKey, PLACEHOLDER_PATTERN, PLACEHOLDERS, placeholdersIn, templateTexts,
  type AssetKindWording, type BlockTemplate, type Conditional, type ParagraphTemplate, type PlaceholderKey, type TemplateSet, type TermsTemplate,
} from './template';
import type { DocumentAsset, DocumentBlock, DocumentData, DocumentItem, DocumentModel, DocumentParty, Signatory } from './model';
import type { DocumentType } from '../domain/measures';
import type { AssetKind, PartyKind } from '../domain/types';
import { parseCaseNumber } from '../ids/case-number';
import { validateSubjectId } from '../ids/subject-id';
import { parseResidentId } from '../ids/resident-id';
import { parseIsoDate } from '../dates';
import { formatYuan, isFen } from '../money';
import { appError, type AppError } from '../errors';

export interface DocumentProblem {
  /** the DocumentData field at fault, e.g. "amount", "debtor.idNumber" */
  field: string;
  /** missing: the document needs it and the data has none; invalid: the data has it, wrongly */
  kind: 'missing' | 'invalid';
  zh: string;
  en: string;
}

export class DocumentError extends Error {
  readonly error: AppError;
  constructor(readonly type: DocumentType, readonly problems: DocumentProblem[]) {
    super(`${type}: ${problems.map((p) => p.en).join('; ')}`);
    this.name = 'DocumentError';
    this.error = appError(
      'VALIDATION',
      { zh: `${type}无法生成：${problems.map((p) => p.zh).join('；')}`, en: `the ${type} cannot be made: ${problems.map((p) => p.en).join('; ')}` },
      problems[0]?.field,
    );
  }
}

/** The seal drawn where the court's electronic seal is applied. */
export const SEAL_LABEL = '电子签章';
/** Who signs a ruling when the data does not say. */
export const DEFAULT_SIGNATORY_TITLE = '审判员';

/**
 * Money held for the debtor: a freeze, renewal or deduction of it must state the amount, which
 * the no-over-seizure rule (docs/domain.md rule 1) measures against the debt and costs.
 */
const FUNDS: ReadonlySet<AssetKind> = new Set(['deposit', 'online_funds', 'provident_fund', 'wealth']);
const AMOUNT_FOR_FUNDS: ReadonlySet<DocumentType> = new Set([
  '冻结裁定书', '协助冻结通知书', '续行冻结裁定书', '协助续行冻结通知书', '扣划裁定书', '协助扣划通知书',
]);

type Resolved = { value: string } | { missing: PlaceholderKey[] };

/** The procedure law's article on deposits, bonds and shares; other property is 第二百五十五条 (template cplArticle). */
const CPL_253 = '《中华人民共和国民事诉讼法》第二百五十三条';

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** 男，1985年3月15日出生， — a person's particulars as a ruling states them, read from his ID number. */
function personParticulars(id: string): string | undefined {
  const p = parseResidentId(id);
  return p.ok ? `${p.value.sex === 'M' ? '男' : '女'}，${arabicDate(p.value.birthDate)}出生，` : undefined;
}

/** A person's ID is 17 digits and a check character; anything else is taken for a credit code. */
const guessPartyKind = (id: string): PartyKind => (/^\d{17}[\dXx]$/.test(id) ? 'person' : 'company');

/**
 * A case or document number as a court prints it: with full-width parentheses, （2026）黔0103执5号之一.
 * The program stores and sends the half-width form; only the printed page uses this one.
 */
export const printedNumber = (n: string): string => n.replace(/^\((\d{4})\)/, '（$1）');

/** A document number as documentNumber writes it, printed. */
const canonicalNumber = (n: { caseNumber: string; seq: number }): string => printedNumber(n.seq ? documentNumber(n.caseNumber, n.seq) : n.caseNumber);

const distinct = <T>(xs: readonly (T | undefined)[]): T[] => [...new Set(xs.filter((x): x is T => x !== undefined))];

/**
 * The template's citations, with the procedure law's 第二百五十三条 replaced by the articles of every
 * kind of asset the document orders on (第二百五十五条 for real estate, vehicles and equity), cited
 * once: 《中华人民共和国民事诉讼法》第二百五十三条、第二百五十五条.
 */
function citations(templates: TemplateSet, type: DocumentType, kinds: readonly AssetKind[]): string[] {
  const articles = distinct(kinds.map((k) => templates.assetKinds[k]?.cplArticle ?? CPL_253));
  return templates.documents[type].legalBasis.flatMap((c) => (c === CPL_253 && articles.length ? [mergeCitations(articles)] : [c]));
}

/** 《法》第一条 and 《法》第二条 → 《法》第一条、第二条 (one act named once). */
function mergeCitations(cs: readonly string[]): string {
  const act = /^(《[^》]+》)(.*)$/;
  const first = act.exec(cs[0]!);
  if (!first || !cs.every((c) => act.exec(c)?.[1] === first[1])) return cs.join('、');
  return first[1] + cs.map((c) => act.exec(c)![2]).join('、');
}

/** The items a document orders: those given, or the one item of its single debtor and asset. */
function itemsOf(data: DocumentData): DocumentItem[] {
  if (data.items) return data.items;
  if (!data.asset) return [];
  return [{
    debtor: data.debtor ?? { name: '' }, asset: data.asset,
    ...(data.amount !== undefined ? { amount: data.amount } : {}),
    ...(data.period ? { period: data.period } : {}),
    ...(data.previousRulingNumber ? { previousRulingNumber: data.previousRulingNumber } : {}),
  }];
}

/** The debtors a document names, once each, in the order its items name them. */
function debtorsOf(data: DocumentData, items: readonly DocumentItem[]): DocumentParty[] {
  if (!data.items) return data.debtor ? [data.debtor] : [];
  const seen = new Map<string, DocumentParty>();
  for (const i of items) if (!seen.has(i.debtor.idNumber ?? i.debtor.name)) seen.set(i.debtor.idNumber ?? i.debtor.name, i.debtor);
  return [...seen.values()];
}

/** The data of the document as a whole: its debtors named together, no single asset. */
function wholeData(data: DocumentData, debtors: readonly DocumentParty[]): DocumentData {
  if (!data.items) return data;
  const { asset: _a, amount: _m, period: _p, previousRulingNumber: _r, ...rest } = data;
  const debtor = debtors.length === 1 ? debtors[0]! : { name: debtors.map((d) => d.name).join('、') };
  return { ...rest, debtor };
}

/** One item's data: the document's, with that item's debtor, asset, amount and period. */
function itemData(data: DocumentData, item: DocumentItem): DocumentData {
  const { amount: _m, period: _p, previousRulingNumber: _r, ...rest } = data;
  return { ...rest, ...item };
}

/** The data for one debtor's party line. */
function debtorData(data: DocumentData, debtor: DocumentParty): DocumentData {
  const { asset: _a, amount: _m, period: _p, previousRulingNumber: _r, items: _i, ...rest } = data;
  return { ...rest, debtor };
}

function problem(key: PlaceholderKey | string, zh: string, en: string): DocumentProblem {
  const field = isPlaceholderKey(key) ? PLACEHOLDERS[key].field : key;
  return { field, kind: 'invalid', zh, en };
}

type Setter = (k: PlaceholderKey, v: string | undefined) => void;

/** A clause of a party line: its own final stop or comma would break the line. */
const clause = (v: unknown): string | undefined => text(v)?.replace(/[。；;，,]+$/, '');

/** 60% or 33.33%: basis points as a ruling writes a share, without trailing zeros. */
function percentOf(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const frac = String(bp % 100).padStart(2, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}%` : `${whole}%`;
}

/**
 * A party line's particulars (docs/domain.md, "Documents"): 住贵州省贵阳市…， for a person,
 * 住所地贵州省贵阳市…， for a company; a company's 法定代表人 with his 职务 (a person has none); and
 * the ID checked, with its label and, for a person, sex and birth date read from it.
 */
function setParty(set: Setter, templates: TemplateSet, role: 'debtor' | 'applicant', party: DocumentParty | undefined, date: string | undefined, problems: DocumentProblem[]): void {
  const idText = text(party?.idNumber);
  const kind = party?.kind ?? (idText ? guessPartyKind(idText) : undefined);
  const address = clause(party?.address);
  if (role === 'debtor') set('debtor.address', address);
  if (address) set(`${role}.domicile`, `${kind === 'company' ? '住所地' : '住'}${address}，`);
  const rep = clause(party?.legalRepresentative?.name);
  const title = clause(party?.legalRepresentative?.title);
  if (rep && kind === 'company') set(`${role}.representative`, title ? `${rep}，${title}` : rep);
  if (!idText || !kind) return;
  const today = parseIsoDate(date ?? '').ok ? date : undefined;
  const r = validateSubjectId(kind, idText, today);
  if (r.ok) {
    set(`${role}.idNumber`, r.value);
    set(`${role}.idLabel`, templates.partyIdLabels[kind]);
    set(`${role}.particulars`, kind === 'person' ? personParticulars(r.value) : undefined);
  } else {
    const who = role === 'debtor' ? '被执行人' : '申请执行人';
    problems.push(problem(`${role}.idNumber`, `${who}${templates.partyIdLabels[kind] ?? '证件号码'}不正确：${r.error.detail?.zh ?? r.error.message}`, `${role} ID is not valid: ${r.error.detail?.en ?? r.error.messageEn}`));
  }
}

/**
 * What a registry or agency needs to find the asset: real estate's 坐落 and 不动产单元号, a vehicle's
 * 号牌种类 and VIN, the securities' code, name and quantity, the company and the 出资额 or 比例 of a
 * stake (docs/domain.md, "Documents"). Particulars of another kind than the asset's are ignored.
 */
function setAssetParticulars(set: Setter, asset: DocumentAsset | undefined, problems: DocumentProblem[]): void {
  const identifier = text(asset?.identifier);
  // a securities identifier is "account:code"; the account is what the agency keeps
  set('asset.account', identifier?.split(':')[0]);
  if (asset?.kind === 'equity') set('asset.company', identifier);
  const p = asset?.particulars;
  if (!asset || !p || p.kind !== asset.kind) return;
  if (p.kind === 'real_estate') {
    set('asset.location', text(p.location));
    set('asset.unitNumber', text(p.unitNumber));
  } else if (p.kind === 'vehicle') {
    set('asset.plateType', text(p.plateType));
    set('asset.vin', text(p.vin));
    const brand = text(p.brand);
    const model = text(p.model);
    set('asset.brandModel', brand && model ? `${brand}牌${model}` : model ?? brand);
  } else if (p.kind === 'securities') {
    const bad = p.holdings.find((h) => !Number.isSafeInteger(h.quantity) || h.quantity <= 0 || !text(h.code) || !text(h.name));
    if (bad) problems.push(problem('asset.holdings', `证券“${String(bad.name)}”的代码或数量不正确（数量应为正整数）`, `the securities held are not valid: "${String(bad.name)}" needs a code and a positive whole quantity`));
    else if (p.holdings.length) set('asset.holdings', p.holdings.map((h) => `证券${h.name.trim()}（证券代码：${h.code.trim()}，数量：${h.quantity}股）`).join('、'));
  } else {
    set('asset.company', text(p.company) ?? identifier);
    if (p.contribution !== undefined) {
      if (!isFen(p.contribution) || p.contribution <= 0) problems.push(problem('asset.equityContribution', `出资额应为大于零的整数（分），收到 ${String(p.contribution)}`, `the capital contribution must be a positive whole number of fen, got ${String(p.contribution)}`));
      else set('asset.equityContribution', formatYuan(p.contribution));
    }
    if (p.ratioBp !== undefined) {
      if (!Number.isSafeInteger(p.ratioBp) || p.ratioBp <= 0 || p.ratioBp > 10_000) problems.push(problem('asset.equityRatio', `持股比例应在0至100%之间，收到 ${String(p.ratioBp)} 个基点`, `the share must be between 0 and 100%, got ${String(p.ratioBp)} basis points`));
      else set('asset.equityRatio', percentOf(p.ratioBp));
    }
  }
}

/** The asset phrase of its kind: the first wording whose condition holds (the last has none). */
function objectWording(w: AssetKindWording, has: (k: PlaceholderKey) => boolean): string {
  if (typeof w.object === 'string') return w.object;
  return (w.object.find((o) => applies(o, has)) ?? w.object[w.object.length - 1]!).text;
}

/**
 * The values a template may ask for, each resolved only when asked, so that data a document does
 * not need is never required. Invalid data is reported whether or not the template uses it.
 */
function valuesFor(templates: TemplateSet, type: DocumentType, data: DocumentData, problems: DocumentProblem[], items?: readonly DocumentItem[]) {
  const plain: Partial<Record<PlaceholderKey, string>> = {};
  const asset = data.asset;
  const set = (k: PlaceholderKey, v: string | undefined) => {
    if (v !== undefined) plain[k] = v;
  };

  set('court', text(data.court));
  set('cause', text(data.cause));

  const caseText = text(data.caseNumber);
  let caseNumber: string | undefined;
  if (caseText) {
    const c = parseCaseNumber(caseText, { maxYear: 2999 });
    if (c.ok) caseNumber = c.value.text;
    else problems.push(problem('caseNumber', `案号“${caseText}”不正确：${c.error.detail?.zh ?? c.error.message}`, `case number "${caseText}" is not valid: ${c.error.detail?.en ?? c.error.messageEn}`));
  }
  set('caseNumber', caseNumber && printedNumber(caseNumber));

  const numberText = text(data.number);
  if (numberText) {
    const n = parseDocumentNumber(numberText);
    if (!n) problems.push(problem('number', `文书编号“${numberText}”不正确，应为“案号之序号”，例如 (2025)黔0103执1234号之一`, `document number "${numberText}" is not valid; it is the case number with an ordinal, e.g. (2025)黔0103执1234号之一`));
    else if (caseNumber && n.caseNumber !== caseNumber) problems.push(problem('number', `文书编号“${numberText}”不属于本案（${caseNumber}）`, `document number "${numberText}" does not belong to case ${caseNumber}`));
    else set('number', canonicalNumber(n));
  }

  for (const k of ['rulingNumber', 'previousRulingNumber'] as const) {
    const t = text(data[k]);
    if (!t) continue;
    const n = parseDocumentNumber(t);
    if (!n) problems.push(problem(k, `${PLACEHOLDERS[k].zh}“${t}”不正确`, `${PLACEHOLDERS[k].en} "${t}" is not a document number`));
    else set(k, canonicalNumber(n));
  }

  set('addressee', text(data.addressee));
  set('applicant.name', text(data.applicant?.name));
  set('debtor.name', text(data.debtor?.name));

  setParty(set, templates, 'debtor', data.debtor, data.date, problems);
  setParty(set, templates, 'applicant', data.applicant, data.date, problems);

  const wording = asset ? templates.assetKinds[asset.kind] : undefined;
  if (asset && !wording) problems.push(problem('asset.kind', `财产类型“${String(asset.kind)}”未知`, `unknown asset kind "${String(asset.kind)}"`));
  if (wording) {
    set('asset.kind', wording.name);
    set('asset.identifierLabel', wording.identifierLabel);
    set('asset.verb', wording.verb);
  }
  set('asset.institution', text(asset?.institution));
  set('asset.identifier', text(asset?.identifier));
  setAssetParticulars(set, asset, problems);

  if (data.amount !== undefined) {
    if (!isFen(data.amount) || data.amount <= 0) {
      problems.push(problem('amount', `金额应为大于零的整数（分），收到 ${String(data.amount)}`, `the amount must be a positive whole number of fen, got ${String(data.amount)}`));
    } else {
      set('amount.yuan', formatYuan(data.amount));
      set('amount.capitals', amountInChineseCapitals(data.amount));
    }
  }
  if (data.amount === undefined && wording && asset && FUNDS.has(asset.kind) && AMOUNT_FOR_FUNDS.has(type)) {
    problems.push({ field: 'amount', kind: 'missing', zh: `缺少金额：${wording.name}的${type.includes('扣划') ? '扣划' : '冻结'}须写明金额`, en: `the amount is missing: a measure on ${asset.kind} must state it` });
  }

  if (data.period) {
    const s = parseIsoDate(data.period.start ?? '');
    const e = parseIsoDate(data.period.end ?? '');
    if (!s.ok) problems.push(problem('period.start', `冻结期限起始日“${String(data.period.start)}”不是有效日期`, `period start "${String(data.period.start)}" is not a date`));
    if (!e.ok) problems.push(problem('period.end', `冻结期限届满日“${String(data.period.end)}”不是有效日期`, `period end "${String(data.period.end)}" is not a date`));
    if (s.ok) set('period.start', arabicDate(s.value));
    if (s.ok && e.ok && e.value < s.value) problems.push(problem('period.end', `冻结期限届满日 ${e.value} 早于起始日 ${s.value}`, `period end ${e.value} is before its start ${s.value}`));
    else if (e.ok) set('period.end', arabicDate(e.value));
  }

  // A clause of the sentence "因……，依照……": its own final stop would break the sentence.
  set('reason', text(data.reason)?.replace(/[。；;，,]+$/, ''));
  set('courtAccount.name', text(data.courtAccount?.name));
  set('courtAccount.bank', text(data.courtAccount?.bank));
  set('courtAccount.account', text(data.courtAccount?.account));

  // a document over several items: the verbs, earlier rulings and articles of all of them
  const kinds = items?.length ? items.map((i) => i.asset.kind) : asset ? [asset.kind] : [];
  const verbs = distinct(kinds.map((k) => templates.assetKinds[k]?.verb));
  if (items?.length && verbs.length) plain['asset.verb'] = verbs.join('、');
  // a notice goes to the agency its items are at: their one branch or office, else the agency as a whole (addressee)
  const institutions = distinct((items ?? []).map((i) => text(i.asset.institution)));
  if (institutions.length === 1) plain['asset.institution'] = institutions[0]!;
  else if (institutions.length > 1 && text(data.addressee)) plain['asset.institution'] = text(data.addressee)!;
  const previous = distinct((items ?? []).map((i) => {
    const n = parseDocumentNumber(text(i.previousRulingNumber) ?? '');
    return n ? canonicalNumber(n) : undefined;
  }));
  if (previous.length) plain.previousRulingNumber = previous.join('、');

  const basis = data.legalBasis?.map(text).filter((c): c is string => c !== undefined);
  if (data.legalBasis && !basis?.length) problems.push(problem('legalBasis', '法律依据不能为空', 'the legal basis is empty'));
  set('legalBasis', (basis?.length ? basis : citations(templates, type, kinds)).join('、'));

  const officerName = text(data.officer?.name);
  set('officer.name', officerName);
  if (officerName) set('officer.title', text(data.officer?.title) ?? DEFAULT_SIGNATORY_TITLE);
  set('officer.phone', text(data.officer?.phone));
  set('clerk.name', text(data.clerk?.name));

  const resolve = (key: PlaceholderKey): Resolved => {
    if (key === 'asset.object') {
      if (!asset) return { missing: ['asset.object'] };
      if (!wording) return { missing: ['asset.kind'] };
      return fillText(objectWording(wording, (k) => 'value' in resolveNested(k)), resolveNested);
    }
    const v = plain[key];
    return v === undefined ? { missing: [key] } : { value: v };
  };
  // The asset phrase may use any value but itself.
  const resolveNested = (key: PlaceholderKey): Resolved => (key === 'asset.object' ? { missing: [key] } : resolve(key));
  return resolve;
}

/** Fills one text; reports every placeholder it could not fill rather than printing it. */
function fillText(template: string, resolve: (k: PlaceholderKey) => Resolved): Resolved {
  const missing: PlaceholderKey[] = [];
  const out = template.replace(new RegExp(PLACEHOLDER_PATTERN, 'g'), (_all, key: string, optional?: string) => {
    if (!isPlaceholderKey(key)) {
      // parseTemplateSet refuses unknown keys; a template built by hand may still hold one.
      missing.push(key as PlaceholderKey);
      return '';
    }
    const r = resolve(key);
    if ('value' in r) return r.value;
    if (!optional) missing.push(...r.missing);
    return '';
  });
  return missing.length ? { missing } : { value: out };
}

function missingProblem(key: PlaceholderKey | string): DocumentProblem {
  if (!isPlaceholderKey(key)) return { field: key, kind: 'missing', zh: `模板含未知占位符 {${key}}`, en: `the template has an unknown placeholder {${key}}` };
  const p = PLACEHOLDERS[key];
  return { field: p.field, kind: 'missing', zh: `缺少${p.zh}`, en: `the ${p.en} is missing` };
}

function applies(c: Conditional, has: (k: PlaceholderKey) => boolean): boolean {
  if (c.when !== undefined && !has(c.when)) return false;
  if (c.unless !== undefined && has(c.unless)) return false;
  return true;
}

/** One problem per field and wording, one 'missing' per field; a field reported invalid is not reported missing as well. */
function dedupe(problems: DocumentProblem[]): DocumentProblem[] {
  const seen = new Set<string>();
  const invalid = new Set(problems.filter((p) => p.kind === 'invalid').map((p) => p.field));
  return problems.filter((p) => {
    if (p.kind === 'missing' && invalid.has(p.field)) return false;
    // The first word on a missing field is the most specific (the funds rule before the template's).
    const k = p.kind === 'missing' ? `${p.field}\u0000missing` : `${p.field}\u0000${p.zh}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

type Resolver = (k: PlaceholderKey) => Resolved;

/**
 * Paragraphs and tables filled from one resolver; with an ordinal (one item of several) each
 * paragraph is numbered 一、 and, but for the last item, ends in ； and each table's caption
 * carries （一）.
 */
function textBlocks(
  bs: readonly (ParagraphTemplate | TermsTemplate)[], resolve: Resolver, fill: (s: string) => string, n?: { ordinal: number; last: boolean },
): DocumentBlock[] {
  const has = (k: PlaceholderKey) => 'value' in resolve(k);
  const out: DocumentBlock[] = [];
  for (const b of bs) {
    if (!applies(b, has)) continue;
    if (b.kind === 'paragraph') {
      const t = fill(b.text);
      out.push({ kind: 'paragraph', style: b.style, text: n ? `${chineseNumber(n.ordinal)}、${n.last ? t : t.replace(/。$/, '；')}` : t });
    } else {
      const rows = b.rows.filter((r) => applies(r, has)).map((r) => ({ label: fill(r.label), value: fill(r.value) }));
      const caption = b.caption ? fill(b.caption) + (n ? `（${chineseNumber(n.ordinal)}）` : '') : undefined;
      out.push({ kind: 'terms', ...(caption ? { caption } : {}), rows });
    }
  }
  return out;
}

export interface DocumentBuilder {
  buildDocument(type: DocumentType, data: DocumentData): DocumentModel;
  /** The problems buildDocument would throw for, or [] when the document can be made. */
  checkDocumentData(type: DocumentType, data: DocumentData): DocumentProblem[];
  /** The DocumentData fields a type always needs (more may be needed: an ID once given must be valid). */
  requiredFields(type: DocumentType): string[];
}

export function createDocumentBuilder(templates: TemplateSet): DocumentBuilder {
  const attempt = (type: DocumentType, data: DocumentData): { model?: DocumentModel; problems: DocumentProblem[] } => {
    const t = templates.documents[type];
    if (!t) return { problems: [{ field: 'type', kind: 'invalid', zh: `没有“${String(type)}”的模板`, en: `no template for "${String(type)}"` }] };
    const problems: DocumentProblem[] = [];
    const items = itemsOf(data);
    const debtors = debtorsOf(data, items);
    const resolve = valuesFor(templates, type, wholeData(data, debtors), problems, items);
    const has = (k: PlaceholderKey) => 'value' in resolve(k);
    const fillWith = (r: Resolver) => (s: string): string => {
      const v = fillText(s, r);
      if ('value' in v) return v.value;
      problems.push(...v.missing.map(missingProblem));
      return '';
    };
    const fill = fillWith(resolve);
    const each = {
      items: items.map((i) => valuesFor(templates, type, itemData(data, i), problems)),
      debtors: debtors.map((p) => valuesFor(templates, type, debtorData(data, p), problems)),
    };

    if (!items.length && t.blocks.some((b) => b.kind === 'repeat' && b.over === 'items')) problems.push(missingProblem('asset.object'));
    const date = parseIsoDate(data.date ?? '');
    if (!date.ok) problems.push({ field: 'date', kind: data.date ? 'invalid' : 'missing', zh: `文书日期“${String(data.date ?? '')}”不是有效日期`, en: `document date "${String(data.date ?? '')}" is not a date` });
    const dateText = date.ok ? chineseDate(date.value) : '';
    const court = fill('{court}');

    const blocks: DocumentBlock[] = [];
    for (const b of t.blocks as BlockTemplate[]) {
      if (!applies(b, has)) continue;
      if (b.kind === 'paragraph' || b.kind === 'terms') blocks.push(...textBlocks([b], resolve, fillWith(resolve)));
      else if (b.kind === 'repeat') {
        const contexts = each[b.over];
        contexts.forEach((r, i) => {
          // several items are numbered 一、二、 … and end in ； but the last
          const n = b.over === 'items' && contexts.length > 1 ? { ordinal: i + 1, last: i === contexts.length - 1 } : undefined;
          blocks.push(...textBlocks(b.blocks, r, fillWith(r), n));
        });
      } else {
        const signatories: Signatory[] = b.style === 'ruling' ? [{ title: fill('{officer.title}'), name: fill('{officer.name}') }] : [];
        const clerk = b.style === 'ruling' && has('clerk.name') ? { title: '书记员', name: fill('{clerk.name}') } : undefined;
        blocks.push({
          kind: 'signature',
          signatories,
          showCourt: b.style === 'notice',
          court,
          dateText,
          seal: { label: SEAL_LABEL, court },
          ...(clerk ? { clerk } : {}),
        });
      }
    }

    const model: DocumentModel = {
      type,
      title: fill(t.title),
      court,
      caseNumber: fill('{caseNumber}'),
      number: fill('{number}'),
      ...(t.addressee ? { addressee: fill(t.addressee) } : {}),
      blocks,
      date: date.ok ? date.value : '',
      dateText,
    };
    const all = dedupe(problems);
    return all.length ? { problems: all } : { model, problems: [] };
  };

  return {
    buildDocument(type, data) {
      const r = attempt(type, data);
      if (!r.model) throw new DocumentError(type, r.problems);
      return r.model;
    },
    checkDocumentData(type, data) {
      return attempt(type, data).problems;
    },
    requiredFields(type) {
      const t = templates.documents[type];
      const fields = new Set<string>(['court', 'caseNumber', 'number', 'date']);
      const need = (s: string, into: Set<PlaceholderKey>) => {
        for (const p of placeholdersIn(s)) if (!p.optional && isPlaceholderKey(p.key)) into.add(p.key);
      };
      const always = new Set<PlaceholderKey>();
      // A key needed both when `k` is present and when it is absent is needed either way.
      const branches = new Map<PlaceholderKey, { present: Set<PlaceholderKey>; absent: Set<PlaceholderKey> }>();
      for (const { text: s, conditions } of templateTexts(t)) {
        if (conditions.length === 0) need(s, always);
        else if (conditions.length === 1) {
          const c = conditions[0]!;
          const b = branches.get(c.key) ?? { present: new Set(), absent: new Set() };
          branches.set(c.key, b);
          need(s, c.present ? b.present : b.absent);
        }
      }
      for (const b of branches.values()) for (const k of b.present) if (b.absent.has(k)) always.add(k);
      // The citations default to the template's own; never missing.
      always.delete('legalBasis');
      for (const k of always) fields.add(PLACEHOLDERS[k].field);
      if (t.blocks.some((b) => b.kind === 'signature' && b.style === 'ruling')) fields.add('officer.name');
      return [...fields].sort();
    },
  };
}
