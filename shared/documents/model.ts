/**
 * The structured form of a court document, between the template and the page: what a PDF
 * renderer, a preview or a test reads. Plain data, serialisable over IPC.
 */
import type { IsoDate } from '../dates';
import type { DocumentType } from '../domain/measures';
import type { AssetKind, AssetParticulars, LegalRepresentative, PartyKind } from '../domain/types';
import type { Fen } from '../money';

/**
 * party – a line naming a party at the head of a ruling (not indented)
 * body  – an ordinary paragraph, first line indented by two characters
 * note  – a closing line such as the officer to contact (not indented)
 */
export type ParagraphStyle = 'party' | 'body' | 'note';

export interface ParagraphBlock {
  kind: 'paragraph';
  style: ParagraphStyle;
  text: string;
}

export interface TermRow {
  label: string;
  value: string;
}

/** The measure's terms as a two-column table: who, which asset, how much, how long, where to. */
export interface TermsBlock {
  kind: 'terms';
  caption?: string;
  rows: TermRow[];
}

export interface Signatory {
  /** 审判员, 执行员, 书记员 … */
  title: string;
  name: string;
}

/**
 * Bottom right of the last page: the signatories (rulings), the court (notices), the date in
 * Chinese numerals, the court's seal over the date, then the clerk (rulings).
 */
export interface SignatureBlock {
  kind: 'signature';
  signatories: Signatory[];
  /** notices are signed by the court itself: its name stands above the date */
  showCourt: boolean;
  court: string;
  /** 二〇二五年三月四日 */
  dateText: string;
  /** where the electronic seal goes; the renderer draws a placeholder */
  seal: { label: string; court: string };
  clerk?: Signatory;
}

export type DocumentBlock = ParagraphBlock | TermsBlock | SignatureBlock;

export interface DocumentModel {
  type: DocumentType;
  /** the title as printed, e.g. 执行裁定书 for every ruling, 协助冻结通知书 for a notice */
  title: string;
  court: string;
  caseNumber: string;
  /** document number, e.g. (2025)黔0103执1234号之一 */
  number: string;
  /** the agency a notice is addressed to, printed with a full-width colon */
  addressee?: string;
  blocks: DocumentBlock[];
  /** date of issue, YYYY-MM-DD */
  date: IsoDate;
  /** 二〇二五年三月四日 */
  dateText: string;
}

export interface DocumentParty {
  name: string;
  /** resident ID or unified social credit code, in full: documents live only in the encrypted store */
  idNumber?: string;
  /** decides the label of the ID (公民身份号码 or 统一社会信用代码); guessed from the ID when absent */
  kind?: PartyKind;
  /** 住所 of a person, 住所地 of a company */
  address?: string;
  /** a company's 法定代表人 and his 职务, stated under the party's line */
  legalRepresentative?: LegalRepresentative;
}

export interface DocumentAsset {
  kind: AssetKind;
  /** bank, platform, registry office, housing provident fund centre … */
  institution: string;
  /** account number, certificate number, plate, securities account, company name … */
  identifier?: string;
  /** 坐落 and 不动产单元号, 号牌种类 and VIN, 证券代码 and 数量, the company and 出资额 or 比例 */
  particulars?: AssetParticulars;
}

export interface CourtAccount {
  /** 户名 */
  name: string;
  /** 开户行 */
  bank: string;
  /** 账号 */
  account: string;
}

/**
 * One item a ruling or notice orders: a debtor's asset with its amount and period. A ruling lists
 * every item of its decision, a notice those of its agency (docs/documents.md).
 */
export interface DocumentItem {
  debtor: DocumentParty;
  asset: DocumentAsset;
  amount?: Fen;
  period?: { start: IsoDate; end: IsoDate };
  /** renew, unfreeze, deduct: the earlier ruling that took this item's freeze */
  previousRulingNumber?: string;
}

/**
 * What a document is filled with. Which fields a type needs is decided by its template; a field
 * a template needs and the data lacks is refused by name (see requiredFields).
 */
export interface DocumentData {
  /** 贵州省贵阳市云岩区人民法院 */
  court: string;
  /** (2025)黔0103执1234号 */
  caseNumber: string;
  /** this document's number: documentNumber(caseNumber, seq) */
  number: string;
  /** a notice: the ruling it carries out */
  rulingNumber?: string;
  /** 案由, e.g. 民间借贷纠纷 */
  cause?: string;
  applicant?: DocumentParty;
  debtor?: DocumentParty;
  asset?: DocumentAsset;
  /**
   * a query notice: the agency asked. A measure's notice goes to its items' institution; when they
   * are at several branches of one agency, to this.
   */
  addressee?: string;
  /** freeze: amount frozen; renew: amount still frozen; unfreeze: amount released (absent = all); deduct: amount deducted */
  amount?: Fen;
  /** freeze and renew: from the ruling, within the legal cap (checked by the rules, not here) */
  period?: { start: IsoDate; end: IsoDate };
  /** renew, unfreeze, deduct: the earlier ruling that took the freeze acted on */
  previousRulingNumber?: string;
  /** unfreeze: why, as a clause: 被执行人已履行生效法律文书确定的全部义务 */
  reason?: string;
  /** deduct: the court's receiving account */
  courtAccount?: CourtAccount;
  /**
   * The items of a decision (a ruling) or of an agency's share of it (a notice); when absent, the
   * one item of `debtor`, `asset`, `amount`, `period` and `previousRulingNumber`.
   */
  items?: DocumentItem[];
  /** replaces the template's citations when the bureau cites otherwise */
  legalBasis?: string[];
  /** 审判员 (default) or 执行员 … and name; a notice names the officer to contact */
  officer?: { name: string; title?: string; phone?: string };
  clerk?: { name: string };
  /** date of issue */
  date: IsoDate;
}
