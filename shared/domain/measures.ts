/**
 * Measures: freeze (seal), renew, release (unfreeze) and deduct. Unlike a query, a measure acts on
 * money and property: it is decided once, written to the outbox before it is sent, sent under one
 * client request id, and never re-sent under another (docs/domain.md rule 7).
 */
import type { Fen } from '../money';
import type { ChannelId } from './channels';
import type { AssetKind } from './types';
import type { CourtAccount } from './measure-views';

export type MeasureKind = 'freeze' | 'renew' | 'unfreeze' | 'deduct';

/**
 * draft              – being prepared, not yet decided
 * awaiting_approval  – above the bureau's threshold: a division chief must approve before sending
 * queued             – decided and in the outbox; waits there while offline
 * sent               – on the wire or accepted, feedback not yet in
 * unknown            – sent, but no answer (timeout, lost answer): being resolved by asking about the same id
 * executed           – the agency confirmed (a freeze may be executed with queuePosition > 0: waiting, 轮候)
 * rejected           – the agency refused (reason kept)
 * cancelled          – withdrawn before sending (draft, awaiting approval or queued while offline)
 */
export type MeasureState = 'draft' | 'awaiting_approval' | 'queued' | 'sent' | 'unknown' | 'executed' | 'rejected' | 'cancelled';

/** A measure not yet concluded: its answer may still change what is frozen or recovered, so its case is not closed. */
export const UNSETTLED_MEASURE_STATES: readonly MeasureState[] = ['draft', 'awaiting_approval', 'queued', 'sent', 'unknown'];

export type DocumentType =
  | '协助查询通知书'
  | '冻结裁定书' | '协助冻结通知书'
  | '续行冻结裁定书' | '协助续行冻结通知书'
  | '解除冻结裁定书' | '协助解除冻结通知书'
  | '扣划裁定书' | '协助扣划通知书'
  /** 执保: to the applicant, the 保全期限届满日 and the renewal he must ask for (docs/domain.md rule 2) */
  | '保全期限届满提醒通知书'
  /** to the debtor: perform, and report his property (民诉法 第二百五十一、二百五十二条; docs/domain.md rule 8) */
  | '执行通知书' | '报告财产令'
  /** the dishonest list: listed, removed, credit repair decided (docs/domain.md rule 8) */
  | '纳入失信被执行人名单决定书' | '删除失信信息决定书' | '信用修复决定书'
  /** the consumption restriction: ordered, lifted, one journey allowed (docs/domain.md rule 9) */
  | '限制消费令' | '解除限制消费令决定书' | '暂时解除限制消费决定书'
  /** to the railway police, and the detention a judge decides on a debtor held (docs/domain.md rule 10) */
  | '协助临时控制通知书' | '拘留决定书'

  /** 终本: the ruling closing the round of enforcement, and the re-query result to the applicant (docs/domain.md rule 12) */
  | '终结本次执行程序裁定书' | '查询结果告知书'
  /** 参与分配: the plan served on every creditor and the debtor; the request to the first-seizing court (docs/distribution.md) */
  | '财产分配方案' | '商请移送执行函';

/** Which documents a measure carries (docs/domain.md, "A request carries"). */
export const DOCUMENTS_FOR: Record<MeasureKind, readonly [DocumentType, DocumentType]> = {
  freeze: ['冻结裁定书', '协助冻结通知书'],
  renew: ['续行冻结裁定书', '协助续行冻结通知书'],
  unfreeze: ['解除冻结裁定书', '协助解除冻结通知书'],
  deduct: ['扣划裁定书', '协助扣划通知书'],
};

export interface DocumentRef {
  id: string;
  type: DocumentType;
  /** document number, e.g. (2025)黔0103执1234号之一 */
  number: string;
  sha256: string;
  createdAt: string;
  /** 作废: every measure it covers was refused or withdrawn (docs/documents.md) */
  voided?: DocumentVoid;
}

/** A document as the case's document list shows it: which, to whom, for how much, and whether it stands. */
export interface CaseDocument extends DocumentRef {
  /** as printed: 执行裁定书, 协助查封通知书 … */
  title: string;
  /** the agency a notice goes to */
  addressee?: string;
  /** the amount of the measure it carries (absent: sealed whole, or released whole) */
  amount?: number;
  measureKind?: MeasureKind;
  /** the state of the measures it covers, when they are all in one */
  measureState?: MeasureState;
  /** the measures it covers: a ruling its decision's, a notice those sent to its agency */
  measureIds?: string[];
  /**
   * 部分未执行 (docs/documents.md): the items it lists whose measures were refused or withdrawn
   * while others stand; absent when all stand, or when none does (then it is 作废).
   */
  failedItems?: FailedItem[];
}

/** An item of a ruling or notice that was not carried out, and why. */
export interface FailedItem {
  measureId: string;
  /** the institution and the account or certificate, as the document lists it */
  item: string;
  reason: string;
}

/** Why and when a document was marked 作废. */
export interface DocumentVoid {
  reason: string;
  at: string;
}

export interface MeasureOutcome {
  /** amount actually frozen (may be less than asked: the balance was lower) */
  frozenAmount?: Fen;
  /** 0 = in effect; n > 0 = n-th in the waiting queue (轮候) behind earlier freezes */
  queuePosition?: number;
  /** the end date the agency recorded */
  endsOn?: string;
  deductedAmount?: Fen;
  /** the agency's own reference, receipt number for a deduction */
  agencyRef?: string;
  executedAt?: string;
  rejection?: { code: string; message: string };
}

/** Who signed a measure's request body, and as what (docs/gateway-protocol.md, "Signatures"). */
export type SignatureRole = 'decision' | 'approval';

export interface MeasureSignature {
  role: SignatureRole;
  /** officer code of the signer */
  officer: string;
  /** the register's id of his signing key */
  keyId: string;
  /** base64 Ed25519 over the canonical JSON of the body without its `signatures` */
  signature: string;
}

export interface Measure {
  /** client request id: the idempotency key */
  id: string;
  caseId: string;
  partyId: string;
  assetId: string;
  channel: ChannelId;
  assetKind: AssetKind;
  /** account number, certificate number, plate … as the agency knows the asset */
  assetIdentifier: string;
  kind: MeasureKind;
  state: MeasureState;
  /** freeze: amount to freeze; deduct: amount to deduct; unfreeze: amount to release (absent = all) */
  amount?: Fen;
  /** freeze and renew: end date from the ruling, within the legal cap (docs/domain.md rule 2) */
  endsOn?: string;
  /** renew, unfreeze, deduct: the freeze measure acted on */
  freezeId?: string;
  /** deduct: the court's receiving account */
  courtAccount?: CourtAccount;
  /** recorded reason for an indivisible asset above the cap (docs/domain.md rule 1) */
  overCapReason?: string;
  /** the grounds it cites when they are not its kind's: a release of the excess cites 查扣冻规定 第十九条 (docs/domain.md rule 1) */
  legalBasis?: string;
  decidedBy: string;
  approvedBy?: string;
  /**
   * the judge's decision this measure carries out (one click of 冻结, 续冻, 解除 or 扣划): one
   * decision makes at most one measure per asset, so a second window or a double click adds none
   */
  decisionId?: string;
  /** deduct: the frozen-balance check (its seq) this deduction relied on; one check authorises one deduction */
  balanceCheck?: number;
  /** deduct: the refused deduction this new decision takes up again, on a new balance check */
  retryOf?: string;
  /** the decision's signature, then any approval's, over the request body */
  signatures?: MeasureSignature[];
  documents: DocumentRef[];
  outcome?: MeasureOutcome;
  attempts: number;
  createdAt: string;
  updatedAt: string;
  sentAt?: string;
  error?: { code: string; message: string; messageEn: string };
}

/** A freeze as the judge tracks it: in force, waiting, lapsed (priority lost) or released. */
export type FreezeStatus = 'pending' | 'in_force' | 'waiting' | 'lapsed' | 'released';

export interface FreezeView {
  measure: Measure;
  status: FreezeStatus;
  /** currently frozen for this case (after renewals, releases and deductions) */
  frozen: Fen;
  endsOn?: string;
  daysLeft?: number;
  queuePosition?: number;
}
