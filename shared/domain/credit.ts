/**
 * Exchanges with the 失信联合惩戒云平台 (docs/domain.md rules 7–9): a listing published or removed, a
 * consumption restriction issued or lifted. Each goes exactly once, under a client request id that
 * is one per decision, like a measure.
 */
import type { MeasureSignature } from './measures';

export const CREDIT_EXCHANGE_KINDS = ['listing.publish', 'listing.remove', 'restriction.issue', 'restriction.lift'] as const;
export type CreditExchangeKind = (typeof CREDIT_EXCHANGE_KINDS)[number];

/**
 *   queued ──sent──▶ sent ──▶ accepted | rejected
 *                     └ unknown (lost answer) ─ asked by the same id ─▶ sent | queued (never received)
 */
export const CREDIT_EXCHANGE_STATES = ['queued', 'sent', 'unknown', 'accepted', 'rejected'] as const;
export type CreditExchangeState = (typeof CREDIT_EXCHANGE_STATES)[number];
export const FINAL_CREDIT_EXCHANGE_STATES: readonly CreditExchangeState[] = ['accepted', 'rejected'];

export interface CreditSubject {
  name: string;
  /** 居民身份证 for a person, 统一社会信用代码 for a company */
  idNumber: string;
  kind: 'person' | 'company';
}

export interface CreditExchangeRequest {
  /** the client request id: one per decision, never reused for another */
  id: string;
  kind: CreditExchangeKind;
  caseId: string;
  /** the listing or restriction this exchange is about */
  recordId: string;
  subjects: CreditSubject[];
  /** what the platform publishes: caseNumber, court, ground, period, restricted kinds, document number … */
  payload: Record<string, unknown>;
  /**
   * The deciding judge's signature ('decision') and, for a listing or a restriction, the approving
   * chief's or director's ('approval'), each over creditSignedText (electron/gateway/credit-signatures.ts).
   * The platform refuses what lacks them.
   */
  signatures: MeasureSignature[];
}

export interface CreditExchange extends CreditExchangeRequest {
  state: CreditExchangeState;
  /** the platform's own reference once accepted */
  platformRef?: string;
  reason?: { zh: string; en: string };
  attempts: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * The gateway channel of the 失信联合惩戒云平台 (docs/gateway-protocol.md, "Credit platform"): its
 * exchanges go over the same submit/ask-by-id protocol as measures, with the exchange kind as `kind`.
 */
export const CREDIT_CHANNEL = 'credit.ccp' as const;
export type CreditChannel = typeof CREDIT_CHANNEL;

/** The platform's acknowledgement of an exchange, the `feedback` of an answered credit request. */
export interface CreditFeedback {
  result: 'accepted' | 'rejected';
  kind: CreditExchangeKind;
  /** the platform's reference: of the listing or restriction published, or of the one removed or lifted */
  platformRef?: string;
  rejection?: { code: string; message: string };
  at: string;
}
