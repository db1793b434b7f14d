/**
 * The sandbox's ticketing platform (docs/sandbox.md, "Ticketing"; docs/gateway-protocol.md,
 * "Restriction breaches"): air, rail, ship and hotel bookings checked against the credit platform's
 * consumption restrictions (st.credit.restricting, docs/domain.md rule 9) by the one rule of which
 * booking falls under which kind (shared/rules/restriction.ts). A booking of a restricted kind by a
 * person bound is refused, unless a journey of that kind is allowed at that time; each refusal is a
 * breach the court's workstation reads by cursor.
 *   POST /sandbox/v1/ticketing/bookings — loopback only, unsigned: a trainer (or a test) attempts a booking;
 *   GET  /sandbox/v1/ticketing/bookings — loopback only: every attempt;
 *   GET  /gw/v1/ticketing/breaches?after=&limit= — signed, station and officer: the refused
 *     attempts under the officer's court's restrictions. The credit channel's fault knobs act
 *     (errorRate: 503 GW_BUSY; timeoutRate: the answer held hangMs).
 * Personal data stays in memory.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CREDIT_CHANNEL } from '../../shared/domain/credit';
import { bookingKind, type Booking, type RestrictionKind } from '../../shared/rules/restriction';
import { authenticate } from './auth';
import { isLoopback, sendError, sendJson } from './http-io';
import { knobsFor } from './knobs';
import type { SandboxState } from './state';

export interface BookingAttempt {
  seq: number;
  bookingRef: string;
  idNumber: string;
  name?: string;
  booking: Booking;
  /** sandbox time of the attempt (ISO) */
  at: string;
  /** the kind of 第三条 the booking falls under, if any */
  kind?: RestrictionKind;
  result: 'booked' | 'refused';
  /** the restriction that refused it: its court and case, its platform reference and the exchange it came under */
  restriction?: { court: string; caseNumber: string; restrictionRef: string; clientRequestId: string };
}

class TicketingDesk {
  readonly attempts: BookingAttempt[] = [];
}

const desks = new WeakMap<SandboxState, TicketingDesk>();
export function ticketingOf(st: SandboxState): TicketingDesk {
  let d = desks.get(st);
  if (!d) desks.set(st, (d = new TicketingDesk()));
  return d;
}

function json(body: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(body);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const str = (v: unknown, max = 40): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

function bookingOf(b: Record<string, unknown>): Booking | string {
  switch (b.mode) {
    case 'air':
      return { mode: 'air', ...(str(b.flightNo) ? { flightNo: b.flightNo } : {}) };
    case 'rail':
      if (!str(b.trainNo, 10)) return 'trainNo: the train number, e.g. G1234';
      return { mode: 'rail', trainNo: b.trainNo, ...(str(b.seat, 10) ? { seat: b.seat } : {}) };
    case 'ship':
      return Number.isInteger(b.cabinClass) ? { mode: 'ship', cabinClass: b.cabinClass as number } : 'cabinClass: an integer';
    case 'hotel':
      return Number.isInteger(b.stars) && (b.stars as number) >= 0 && (b.stars as number) <= 5 ? { mode: 'hotel', stars: b.stars as number } : 'stars: 0 (unrated) to 5';
    default:
      return "mode: one of 'air', 'rail', 'ship', 'hotel'";
  }
}

/** The restriction entry refusing it, traced to the exchange that issued it (a company's persons share one). */
function refusing(st: SandboxState, idNumber: string, kind: RestrictionKind, at: string): BookingAttempt['restriction'] {
  const r = st.credit.restricting(idNumber, kind, at);
  if (!r) return undefined;
  const origin = st.credit.exchanges.get(r.clientRequestId);
  return { court: r.court, caseNumber: r.caseNumber, restrictionRef: origin?.feedback.platformRef ?? r.ref, clientRequestId: r.clientRequestId };
}

function attempt(res: ServerResponse, body: string, st: SandboxState): void {
  const b = json(body);
  if (!b) return sendError(res, 400, 'BAD_REQUEST', 'body: must be a JSON object');
  if (!str(b.idNumber, 18)) return sendError(res, 400, 'BAD_REQUEST', 'idNumber: the traveller’s ID number');
  const booking = bookingOf(b);
  if (typeof booking === 'string') return sendError(res, 400, 'BAD_REQUEST', booking);
  const desk = ticketingOf(st);
  const idNumber = b.idNumber.trim().toUpperCase();
  const at = new Date(st.clock.now()).toISOString();
  const kind = bookingKind(booking);
  const restriction = kind ? refusing(st, idNumber, kind, at) : undefined;
  const seq = desk.attempts.length + 1;
  const a: BookingAttempt = {
    seq, bookingRef: `TK${String(seq).padStart(8, '0')}`, idNumber, ...(str(b.name, 100) ? { name: b.name } : {}), booking, at,
    ...(kind ? { kind } : {}), result: restriction ? 'refused' : 'booked', ...(restriction ? { restriction } : {}),
  };
  desk.attempts.push(a);
  sendJson(res, 200, {
    bookingRef: a.bookingRef, result: a.result, ...(kind ? { kind } : {}),
    ...(restriction ? { reason: { code: 'RESTRICTED_CONSUMPTION', message: `该旅客被${restriction.court}（${restriction.caseNumber}）限制消费，不得购买 / the traveller is under a consumption restriction` }, restrictionRef: restriction.restrictionRef } : {}),
  });
}

function breaches(req: IncomingMessage, res: ServerResponse, url: URL, st: SandboxState): void {
  const auth = authenticate(req, res, '', st, true);
  if (!auth.ok) return;
  const k = knobsFor(st.knobs, CREDIT_CHANNEL);
  if (st.dice.roll(k.errorRate, CREDIT_CHANNEL, 'ticketing', Date.now(), 'error')) return sendError(res, 503, 'GW_BUSY', 'the gateway is busy; try again');
  const after = url.searchParams.get('after') ?? '';
  if (after !== '' && !/^\d{1,12}$/.test(after)) return sendError(res, 400, 'BAD_REQUEST', 'after: not a cursor from this feed');
  const limit = Number(url.searchParams.get('limit') ?? '100');
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) return sendError(res, 400, 'BAD_REQUEST', 'limit: must be an integer in 1–500');
  const from = after === '' ? 0 : Number(after);
  const items = ticketingOf(st).attempts
    .filter((a) => a.seq > from && a.result === 'refused' && a.restriction?.court === auth.officer!.court)
    .slice(0, limit)
    .map((a) => ({
      cursor: String(a.seq), bookingRef: a.bookingRef, idNumber: a.idNumber, mode: a.booking.mode, kind: a.kind!,
      ...('trainNo' in a.booking ? { trainNo: a.booking.trainNo } : {}), ...('flightNo' in a.booking && a.booking.flightNo ? { flightNo: a.booking.flightNo } : {}),
      ...('seat' in a.booking && a.booking.seat ? { seat: a.booking.seat } : {}), ...('stars' in a.booking ? { stars: a.booking.stars } : {}),
      caseNumber: a.restriction!.caseNumber, restrictionRef: a.restriction!.restrictionRef, clientRequestId: a.restriction!.clientRequestId, at: a.at,
    }));
  const send = () => sendJson(res, 200, { items, next: items.length ? items[items.length - 1]!.cursor : after });
  if (!st.dice.roll(k.timeoutRate, CREDIT_CHANNEL, 'ticketing', Date.now(), 'timeout')) return send();
  const t = setTimeout(() => {
    st.held.delete(t);
    send();
  }, k.hangMs);
  st.held.add(t);
}

/** Answers the ticketing routes; false when the path is not one of them. */
export function handleTicketing(req: IncomingMessage, res: ServerResponse, url: URL, body: string, st: SandboxState): boolean {
  const path = url.pathname;
  const method = req.method ?? 'GET';
  if (path === '/gw/v1/ticketing/breaches' && method === 'GET') return (breaches(req, res, url, st), true);
  if (path !== '/sandbox/v1/ticketing/bookings') return false;
  if (!isLoopback(req)) return (sendError(res, 403, 'FORBIDDEN', 'the sandbox admin answers loopback only'), true);
  if (method === 'POST') return (attempt(res, body, st), true);
  if (method === 'GET') return (sendJson(res, 200, { items: ticketingOf(st).attempts }), true);
  sendError(res, 404, 'NOT_FOUND', `no route ${method} ${path}`);
  return true;
}
