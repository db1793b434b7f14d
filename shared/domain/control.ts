/**
 * Whereabouts monitoring and control (一键式控行踪, docs/domain.md rule 10): what a monitored debtor
 * was seen doing, and the 协助临时控制 request to the railway police. One source for the kinds and states.
 */
export const SIGHTING_KINDS = ['hotel', 'rail', 'air', 'exit-entry', 'grid'] as const;
export type SightingKind = (typeof SIGHTING_KINDS)[number];

export const SIGHTING_KIND_LABELS: Record<SightingKind, { zh: string; en: string }> = {
  hotel: { zh: '住宿登记', en: 'hotel check-in' },
  rail: { zh: '铁路购票', en: 'rail booking' },
  air: { zh: '民航订座', en: 'air booking' },
  'exit-entry': { zh: '出入境', en: 'exit / entry' },
  grid: { zh: '网格线索', en: 'community-grid lead' },
};

/** queued (written, not yet answered) → accepted → controlled | not_found; refused by the police desk; unknown after a lost answer (asked again) */
export const CONTROL_STATES = ['queued', 'accepted', 'controlled', 'not_found', 'refused', 'unknown'] as const;
export type ControlState = (typeof CONTROL_STATES)[number];
/** the states that still wait for the police */
export const CONTROL_OPEN_STATES: readonly ControlState[] = ['queued', 'accepted', 'unknown'];

export const SUBSCRIPTION_END_REASONS = ['stopped', 'case-closed', 'finding-ended'] as const;
export type SubscriptionEndReason = (typeof SUBSCRIPTION_END_REASONS)[number];

export interface WhereaboutsSubscription {
  id: string;
  caseId: string;
  partyId: string;
  findingSeq: number;
  startedBy: string;
  startedAt: string;
  endedAt?: string;
  endReason?: SubscriptionEndReason;
}

export interface Sighting {
  ref: string;
  subscriptionId: string;
  caseId: string;
  partyId: string;
  kind: SightingKind;
  /** the agency or the grid that saw him */
  source: string;
  place: string;
  detail: string;
  seenAt: string;
  receivedAt: string;
}

export interface ControlRequest {
  id: string;
  caseId: string;
  partyId: string;
  alertId: string;
  sightingRef: string;
  documentId: string;
  state: ControlState;
  error?: string;
  station?: string;
  requestedBy: string;
  requestedAt: string;
  updatedAt: string;
  detentionDocumentId?: string;
}
