/**
 * What the engine needs from the store for measures (freeze, renew, unfreeze, deduct).
 * The outbox rule (DOMAIN rule 7): a measure is written — durably, synchronous=FULL — before it is
 * sent, and its state is written before each step it guards, so that after a crash the program
 * knows exactly which measures may have reached the agency and asks about them by their own id.
 */
import type { Measure, MeasureOutcome, MeasureState } from '../../shared/domain/measures';

export type MeasurePatch = Partial<Pick<Measure, 'state' | 'attempts' | 'sentAt' | 'outcome' | 'error' | 'approvedBy'>>;

export interface MeasureStore {
  /** the outbox write; throws if the id exists (one decision, one id) */
  insertMeasure(m: Measure): void;
  updateMeasure(id: string, patch: MeasurePatch): Measure;
  getMeasure(id: string): Measure | undefined;
  /** measures the engine still owes an outcome: queued, sent or unknown */
  listOutbox(): Measure[];
  /** raw request/answer text kept as evidence */
  recordMeasureExchange?(e: { measureId: string; direction: 'sent' | 'received'; at: string; text: string }): void;
}

export type { Measure, MeasureOutcome, MeasureState };
