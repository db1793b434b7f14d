/**
 * Active warnings (主动预警, docs/domain.md rules 2, 9–12): each alert says why it was raised, points
 * at the record it rests on and offers one action. One source for the kinds and their actions.
 */
export const ALERT_KINDS = [
  /** funds arrived in a known account of a debtor (balance monitoring or the bank's push) → freeze */
  'funds.arrived',
  /** a restricted debtor tried to book a flight or a train, or checked into a hotel → evidence + control */
  'restriction.breach',
  /** a monitored debtor was seen: check-in, booking, exit/entry, a grid lead → control */
  'whereabouts.sighting',
  /** a freeze entered its renewal window → renew */
  'freeze.renewal-window',
  /** the 6-month limit of a case with property is near (rule 11) → open the case */
  'case.deadline',
  /** a 执异 objection's 15 days are running out (rule 11) */
  'objection.deadline',
  /** a creditor's lead unchecked after 7 days (3 if urgent) */
  'lead.unchecked',
  /** a 终本 re-query found new property (rule 12) → 执恢 */
  'terminal.new-property',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_ACTIONS = ['freeze', 'control', 'renew', 'open-case', 'check-lead', 'resume-case'] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

export const ALERT_STATES = ['open', 'acknowledged', 'done'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export interface AlertSource {
  /** what kind of record it rests on: 'request', 'measure', 'booking', 'lead', 'job', 'case' … */
  kind: string;
  id: string;
}

export interface Alert {
  id: string;
  caseId: string;
  kind: AlertKind;
  /** one per fact: the same fact raised twice (restart, repeated scan, pushed twice) is one alert */
  dedupeKey: string;
  reason: { zh: string; en: string };
  source: AlertSource;
  action: AlertAction;
  /** what the action needs (asset ref, subject party id …), no personal data beyond the case's */
  actionInput: Record<string, unknown>;
  state: AlertState;
  raisedAt: string;
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  assignedTo?: string;
}
