/**
 * The tax authority's desk for directed valuation inquiries (定向询价, docs/distribution.md;
 * 确定参考价规定 第五条: a property with a 计税基准价 is valued by asking the authority where it lies):
 *   POST /gw/v1/valuations      (signed) {clientRequestId, caseNumber, idNumber, unitNumber, location?, areaCentiM2?, usage?}
 *     → 201 {id, state: 'accepted'}; the same id is one request (200 with where it stands);
 *   GET  /gw/v1/valuations/{id} (signed) → accepted, then answered {referencePrice (fen), validUntil, authority}
 *     or refused {reason} once the authority's latency has passed.
 * The price is deterministic, from the property alone: its area times a price per m² drawn from its
 * 不动产单元号 (a commercial unit half again as much), so a test can predict it (valuationPrice).
 * Refused: an unknown case or a subject not its debtor (PURPOSE_REFUSED). Faults and pacing are the
 * tax channel's knobs: errorRate (503 before acting), lostAnswerRate (acted, no answer), rejectRate
 * (answered "no 计税基准价"), latencyScale over the tax channel's latency.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { addDays, todayCst } from '../../shared/dates';
import { valuationBodySchema, type ValuationBody } from '../gateway/valuation-wire';
import { authenticate } from './auth';
import { jsonObject, sendError, sendJson } from './http-io';
import { knobsFor } from './knobs';
import { latencyFor } from './latency';
import { keyedDraw } from './prng';
import type { SandboxState } from './state';

const CHANNEL = 'tax.sta' as const;
const PATH = '/gw/v1/valuations';
/** how long an answered price holds (a reference price's period of validity) */
const VALID_DAYS = 365;
const AUTHORITY = '国家税务总局贵阳市税务局';

interface Inquiry { id: string; court: string; body: ValuationBody; acceptedAt: number; settlesAt: number; refused: boolean; today: string }

const books = new WeakMap<SandboxState, Map<string, Inquiry>>();
const bookOf = (st: SandboxState) => books.get(st) ?? books.set(st, new Map()).get(st)!;

/** The reference price the authority gives a property, fen: area × a price per m² keyed by its unit number. */
export function valuationPrice(b: Pick<ValuationBody, 'unitNumber' | 'areaCentiM2' | 'usage'>): number {
  const perM2Yuan = 6_000 + Math.floor(keyedDraw(0, 'valuation', b.unitNumber) * 9_000);
  const factor = b.usage && /商业|商服|办公/.test(b.usage) ? 1.5 : 1;
  const area = b.areaCentiM2 ?? 9_000;
  return Math.round((area * perM2Yuan * factor * 100) / 100);
}

function view(q: Inquiry) {
  if (Date.now() < q.settlesAt) return { id: q.id, state: 'accepted' as const };
  if (q.refused) return { id: q.id, state: 'refused' as const, reason: '该不动产无计税基准价，请改用网络询价或委托评估' };
  return { id: q.id, state: 'answered' as const, referencePrice: valuationPrice(q.body), validUntil: addDays(q.today, VALID_DAYS), authority: AUTHORITY };
}

function submit(req: IncomingMessage, res: ServerResponse, body: string, st: SandboxState): void {
  const auth = authenticate(req, res, body, st, true);
  if (!auth.ok) return;
  const parsed = valuationBodySchema.safeParse(jsonObject(body));
  if (!parsed.success) return sendError(res, 400, 'BAD_REQUEST', `${parsed.error.issues[0]?.path.join('.') || 'body'}: ${parsed.error.issues[0]?.message}`);
  const b = parsed.data;
  const book = bookOf(st);
  const known = book.get(b.clientRequestId);
  if (known) {
    if (known.body.unitNumber !== b.unitNumber || known.body.caseNumber !== b.caseNumber) return sendError(res, 409, 'IDEMPOTENCY_CONFLICT', 'clientRequestId: already used for another request');
    return sendJson(res, 200, view(known));
  }
  const c = st.court.find(b.caseNumber);
  if (!c || st.court.court !== auth.officer!.court) return sendError(res, 403, 'PURPOSE_REFUSED', `案件 ${b.caseNumber} 不在本院案件管理系统中 / case ${b.caseNumber} is not known to the court's case-management system`);
  if (!st.court.isDebtor(c, b.idNumber.toUpperCase())) return sendError(res, 403, 'PURPOSE_REFUSED', '对象不是本案被执行人 / the subject is not a debtor of this case');
  const k = knobsFor(st.knobs, CHANNEL);
  if (st.dice.roll(k.errorRate, CHANNEL, b.clientRequestId, 'valuation', 'error')) return sendError(res, 503, 'GW_BUSY', 'the tax authority is busy');
  const now = Date.now();
  const q: Inquiry = {
    id: b.clientRequestId, court: auth.officer!.court, body: b, acceptedAt: now, today: todayCst(new Date(st.clock.now())),
    settlesAt: now + latencyFor(CHANNEL, st.dice.value(CHANNEL, b.clientRequestId, 'valuation-latency'), k.latencyScale),
    refused: st.dice.roll(k.rejectRate, CHANNEL, b.clientRequestId, 'valuation', 'reject'),
  };
  book.set(q.id, q);
  if (st.dice.roll(k.lostAnswerRate, CHANNEL, b.clientRequestId, 'valuation', 'lost')) return void res.socket?.destroy();
  sendJson(res, 201, view(q));
}

/** Answers the valuation routes; false when the path is not one of them. */
export function handleValuationRoutes(req: IncomingMessage, res: ServerResponse, url: URL, body: string, st: SandboxState): boolean {
  if (url.pathname === PATH && req.method === 'POST') return (submit(req, res, body, st), true);
  const m = /^\/gw\/v1\/valuations\/([^/]+)$/.exec(url.pathname);
  if (!m || req.method !== 'GET') return false;
  const auth = authenticate(req, res, '', st, true);
  if (!auth.ok) return true;
  const q = bookOf(st).get(decodeURIComponent(m[1]!));
  if (!q || q.court !== auth.officer!.court) return (sendError(res, 404, 'NOT_FOUND', 'no such valuation request'), true);
  sendJson(res, 200, view(q));
  return true;
}
