/**
 * The 失信联合惩戒云平台 on the gateway (docs/gateway-protocol.md, "Credit platform"): a submit on
 * its channel, the question about one id, and the platform's public query by ID number. The same
 * fault knobs act as on the agency channels (channel "credit.ccp"): 503 busy, 429 rate limit,
 * answers held (timeout) or lost after the exchange was executed, garbled answers, never-answered
 * and late (out-of-order) acknowledgements, refusals by the platform.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CREDIT_CHANNEL } from '../../shared/domain/credit';
import type { Officer } from '../../shared/domain/types';
import { sha256Hex } from '../gateway/signing';
import { authenticate } from './auth';
import { checkCreditAuthority } from './credit-authority';
import { checkCreditBody } from './credit-body';
import { executeCredit, type CreditRequest } from './credit-execute';
import { sendError, sendJson, sendRaw } from './http-io';
import { knobsFor, type ChannelKnobs } from './knobs';
import { statusAt } from './request-table';
import type { SandboxState } from './state';
import { canonicalJson } from './submit-body';

/** Sends now, or after hangMs when the timeout fault fires (the exchange is already executed). */
function deliver(st: SandboxState, hold: boolean, k: ChannelKnobs, send: () => void): void {
  if (!hold) return send();
  const t = setTimeout(() => {
    st.held.delete(t);
    send();
  }, k.hangMs);
  st.held.add(t);
}

const submitView = (r: CreditRequest, now: number) => ({
  clientRequestId: r.clientRequestId, gatewayRef: r.gatewayRef, status: statusOf(r, now), acceptedAt: new Date(r.acceptedAt).toISOString(),
});

function statusOf(r: CreditRequest, now: number) {
  const s = statusAt({ processingAt: r.processingAt, answerAt: r.answerAt, rejection: r.feedback.rejection } as Parameters<typeof statusAt>[0], now);
  return s;
}

function statusView(r: CreditRequest, now: number) {
  const status = statusOf(r, now);
  const done = status === 'answered' || status === 'rejected';
  return {
    clientRequestId: r.clientRequestId, gatewayRef: r.gatewayRef, channel: CREDIT_CHANNEL, kind: r.kind, status,
    acceptedAt: new Date(r.acceptedAt).toISOString(),
    ...(done ? { answeredAt: new Date(r.answerAt!).toISOString(), feedback: r.feedback } : {}),
    ...(status === 'rejected' ? { rejection: r.feedback.rejection } : {}),
  };
}

/** POST /gw/v1/requests with channel credit.ccp; the caller has authenticated and parsed the body. */
export function handleCreditSubmit(res: ServerResponse, raw: Record<string, unknown>, st: SandboxState, officer: Officer): void {
  const check = checkCreditBody(raw);
  if (!check.ok) {
    st.stats.refused.badRequest += 1;
    return sendError(res, 400, 'BAD_REQUEST', check.message);
  }
  const b = check.body;
  if (officer.court !== b.payload.court) {
    st.stats.refused.officerNotRegistered += 1;
    return sendError(res, 403, 'OFFICER_NOT_REGISTERED', `officer ${officer.code} is not registered for court ${b.payload.court}`);
  }
  const k = knobsFor(st.knobs, CREDIT_CHANNEL);
  const attempt = (st.submitAttempts.get(b.clientRequestId) ?? 0) + 1;
  st.submitAttempts.set(b.clientRequestId, attempt);
  const now = Date.now();
  if (!st.rate.admit(CREDIT_CHANNEL, k, now)) {
    return sendError(res, 429, 'RATE_LIMITED', `more than ${k.rateLimitPerSecond} requests per second on ${CREDIT_CHANNEL}`, { 'retry-after': '1' });
  }
  if (st.dice.roll(k.errorRate, CREDIT_CHANNEL, b.clientRequestId, `submit${attempt}`, 'error')) {
    return sendError(res, 503, 'GW_BUSY', 'the gateway is busy; try again');
  }
  const bodyHash = sha256Hex(canonicalJson(raw));
  const known = st.credit.exchanges.get(b.clientRequestId) ;
  if (known) {
    if (known.bodyHash !== bodyHash) return sendError(res, 409, 'IDEMPOTENCY_CONFLICT', `clientRequestId ${b.clientRequestId} was used with another body`);
    known.submits += 1;
    return sendJson(res, 200, submitView(known, now));
  }
  if (st.requests.get(b.clientRequestId)) return sendError(res, 409, 'IDEMPOTENCY_CONFLICT', `clientRequestId ${b.clientRequestId} was used with another body`);
  // the gateway's own check of who may do this, whatever the workstation decided
  const allowed = checkCreditAuthority(st, b, raw, officer);
  if (!allowed.ok) {
    st.stats.refused.notAuthorised += 1;
    return sendError(res, 403, allowed.code, allowed.message);
  }
  // executed before answering: a lost or held answer below does not undo it
  const r = executeCredit(st, b, bodyHash, k, now);
  if (st.dice.roll(k.lostAnswerRate, CREDIT_CHANNEL, r.clientRequestId, `submit${attempt}`, 'lostAnswer')) {
    res.socket?.destroy();
    return;
  }
  const hold = st.dice.roll(k.timeoutRate, CREDIT_CHANNEL, r.clientRequestId, `submit${attempt}`, 'timeout');
  deliver(st, hold, k, () => sendJson(res, 202, submitView(r, Date.now())));
}

/** GET /gw/v1/requests/{id} for a credit exchange; false when the id is not one. */
export function handleCreditStatus(res: ServerResponse, id: string, st: SandboxState): boolean {
  const r = st.credit.exchanges.get(id);
  if (!r) return false;
  const k = knobsFor(st.knobs, CREDIT_CHANNEL);
  r.polls += 1;
  if (st.dice.roll(k.errorRate, CREDIT_CHANNEL, id, `poll${r.polls}`, 'error')) {
    sendError(res, 503, 'GW_BUSY', 'the gateway is busy; try again');
    return true;
  }
  const view = statusView(r, Date.now());
  let body = JSON.stringify(view);
  if (view.status !== 'accepted' && view.status !== 'processing' && st.dice.roll(k.garbageRate, CREDIT_CHANNEL, id, `poll${r.polls}`, 'garbage')) {
    body = body.slice(0, Math.max(1, Math.floor(body.length / 2)));
  }
  const hold = st.dice.roll(k.timeoutRate, CREDIT_CHANNEL, id, `poll${r.polls}`, 'timeout');
  deliver(st, hold, k, () => sendRaw(res, 200, body));
  return true;
}

/**
 * GET /credit/v1/records?idNumber=: the platform's public query — the listings and restrictions in
 * force on a person or company at sandbox time (names are not repeated back).
 */
export function handleCreditRecords(req: IncomingMessage, res: ServerResponse, url: URL, st: SandboxState): void {
  const auth = authenticate(req, res, '', st, false);
  if (!auth.ok) return;
  const idNumber = (url.searchParams.get('idNumber') ?? '').trim().toUpperCase();
  if (!idNumber) return sendError(res, 400, 'BAD_REQUEST', 'idNumber: missing');
  const at = new Date(st.clock.now()).toISOString();
  const listings = st.credit.listingsOf(idNumber).filter((l) => !l.removedAt && l.from <= at && (!l.until || at <= l.until))
    .map((l) => ({ ref: l.ref, court: l.court, caseNumber: l.caseNumber, ground: l.ground, from: l.from, ...(l.until ? { until: l.until } : {}), publishedAt: l.publishedAt }));
  const restrictions = st.credit.restrictionsOf(idNumber).filter((r) => !r.liftedAt && r.issuedAt <= at)
    .map((r) => ({ ref: r.ref, court: r.court, caseNumber: r.caseNumber, kinds: r.kinds, issuedAt: r.issuedAt }));
  sendJson(res, 200, { idNumber, listings, restrictions });
}
