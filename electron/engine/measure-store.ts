/**
 * What the engine needs from the store for measures (freeze, renew, unfreeze, deduct).
 * The outbox rule (docs/domain.md rule 7): a measure is written — durably, synchronous=FULL — before it is
 * sent, and its state is written before each step it guards, so that after a crash the program
 * knows exactly which measures may have reached the agency and asks about them by their own id.
 */
import type { Measure, MeasureOutcome, MeasureState } from '../../shared/domain/measures';

export type MeasurePatch = Partial<Pick<Measure, 'state' | 'attempts' | 'sentAt' | 'outcome' | 'error' | 'approvedBy' | 'signatures' | 'balanceCheck'>>;

export interface MeasureStore {
  /** the outbox write; throws if the id exists (one decision, one id) */
  insertMeasure(m: Measure): void;
  updateMeasure(id: string, patch: MeasurePatch): Measure;
  getMeasure(id: string): Measure | undefined;
  /** measures the engine still owes an outcome: queued, sent or unknown */
  listOutbox(): Measure[];
  /** raw request/answer text kept as evidence */
  recordMeasureExchange?(e: { measureId: string; direction: 'sent' | 'received'; at: string; text: string }): void;
  /**
   * SHA-256 (hex) of the body first sent under this id, if the store keeps it (from the first
   * 'sent' exchange). The engine compares the body it is about to send again with it, so that a
   * body that would differ is caught on this side instead of being refused with 409.
   */
  bodyDigestOf?(measureId: string): string | undefined;
  /**
   * Where the engine last read the gateway's feedback feed (an opaque cursor), so that a restart
   * reads on from there rather than from the start. The feed only speeds answers up: asking about
   * each id stays the ground truth, so a cursor saved a little ahead of what was applied loses nothing.
   */
  feedCursor?(): string | undefined;
  saveFeedCursor?(cursor: string): void;
  /**
   * Takes, or keeps, the right to work on an outbox measure until `until` (ISO time): granted
   * when the measure is queued, sent or unknown and nobody holds it, `owner` holds it already, or
   * the holder's lease ran out before `now` (its process died). Atomic: of two engines asking at
   * once, one gets it. A store shared by several processes must have it; without it an engine
   * assumes it is the only one (docs/gateway-protocol.md "Unknown outcome": a measure that may
   * have reached the gateway is sent again only after a 404, never beside another send).
   */
  claimMeasure?(id: string, owner: string, until: string, now: string): boolean;
  /** Extends the lease of every measure `owner` holds to at least `until` (never shortens one). */
  renewClaims?(owner: string, until: string): void;
  /** Lets go of one measure (`id`) or of all that `owner` holds. */
  releaseClaims?(owner: string, id?: string): void;
}

/** States the engine still owes an outcome for (the outbox). */
export const OUTBOX_STATES: readonly MeasureState[] = ['queued', 'sent', 'unknown'];

/** Final states: nothing moves a measure out of them. */
export const FINAL_MEASURE_STATES: readonly MeasureState[] = ['executed', 'rejected', 'cancelled'];

/**
 * The moves a store allows (a state may always be written again, e.g. to count an attempt).
 * sent/unknown → queued only when the agency is known not to hold the request; executed,
 * rejected and cancelled are final; cancelling is possible only before sending.
 */
export const MEASURE_MOVES: Readonly<Record<MeasureState, readonly MeasureState[]>> = {
  draft: ['draft', 'awaiting_approval', 'queued', 'cancelled'],
  awaiting_approval: ['awaiting_approval', 'draft', 'queued', 'cancelled'],
  queued: ['queued', 'sent', 'unknown', 'executed', 'rejected', 'cancelled'],
  sent: ['sent', 'unknown', 'executed', 'rejected', 'queued'],
  unknown: ['unknown', 'sent', 'executed', 'rejected', 'queued'],
  executed: ['executed'],
  rejected: ['rejected'],
  cancelled: ['cancelled'],
};

export type { Measure, MeasureOutcome, MeasureState };
