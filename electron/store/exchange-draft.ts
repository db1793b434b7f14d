/**
 * The credit exchange a judge signs when he proposes a listing or a restriction order, and a chief
 * signs again when he approves (docs/domain.md rules 8 and 9): one shape, kept on the decision's row
 * until the approval queues it in the credit outbox.
 */
import type { CreditSubject } from '../../shared/domain/credit';
import type { MeasureSignature } from '../../shared/domain/measures';

export interface SignedExchangeDraft {
  id: string;
  subjects: CreditSubject[];
  payload: Record<string, unknown>;
  decision: MeasureSignature;
}

/** The columns a decision row keeps its draft in. */
export interface ExchangeDraftColumns {
  exchange_id: string | null;
  exchange_payload: string | null;
  decision_signature: string | null;
}

/** The draft kept on a row, or nothing while the decision has not been proposed. */
export function readExchangeDraft(r: ExchangeDraftColumns | undefined): SignedExchangeDraft | undefined {
  if (!r?.exchange_id || !r.exchange_payload || !r.decision_signature) return undefined;
  const p = JSON.parse(r.exchange_payload) as { subjects: CreditSubject[]; payload: Record<string, unknown> };
  return { id: r.exchange_id, subjects: p.subjects, payload: p.payload, decision: JSON.parse(r.decision_signature) as MeasureSignature };
}
