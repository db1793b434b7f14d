/**
 * The one measure feedback format (docs/gateway-protocol.md, "Measure feedback"), read strictly,
 * checked against the measure it claims to answer, and turned into a MeasureOutcome. Anything
 * that does not fit is not an answer: the engine asks again, it never guesses.
 */
import { z } from 'zod';
import type { Measure, MeasureOutcome } from '../../../shared/domain/measures';
import type { StatusAnswer } from '../gateway-wire';

const text = z.string().min(1);
const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO instant');
const rejection = z.object({ code: text, message: z.string() });

export const measureFeedbackSchema = z
  .object({
    result: z.enum(['executed', 'waiting', 'rejected']),
    kind: z.enum(['query', 'freeze', 'renew', 'unfreeze', 'deduct']),
    agencyRef: text,
    executedAt: instant,
    freezeRequestId: text.optional(),
    assetIdentifier: text.optional(),
    freezeStatus: z.enum(['in_force', 'waiting', 'lapsed', 'released']).optional(),
    queuePosition: z.number().int().min(0).optional(),
    endsOn: isoDate.optional(),
    frozenAmount: fen.optional(),
    frozenQuantity: z.number().int().min(0).optional(),
    releasedAmount: fen.optional(),
    deductedAmount: fen.optional(),
    balanceAfter: fen.optional(),
    rejection: rejection.optional(),
  })
  .refine((f) => f.result !== 'rejected' || f.rejection !== undefined, { message: 'rejected without rejection', path: ['rejection'] })
  .refine((f) => f.result === 'rejected' || (f.freezeRequestId !== undefined && f.freezeStatus !== undefined), {
    message: 'not rejected but without the freeze it concerns', path: ['freezeRequestId'],
  });
export type MeasureFeedback = z.infer<typeof measureFeedbackSchema>;

/** Why an answer was not taken as the measure's feedback (a code, never the content). */
export class FeedbackMismatch extends Error {
  constructor(readonly what: string) {
    super(`measure feedback refused: ${what}`);
    this.name = 'FeedbackMismatch';
  }
}

/** What a finished status answer says about a measure. */
export type MeasureVerdict =
  | { state: 'executed'; outcome: MeasureOutcome; feedback: MeasureFeedback }
  | { state: 'rejected'; outcome: MeasureOutcome; feedback?: MeasureFeedback };

/** The freeze a measure's feedback must name: a freeze its own id, the others the freeze acted on. */
export function freezeIdOf(m: Pick<Measure, 'id' | 'kind' | 'freezeId'>): string | undefined {
  return m.kind === 'freeze' ? m.id : m.freezeId;
}

/**
 * Reads an answered or rejected status answer as the measure's outcome. Throws FeedbackMismatch
 * when the feedback is unreadable or about something else (another kind, another freeze, another
 * asset, a deduction of another amount).
 */
export function verdictOf(m: Pick<Measure, 'id' | 'kind' | 'freezeId' | 'assetIdentifier' | 'amount'>, ans: StatusAnswer): MeasureVerdict {
  if (ans.clientRequestId !== m.id) throw new FeedbackMismatch('answer about another request id');
  let fb: MeasureFeedback | undefined;
  if (ans.feedback !== undefined) {
    const p = measureFeedbackSchema.safeParse(ans.feedback);
    if (!p.success) throw new FeedbackMismatch(`feedback not in the measure format at ${p.error.issues[0]?.path.join('.') || 'feedback'}`);
    fb = p.data;
  }
  if (ans.status === 'answered' && !fb) throw new FeedbackMismatch('answered without feedback');
  if (fb && fb.kind !== m.kind) throw new FeedbackMismatch('feedback of another kind');

  const rejected = ans.status === 'rejected' || fb?.result === 'rejected';
  if (rejected) {
    const r = fb?.rejection ?? ans.rejection;
    if (!r) throw new FeedbackMismatch('rejected without a reason');
    const outcome: MeasureOutcome = { rejection: { code: r.code, message: r.message } };
    if (fb) {
      outcome.agencyRef = fb.agencyRef;
      outcome.executedAt = fb.executedAt;
    }
    return fb ? { state: 'rejected', outcome, feedback: fb } : { state: 'rejected', outcome };
  }

  const f = fb!;
  if (f.freezeRequestId !== freezeIdOf(m)) throw new FeedbackMismatch('feedback about another freeze');
  if (f.assetIdentifier !== undefined && f.assetIdentifier !== m.assetIdentifier) throw new FeedbackMismatch('feedback about another asset');
  if (m.kind === 'deduct') {
    // a deduction is executed in full or refused (INSUFFICIENT_FROZEN): never in part
    if (f.deductedAmount === undefined || f.deductedAmount !== m.amount) throw new FeedbackMismatch('deducted amount differs from the amount decided');
  }
  const outcome: MeasureOutcome = { agencyRef: f.agencyRef, executedAt: f.executedAt };
  if (f.frozenAmount !== undefined) outcome.frozenAmount = f.frozenAmount;
  if (f.queuePosition !== undefined) outcome.queuePosition = f.queuePosition;
  else if (f.result === 'waiting') throw new FeedbackMismatch('waiting without a queue position');
  if (f.endsOn !== undefined) outcome.endsOn = f.endsOn;
  if (f.deductedAmount !== undefined) outcome.deductedAmount = f.deductedAmount;
  return { state: 'executed', outcome, feedback: f };
}

/** What the frozen-balance re-query reports (docs/domain.md rule 6). */
export interface FrozenBalance {
  /** the re-query's own client request id */
  requestId: string;
  freezeRequestId: string;
  /** fen the freeze holds in force now (absent for a seal of a whole asset) */
  frozenAmount?: number;
  freezeStatus: 'in_force' | 'waiting' | 'lapsed' | 'released';
  queuePosition?: number;
  endsOn?: string;
  /** the account balance now (money assets) */
  balanceAfter?: number;
  /** when the agency looked (its executedAt) */
  checkedAt: string;
  agencyRef: string;
}

/** Reads the frozen-balance answer; throws FeedbackMismatch when it is not one for this freeze. */
export function frozenBalanceOf(requestId: string, freezeId: string, f: MeasureFeedback): FrozenBalance {
  if (f.kind !== 'query') throw new FeedbackMismatch('feedback of another kind');
  if (f.freezeRequestId !== freezeId) throw new FeedbackMismatch('feedback about another freeze');
  const b: FrozenBalance = { requestId, freezeRequestId: freezeId, freezeStatus: f.freezeStatus!, checkedAt: f.executedAt, agencyRef: f.agencyRef };
  if (f.frozenAmount !== undefined) b.frozenAmount = f.frozenAmount;
  if (f.queuePosition !== undefined) b.queuePosition = f.queuePosition;
  if (f.endsOn !== undefined) b.endsOn = f.endsOn;
  if (f.balanceAfter !== undefined) b.balanceAfter = f.balanceAfter;
  return b;
}
