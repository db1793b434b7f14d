/**
 * Competing claims and valuation as both sides see them (docs/distribution.md): the claims to share
 * in what a case recovered (参与分配, docs/domain.md rule 4), the plans made, the seizures of other
 * courts on the case's assets with the clocks of a priority creditor's request, the duplicate
 * freezes of one asset across the bureau's cases, and the directed valuation inquiries (定向询价).
 * Plain data, serialisable over IPC; money in fen, days in CST.
 */
import type { DocumentRef } from './measures';
import type { AssetKind } from './types';
import type { Fen } from '../money';
import type { ClaimPriority, DistributionPlanFigures } from '../rules/distribution';
import type { FirstSeizure, TransferClock } from '../rules/first-seizure';

export type { ClaimPriority };

export interface DistributionClaimView {
  id: string;
  caseId: string;
  /** the applicant of this case (from the case, never typed again) or a creditor who applied to share */
  source: 'applicant' | 'participant';
  creditor: string;
  /** his 执行依据: the judgment or other title by its number */
  basis: string;
  amount: Fen;
  priority: ClaimPriority;
  rank?: number;
  addedBy?: string;
  addedAt?: string;
}

export interface DistributionPlanView {
  id: string;
  caseId: string;
  figures: DistributionPlanFigures;
  /** creditor names by creditorId, as printed */
  creditors: Record<string, string>;
  document: DocumentRef;
  servedOn?: string;
  /** the last day to object in writing (15 days from service), once served */
  objectionsUntil?: string;
  objectionsOpen?: boolean;
  madeBy: string;
  madeAt: string;
}

export interface CaseDistribution {
  caseId: string;
  today: string;
  /** what the case recovered: the one figure the cap formula also reads */
  recovered: Fen;
  costs: Fen;
  claims: DistributionClaimView[];
  /** the plan as it would be made now */
  preview: DistributionPlanFigures;
  plans: DistributionPlanView[];
  /** 参与分配 is for debtors who are 公民或者其他组织 (民诉法解释 第五百零六条): a company debtor's creditors are paid in the order of the measures */
  eligible: { ok: boolean; zh: string; en: string };
}

/** One asset of the case and the courts that seized it (docs/domain.md rule 4). */
export interface SeizureView {
  assetId: string;
  kind: AssetKind;
  description: string;
  first: FirstSeizure;
  /** the courts' seals in the registry's order */
  courts: { court: string; caseNumber?: string }[];
  /** each 商请移送执行函 made for it */
  requests: TransferRequestView[];
}

export interface TransferRequestView {
  id: string;
  assetId: string;
  firstCourt: string;
  firstCaseNumber?: string;
  seizedOn: string;
  clock: TransferClock;
  document: DocumentRef;
  madeBy: string;
  madeAt: string;
}

/** One asset frozen or sealed by two or more of this bureau's cases. */
export interface DuplicateFreeze {
  channel: string;
  assetKind: AssetKind;
  identifier: string;
  cases: { caseId: string; caseNumber: string; measureId: string; amount?: Fen }[];
}

export type ValuationState = 'sent' | 'answered' | 'failed';

export interface ValuationView {
  id: string;
  caseId: string;
  assetId: string;
  state: ValuationState;
  referencePrice?: Fen;
  validUntil?: string;
  authority?: string;
  error?: { zh: string; en: string };
  requestedBy: string;
  requestedAt: string;
  answeredAt?: string;
}

export interface CaseValuations {
  caseId: string;
  /** real estate found in the case, each with its latest request */
  properties: { assetId: string; description: string; identifier: string; latest?: ValuationView }[];
}
