/**
 * A consumption restriction order (限制消费令, docs/domain.md rule 9) as the store keeps it and the
 * panel shows it: per case and debtor, the kinds restricted, the persons it binds, the judge's
 * proposal, the chief's approval, its lift and the single journeys allowed.
 */
import type { BoundPerson, ExemptionReason, LiftGround, RestrictionKind } from '../rules/restriction';
import type { CreditExchange } from './credit';

/**
 *   draft ──propose──▶ proposed ──approve──▶ issued ──lift──▶ lifted
 *                         └──refuse──▶ refused
 */
export const RESTRICTION_STATES = ['draft', 'proposed', 'refused', 'issued', 'lifted'] as const;
export type RestrictionState = (typeof RESTRICTION_STATES)[number];

export interface RestrictionOrder {
  id: string;
  caseId: string;
  partyId: string;
  debtor: { name: string; idNumber: string; kind: 'person' | 'company' };
  kinds: RestrictionKind[];
  /** for a company: the persons the order binds, as the judge confirmed them */
  bound: BoundPerson[];
  state: RestrictionState;
  draftedBy: string;
  proposedBy?: string;
  proposedAt?: string;
  approvedBy?: string;
  approvedAt?: string;
  refusedReason?: string;
  issuedOn?: string;
  documentId?: string;
  lift?: { ground: LiftGround; note: string; by: string; at: string; documentId: string };
  createdAt: string;
  updatedAt: string;
}

export interface RestrictionExemption {
  id: string;
  orderId: string;
  caseId: string;
  kind: RestrictionKind;
  reason: ExemptionReason;
  note: string;
  /** CST days, both counted */
  from: string;
  until: string;
  decidedBy: string;
  decidedAt: string;
  documentId: string;
}

/** The panel's view of a case: its orders with their exchanges and exemptions. */
export interface CaseRestrictions {
  orders: (RestrictionOrder & { exchanges: CreditExchange[]; exemptions: RestrictionExemption[] })[];
}

export interface RestrictionApprovalItem {
  orderId: string;
  caseId: string;
  caseNumber: string;
  debtorName: string;
  kinds: RestrictionKind[];
  proposedBy: string;
  proposedAt: string;
}
