/**
 * What a verification of the audit log reports (docs/audit.md): the chain walked entry by entry,
 * and every checkpoint the gateway acknowledged checked against it. Each problem carries its code
 * and the judge's words in both languages, written in main where the evidence is.
 */

export const AUDIT_PROBLEM_CODES = [
  /** an entry's content no longer matches its own hash */
  'EDITED',
  /** a sequence number is missing, or an acknowledged entry is gone from the middle */
  'REMOVED',
  /** entries are no longer in the order they were chained in */
  'REORDERED',
  /** entries were rewritten and given new hashes: the chain holds together but differs from what was acknowledged */
  'REHASHED',
  /** the chain ends before the last entry the gateway acknowledged */
  'TAIL_CUT',
  /** a receipt kept here was not signed by the gateway, or does not say what it is kept for */
  'RECEIPT_FORGED',
  /** the gateway's signing key is not the one recorded at first contact (or that record is gone) */
  'GATEWAY_KEY_CHANGED',
] as const;

export type AuditProblemCode = (typeof AUDIT_PROBLEM_CODES)[number];

export interface AuditProblem {
  code: AuditProblemCode;
  /** the entry concerned (for TAIL_CUT: the last one the gateway acknowledged) */
  seq?: number;
  zh: string;
  en: string;
}

export interface AuditVerification {
  /** no problem found */
  ok: boolean;
  /** entries held on this workstation */
  entries: number;
  /** the first entry that does not fit the chain, as the walk found it */
  brokenAt?: number;
  /** entries 1 … anchoredThrough are exactly what the gateway acknowledged */
  anchoredThrough?: number;
  /** when the gateway acknowledged that checkpoint */
  lastAnchorAt?: string;
  /** acknowledged checkpoints checked (the workstation's receipts and the gateway's own list) */
  checkpoints: number;
  /** whether the gateway's own list was fetched and compared (false: offline, receipts kept here only) */
  gatewayChecked: boolean;
  problems: AuditProblem[];
}
