/**
 * The one outline every exchange with the gateway follows (docs/gateway-protocol.md, "Unknown
 * outcome"; docs/architecture.md, "Exchanges and jobs"): submit, and on an unknown outcome ask
 * about the same id (resolve), then poll until the answer is final. The steps and the order of
 * their questions are written here once; what each engine makes of a step — how long it waits,
 * when it gives up, what it writes — is its policy (an ExchangeSteps). The credit runner
 * (runner.ts), the query engine and the measure engine all drive their exchanges through
 * runExchange.
 */
import type { GatewayAnswer } from '../gateway-client';
import {
  GatewayGarbage, GatewayHttpError, GatewayNoAnswer, GatewayUnreachable, isGatewayFailure, type GatewayFailure,
} from '../gateway-errors';
import type { StatusAnswer, SubmitAnswer } from '../gateway-wire';
import { Stopped, type Lifetime } from '../lifetime';

export type Phase = 'submit' | 'resolve' | 'poll' | 'done';
/** where a step leads: another phase, or 'again' for one more turn of the same phase */
export type Step = Phase | 'again';
export type AskPhase = 'resolve' | 'poll';
export type Status = GatewayAnswer<StatusAnswer>;

/**
 * A failed submit, by what it proves: 'unreachable' never left this machine; 'unknown' (no
 * answer, garbage) may have landed; 'conflict' (409) the gateway holds the id with another body;
 * 'limited' a 429; 'transient' another 5xx; 'refused' a definite refusal.
 */
export type SubmitFailure = 'unreachable' | 'unknown' | 'conflict' | 'limited' | 'transient' | 'refused';
/**
 * A failed status question: 'unreachable'; 'not-found' (404, never received or forgotten);
 * 'limited' a 429; 'garbage' an unreadable answer; 'unknown' no answer or a transient 5xx;
 * 'refused' anything else.
 */
export type StatusFailure = 'unreachable' | 'not-found' | 'limited' | 'garbage' | 'unknown' | 'refused';

export function submitFailureOf(e: GatewayFailure): SubmitFailure {
  if (e instanceof GatewayUnreachable) return 'unreachable';
  if (e instanceof GatewayNoAnswer || e instanceof GatewayGarbage) return 'unknown';
  if (e.code === 'IDEMPOTENCY_CONFLICT') return 'conflict';
  if (e.httpStatus === 429) return 'limited';
  return e.transient ? 'transient' : 'refused';
}

export function statusFailureOf(e: GatewayFailure): StatusFailure {
  if (e instanceof GatewayUnreachable) return 'unreachable';
  if (e instanceof GatewayHttpError && e.code === 'NOT_FOUND') return 'not-found';
  if (e instanceof GatewayHttpError && e.httpStatus === 429) return 'limited';
  if (e instanceof GatewayGarbage) return 'garbage';
  if (e instanceof GatewayNoAnswer || (e instanceof GatewayHttpError && e.transient)) return 'unknown';
  return 'refused';
}

/** A step's result: awaited only when it is a promise, so a step that does not wait costs no turn of the event loop. */
export type Maybe<T> = T | Promise<T>;

/** What an engine makes of each step of the outline for its job J. */
export interface ExchangeSteps<J, S extends GatewayAnswer<SubmitAnswer> = GatewayAnswer<SubmitAnswer>> {
  /** before the first phase (e.g. a job picked up while 'sent' is marked unknown) */
  enter?(job: J, first: Phase): void;
  /** once on entering the submit phase (e.g. a backoff before a re-submit) */
  enterSubmit?(job: J): Promise<void> | void;
  /** before each submit: a phase when nothing is to be sent */
  beforeSend?(job: J): Phase | undefined;
  /** written before the bytes leave, then on the wire */
  send(job: J): Promise<S>;
  /** the gateway took the submit */
  accepted(job: J, ans: S): Phase;
  /** an error of the send that is not the gateway's (settled or sent meanwhile): its phase, or undefined to go on */
  interrupted?(job: J, e: unknown): Phase | undefined;
  submitFailed(job: J, e: GatewayFailure, why: SubmitFailure): Maybe<Step>;
  /** before each status question: waits, and a phase when no question is to be asked */
  beforeAsk(job: J, phase: AskPhase): Maybe<Phase | undefined>;
  ask(job: J): Promise<Status>;
  statusFailed(job: J, e: GatewayFailure, why: StatusFailure, phase: AskPhase): Maybe<Step>;
  /** a status answer: 'again' keeps asking in this phase */
  answered(job: J, ans: Status, phase: AskPhase): Maybe<Step>;
  /** a bug or a store failure inside the outline (not a stop) */
  crashed(job: J, e: unknown): void;
}

async function submitPhase<J, S extends GatewayAnswer<SubmitAnswer>>(job: J, s: ExchangeSteps<J, S>): Promise<Phase> {
  const entered = s.enterSubmit?.(job);
  if (entered instanceof Promise) await entered;
  for (;;) {
    const skip = s.beforeSend?.(job);
    if (skip) return skip;
    let ans: S;
    try {
      ans = await s.send(job);
    } catch (e) {
      const p = s.interrupted?.(job, e);
      if (p) return p;
      if (e instanceof Stopped || !isGatewayFailure(e)) throw e;
      const r = s.submitFailed(job, e, submitFailureOf(e));
      const next = r instanceof Promise ? await r : r;
      if (next === 'again') continue;
      return next;
    }
    return s.accepted(job, ans);
  }
}

/** resolve and poll: the same questions about the same id; the policy says how they differ. */
async function askPhase<J, S extends GatewayAnswer<SubmitAnswer>>(job: J, s: ExchangeSteps<J, S>, phase: AskPhase): Promise<Phase> {
  for (;;) {
    const before = s.beforeAsk(job, phase);
    const skip = before instanceof Promise ? await before : before;
    if (skip) return skip;
    let ans: Status;
    try {
      ans = await s.ask(job);
    } catch (e) {
      if (e instanceof Stopped || !isGatewayFailure(e)) throw e;
      const r = s.statusFailed(job, e, statusFailureOf(e), phase);
      const next = r instanceof Promise ? await r : r;
      if (next === 'again') continue;
      return next;
    }
    const r = s.answered(job, ans, phase);
    const next = r instanceof Promise ? await r : r;
    if (next === 'again') continue;
    return next;
  }
}

/** Drives one exchange from `first` until it is done or the lifetime stops. */
export async function runExchange<J, S extends GatewayAnswer<SubmitAnswer>>(job: J, first: Phase, s: ExchangeSteps<J, S>, life: Lifetime): Promise<void> {
  let phase = first;
  try {
    s.enter?.(job, first);
    while (phase !== 'done') phase = phase === 'submit' ? await submitPhase(job, s) : await askPhase(job, s, phase);
  } catch (e) {
    if (e instanceof Stopped || life.stopped) return;
    s.crashed(job, e);
  }
}
