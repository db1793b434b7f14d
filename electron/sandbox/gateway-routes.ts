/**
 * /gw/v1 endpoints: submit, ask about a request, officer register, health. Fault knobs act here:
 * busy (503), rate limit (429), held answers (timeout), destroyed sockets (lost answer), garbage.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sha256Hex } from '../gateway/signing';
import type { ChannelId } from '../../shared/domain/channels';
import { authenticate } from './auth';
import { checkAuthority } from './gateway-authority';
import { isCreditSubmit } from './credit-body';
import { handleCreditStatus, handleCreditSubmit } from './credit-routes';
import { EXECUTORS, refusal } from './execute';
import { sendError, sendJson, sendRaw } from './http-io';
import { knobsFor, type ChannelKnobs } from './knobs';
import { GARBLED_FEEDBACK } from './faults';
import { FORMATTERS } from './formats';
import { RequestTable, type GatewayRequest } from './request-table';
import { checkMeasureParams, isFrozenBalanceQuery } from './measure-params';
import { canonicalJson, checkSubmitBody } from './submit-body';
import type { SandboxState } from './state';

/** Sends now, or after hangMs when the timeout fault fires (the work is already done). */
function deliver(st: SandboxState, res: ServerResponse, hold: boolean, k: ChannelKnobs, send: () => void): void {
  if (!hold) return send();
  const t = setTimeout(() => {
    st.held.delete(t);
    send();
  }, k.hangMs);
  st.held.add(t);
}

export function handleSubmit(req: IncomingMessage, res: ServerResponse, body: string, st: SandboxState): void {
  const auth = authenticate(req, res, body, st, true);
  if (!auth.ok) return;
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    st.stats.refused.badRequest += 1;
    return sendError(res, 400, 'BAD_REQUEST', 'body: not valid JSON');
  }
  if (isCreditSubmit(raw)) return handleCreditSubmit(res, raw as Record<string, unknown>, st, auth.officer!);
  const check = checkSubmitBody(raw);
  if (!check.ok) {
    st.stats.refused.badRequest += 1;
    return sendError(res, 400, 'BAD_REQUEST', check.message);
  }
  const b = check.body;
  if (b.officer.code !== auth.officer?.code) {
    st.stats.refused.badRequest += 1;
    return sendError(res, 400, 'BAD_REQUEST', 'officer.code: must be the signing officer (X-CK-Officer)');
  }
  if (auth.officer.court !== b.case.court) {
    st.stats.refused.officerNotRegistered += 1;
    return sendError(res, 403, 'OFFICER_NOT_REGISTERED', `officer ${auth.officer.code} is not registered for court ${b.case.court}`);
  }
  const ch = b.channel;
  const k = knobsFor(st.knobs, ch);
  const stats = st.stats.of(ch);
  stats.submits += 1;
  // keyed by the id's own attempt number, so draws do not depend on other requests' timing
  const attempt = (st.submitAttempts.get(b.clientRequestId) ?? 0) + 1;
  st.submitAttempts.set(b.clientRequestId, attempt);
  const now = Date.now();
  if (!st.rate.admit(ch, k, now)) {
    st.stats.fault(ch, 'rateLimited');
    return sendError(res, 429, 'RATE_LIMITED', `more than ${k.rateLimitPerSecond} requests per second on ${ch}`, { 'retry-after': '1' });
  }
  if (st.dice.roll(k.errorRate, ch, b.clientRequestId, `submit${attempt}`, 'error')) {
    st.stats.fault(ch, 'error');
    return sendError(res, 503, 'GW_BUSY', 'the gateway is busy; try again');
  }
  const bodyHash = sha256Hex(canonicalJson(raw));
  const known = st.requests.get(b.clientRequestId);
  if (known) {
    if (known.bodyHash !== bodyHash) {
      stats.conflicts += 1;
      return sendError(res, 409, 'IDEMPOTENCY_CONFLICT', `clientRequestId ${b.clientRequestId} was used with another body`);
    }
    stats.duplicates += 1;
    return sendJson(res, 200, RequestTable.submitView(known, now));
  }
  const why = refusal(b);
  if (why) return sendError(res, 422, 'CHANNEL_REFUSES', why);
  if (b.kind !== 'query' || isFrozenBalanceQuery(b)) {
    const pc = checkMeasureParams(b);
    if (!pc.ok) {
      st.stats.refused.badRequest += 1;
      return sendError(res, 400, 'BAD_REQUEST', pc.message);
    }
  }
  // the gateway's own check of who may do this to whom, whatever the workstation decided
  const allowed = checkAuthority(st, b, raw as Record<string, unknown>, auth.officer);
  if (!allowed.ok) {
    st.stats.refused.notAuthorised += 1;
    return sendError(res, 403, allowed.code, allowed.message);
  }
  // executed before answering: a lost or held answer below does not undo it
  const r = EXECUTORS[b.kind](st, b, bodyHash, k, now);
  if (st.dice.roll(k.lostAnswerRate, ch, r.clientRequestId, `submit${attempt}`, 'lostAnswer')) {
    st.stats.fault(ch, 'lostAnswer');
    res.socket?.destroy();
    return;
  }
  const hold = st.dice.roll(k.timeoutRate, ch, r.clientRequestId, `submit${attempt}`, 'timeout');
  if (hold) st.stats.fault(ch, 'timeout');
  deliver(st, res, hold, k, () => sendJson(res, 202, RequestTable.submitView(r, Date.now())));
}

export function render(st: SandboxState, r: GatewayRequest): unknown {
  if (r.measure) return r.measure;
  // balances and freezes as measures left them, lapses included
  st.settleOwner(r.subject.idNumber);
  return FORMATTERS[r.channel].render({
    subject: st.population.byId.get(r.subject.idNumber),
    duplicate: r.duplicate,
    answeredAt: new Date(r.answerAt ?? Date.now()).toISOString(),
    gatewayRef: r.gatewayRef,
  });
}

/** A garbled 200: half the time a cut-off body, half the time an error page where feedback belongs. */
function garbage(st: SandboxState, ch: ChannelId, r: GatewayRequest, view: object): string {
  const text = JSON.stringify(view);
  if (st.dice.value(ch, r.clientRequestId, `garbageKind${r.polls}`) < 0.5) return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
  return JSON.stringify({ ...view, feedback: GARBLED_FEEDBACK });
}

export function handleStatus(req: IncomingMessage, res: ServerResponse, id: string, st: SandboxState): void {
  const auth = authenticate(req, res, '', st, false);
  if (!auth.ok) return;
  const r = st.requests.get(id);
  if (!r && handleCreditStatus(res, id, st)) return;
  if (!r) return sendError(res, 404, 'NOT_FOUND', `no request with clientRequestId ${id}`);
  const ch = r.channel;
  const k = knobsFor(st.knobs, ch);
  r.polls += 1;
  st.stats.of(ch).polls += 1;
  if (st.dice.roll(k.errorRate, ch, id, `poll${r.polls}`, 'error')) {
    st.stats.fault(ch, 'error');
    return sendError(res, 503, 'GW_BUSY', 'the gateway is busy; try again');
  }
  const view = RequestTable.statusView(r, Date.now(), (x) => render(st, x));
  const hold = st.dice.roll(k.timeoutRate, ch, id, `poll${r.polls}`, 'timeout');
  if (hold) st.stats.fault(ch, 'timeout');
  let body = JSON.stringify(view);
  if (view.status === 'answered' && st.dice.roll(k.garbageRate, ch, id, `poll${r.polls}`, 'garbage')) {
    st.stats.fault(ch, 'garbage');
    body = garbage(st, ch, r, view);
  }
  deliver(st, res, hold, k, () => sendRaw(res, 200, body));
}

export function handleOfficers(req: IncomingMessage, res: ServerResponse, url: URL, st: SandboxState): void {
  const auth = authenticate(req, res, '', st, false);
  if (!auth.ok) return;
  const court = url.searchParams.get('court');
  if (!court) return sendError(res, 400, 'BAD_REQUEST', 'court: missing');
  sendJson(res, 200, st.officers.ofCourt(court));
}

/** The court's registered receiving accounts (执行款专户): the only accounts a deduction may go to. */
export function handleCourtAccounts(req: IncomingMessage, res: ServerResponse, url: URL, st: SandboxState): void {
  const auth = authenticate(req, res, '', st, false);
  if (!auth.ok) return;
  const court = url.searchParams.get('court');
  if (!court) return sendError(res, 400, 'BAD_REQUEST', 'court: missing');
  sendJson(res, 200, st.ledger.courtAccounts().filter((a) => a.court === court).map((a) => ({ bank: a.bank, accountNo: a.accountNo, name: a.name })));
}

export function handleHealth(res: ServerResponse): void {
  sendJson(res, 200, { ok: true, network: 'sandbox', time: new Date().toISOString() });
}
