/**
 * A creditor's lead (财产线索): what the applicant told the court about the debtor's property, and
 * whether the court has checked it (docs/domain.md rule 11). One source for the kinds a lead names.
 */
import type { AssetKind } from './types';

/** the property a lead points at: the asset kinds, or something the channels do not cover */
export const LEAD_ASSET_KINDS = ['deposit', 'online_funds', 'provident_fund', 'securities', 'wealth', 'real_estate', 'vehicle', 'equity', 'other'] as const;
export type LeadAssetKind = Extract<AssetKind, (typeof LEAD_ASSET_KINDS)[number]> | 'other';

export interface PropertyLead {
  id: string;
  caseId: string;
  /** the debtor the lead is about, when it names one */
  partyId?: string;
  /** the lead in the applicant's words (may name an account or a place: personal data, kept encrypted) */
  text: string;
  assetKind: LeadAssetKind;
  /** the applicant asks for urgent handling: three days instead of seven */
  urgent: boolean;
  /** the day the court received it (YYYY-MM-DD, China Standard Time) */
  receivedOn: string;
  /** the last day to check it (rule 11) */
  checkBy: string;
  recordedBy: string;
  recordedAt: string;
  checkedOn?: string;
  checkedBy?: string;
  /** what the check found, in the officer's words */
  checkResult?: string;
  /** whether the check found property */
  found?: boolean;
}
