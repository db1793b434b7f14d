/**
 * The execution notice and property-report order per debtor (民诉法 第二百五十一、二百五十二条), and
 * the dishonest listing with its removal, credit commitment and credit repair (docs/domain.md rule 8).
 * The records as stored and shown; the rules are in shared/rules/listing.ts.
 */
import type { CreditExchange, CreditExchangeState } from './credit';
import type { DocumentRef } from './measures';
import type { ExtensionReason, ListingGround, RemovalGround } from '../rules/listing';

export const NOTICE_KINDS = ['execution-notice', 'report-order'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const SERVICE_METHODS = ['direct', 'post', 'electronic', 'left', 'public'] as const;
export type ServiceMethod = (typeof SERVICE_METHODS)[number];
export const SERVICE_METHOD_TEXT: Readonly<Record<ServiceMethod, string>> = {
  direct: '直接送达', post: '邮寄送达', electronic: '电子送达', left: '留置送达', public: '公告送达',
};

export interface EnforcementNotice {
  id: string;
  caseId: string;
  partyId: string;
  kind: NoticeKind;
  documentId?: string;
  issuedAt: string;
  issuedBy: string;
  servedOn?: string;
  serviceMethod?: ServiceMethod;
  /** report order: the report's last day, once served */
  deadlineOn?: string;
  /** report order: the days it gives, from service */
  reportDays?: number;
}

export interface PropertyReport {
  id: string;
  caseId: string;
  partyId: string;
  noticeId: string;
  filedOn: string;
  truthful: boolean;
  /** what the debtor reported, as the clerk summarised it */
  summary: string;
  recordedBy: string;
  recordedAt: string;
}

/**
 *   draft ──propose──▶ proposed ──approve──▶ listed ──confirm removal──▶ removed
 *     └──────────────────────┴── refuse ──▶ refused
 */
export const LISTING_STATES = ['draft', 'proposed', 'refused', 'listed', 'removed'] as const;
export type ListingState = (typeof LISTING_STATES)[number];

export interface EvidenceRef {
  kind: 'document' | 'measure' | 'notice' | 'report' | 'request' | 'finding';
  id: string;
  /** as the judge saw it: 报告财产令 (2026)黔0103执12号之二 … */
  label?: string;
}

export interface CreditListing {
  id: string;
  caseId: string;
  partyId: string;
  /** the debtor's name and ID, as listed (only the debtor himself, never his legal representative) */
  subject: { name: string; idNumber: string; kind: 'person' | 'company' };
  ground: ListingGround;
  evidence: { text: string; refs: EvidenceRef[] };
  extension?: { years: number; reason: ExtensionReason; note: string };
  state: ListingState;
  draftedBy: string;
  proposedBy?: string;
  proposedAt?: string;
  approvedBy?: string;
  approvedAt?: string;
  refusedReason?: string;
  /** the day it takes effect, and the last day (absent for ground 1) */
  listedOn?: string;
  endsOn?: string;
  periodYears?: number;
  decisionDocumentId?: string;
  createdAt: string;
  updatedAt: string;
}

export interface CreditRemoval {
  id: string;
  listingId: string;
  caseId: string;
  ground: RemovalGround;
  /** the day of the fact (payment, correction …) the working days count from */
  factOn: string;
  dueOn: string;
  proposedAt: string;
  confirmedBy?: string;
  confirmedAt?: string;
  documentId?: string;
}

export const CREDIT_STEP_KINDS = ['security', 'correction', 'commitment', 'repair-application', 'repair-decision', 'grace'] as const;
export type CreditStepKind = (typeof CREDIT_STEP_KINDS)[number];

/** A fact recorded about a debtor's credit: security given, conduct corrected, commitment, repair, grace. */
export interface CreditStep {
  id: string;
  caseId: string;
  partyId: string;
  listingId?: string;
  kind: CreditStepKind;
  on: string;
  text: string;
  /** security: adequate or not; repair decision: granted or not */
  granted?: boolean;
  /** grace: the last day of the grace period */
  untilOn?: string;
  documentId?: string;
  recordedBy: string;
  recordedAt: string;
}

/** One debtor's credit, as the credit panel shows it. */
export interface DebtorCredit {
  partyId: string;
  name: string;
  kind: 'person' | 'company';
  notices: EnforcementNotice[];
  reports: PropertyReport[];
  listings: (CreditListing & {
    published: CreditExchangeState | 'none';
    removal?: CreditRemoval & { overdue: boolean; removedOnPlatform: CreditExchangeState | 'none' };
  })[];
  steps: CreditStep[];
  /** in words: 未纳入 / 待审批 / 已纳入（已公布） / 已删除 */
  state: 'none' | 'proposed' | 'listed' | 'published' | 'removed';
}

export interface CaseCredit {
  caseId: string;
  /** still owed by the one cap formula, and frozen in force against it */
  outstanding: number;
  frozen: number;
  debtors: DebtorCredit[];
  exchanges: CreditExchange[];
  documents: DocumentRef[];
  removalWorkingDays: number;
}

/** A listing waiting for a chief or the director, as his list shows it. */
export interface ListingApprovalItem {
  listingId: string;
  caseId: string;
  caseNumber: string;
  subject: string;
  ground: ListingGround;
  proposedBy: string;
  proposedAt: string;
  periodYears?: number;
}
