/**
 * 终本 and a debtor's conduct as the store keeps them and the renderer shows them (docs/domain.md
 * rules 8, 12). One source for the states.
 */
import type { ConductAssessment, ConductClass } from '../rules/conduct';
import type { TerminalChecklist, Words } from '../rules/terminal';
import type { MeasureSignature } from './measures';

export const TERMINAL_CLOSING_STATES = ['proposed', 'approved', 'refused'] as const;
export type TerminalClosingState = (typeof TERMINAL_CLOSING_STATES)[number];

/** the job kind of the six-monthly re-query after 终本 (终本规定 第九条) */
export const TERMINAL_REQUERY_KIND = 'terminal.requery';

export interface TerminalClosing {
  id: string;
  caseId: string;
  state: TerminalClosingState;
  /** the checklist as it stood when the judge proposed */
  checklist: TerminalChecklist;
  proposedBy: string;
  proposedAt: string;
  /** the judge's 'decision' and the chief's or director's 'approval', over terminalSignedText */
  signatures: MeasureSignature[];
  decidedBy?: string;
  decidedAt?: string;
  refusal?: string;
  /** the 终结本次执行程序裁定书 */
  documentId?: string;
  /** the 执恢 case it was resumed into */
  resumedCaseId?: string;
}

export interface RequeryRun {
  id: string;
  caseId: string;
  jobId: string;
  run: number;
  ranAt: string;
  requests: string[];
  /** property found that the case did not know before */
  newAssets: { assetId: string; partyId: string; description: string; value?: number }[];
  documentId?: string;
  alertId?: string;
}

export interface TerminalView {
  checklist: TerminalChecklist;
  closing?: TerminalClosing;
  runs: RequeryRun[];
  /** the re-query job, when scheduled */
  job?: { id: string; state: string; runAt: string; runs: number };
  /** the 执恢 case the 终本 case was resumed into */
  resumed?: { caseId: string; number: string };
  /** the case as the checklist reads it: open, closed as 终本, or closed otherwise */
  caseStatus: 'open' | 'terminal' | 'closed';
}

/** A 终本 proposal in a chief's or the director's inbox. */
export interface TerminalApprovalItem {
  closingId: string;
  caseId: string;
  caseNumber: string;
  proposedBy: string;
  proposedAt: string;
  ready: boolean;
}

export interface ConductReview {
  id: string;
  caseId: string;
  partyId: string;
  proposed?: ConductClass;
  decided: ConductClass;
  reason?: string;
  decidedBy: string;
  decidedAt: string;
}

export interface DebtorConduct {
  partyId: string;
  name: string;
  assessment: ConductAssessment;
  /** the judge's latest word; the proposal stands unconfirmed until he gives one */
  review?: ConductReview;
}

export type { Words };
