/**
 * What varies between exchanges the runner sends (docs/gateway-protocol.md, "Unknown outcome"): how
 * the body is built, who signs the call, what a final answer means and what a refusal of the
 * gateway means. The outline — written before sent, asked about by the same id when the outcome is
 * unknown, the same bytes again only when the gateway never received them, polled until final — is
 * the runner's (runner.ts) and the same for every policy.
 */
import type { GatewayHttpError } from '../gateway-errors';
import type { StatusAnswer } from '../gateway-wire';

/** What an exchange came to: the platform took it (with its reference) or refused it (with the reason). */
export type ExchangeOutcome =
  | { result: 'accepted'; platformRef?: string }
  | { result: 'rejected'; code: string; reason: { zh: string; en: string } };

/** An answer that is not about this exchange, or not in its format: counted as unreadable, changes nothing. */
export class UnreadableFeedback extends Error {
  constructor(readonly what: string) {
    super(`unreadable feedback (${what})`);
    this.name = 'UnreadableFeedback';
  }
}

export interface ExchangePolicy<I extends { id: string }, B> {
  /** names the policy in the log */
  readonly name: string;
  /** the wire body: built from the stored item alone, so every send of it is the same bytes */
  body(item: I): B;
  /** the officer who signs the call (X-CK-Officer) */
  officerOf(item: I): string;
  /** a final answer ('answered' or 'rejected'): its meaning, or UnreadableFeedback thrown */
  settle(item: I, answer: StatusAnswer): ExchangeOutcome;
  /** a definite refusal of the gateway (400, 403, 422): never executed */
  refused(item: I, e: GatewayHttpError): ExchangeOutcome;
}

/**
 * Where the runner keeps each exchange's state, written before the next step: the store's outbox.
 * `held` is the gateway holding it, `unknown` a send whose outcome was not heard, `queued` one
 * known never to have left this machine.
 */
export interface ExchangeLedger<I extends { id: string }> {
  get(id: string): I | undefined;
  /** not yet settled, oldest first */
  open(): I[];
  /** 'queued' to submit, 'sent'/'unknown' to ask about by id first, 'final' to leave alone */
  phaseOf(item: I): 'queued' | 'sent' | 'unknown' | 'final';
  /** written before the bytes go on the wire; counts the attempt */
  markSent(id: string): I;
  markUnknown(id: string): I;
  markQueued(id: string): I;
  /** the gateway holds it (accepted or processing) */
  markHeld(id: string): I;
  /** written once: a settled item is never changed again */
  settle(id: string, outcome: ExchangeOutcome): I;
}
