/**
 * Whereabouts monitoring at the gateway (docs/gateway-protocol.md, "Whereabouts monitoring"):
 *   POST /gw/v1/whereabouts/subscriptions        (signed, the 承办人) monitor a debtor of the case, with the finding
 *   POST /gw/v1/whereabouts/subscriptions/cancel (signed, the 承办人) end it
 *   GET  /gw/v1/whereabouts/events?after=&limit= (signed) the court's sightings by cursor
 * Loopback only (tests and trainers): POST /sandbox/v1/whereabouts/sightings injects a sighting of a
 * monitored debtor ({idNumber, kind, caseNumber?}); PUT /sandbox/v1/whereabouts/rates sets the seeded
 * sightings' chance per day and the police's chance of not finding the debtor.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { permits } from '../../shared/authority/matrix';
import type { Officer } from '../../shared/domain/types';
import { subscribeBodySchema, unsubscribeBodySchema } from '../gateway/control-wire';
import { authenticate } from './auth';
import type { DocketCase } from './population/types';
import { isLoopback, jsonObject, sendError, sendJson } from './http-io';
import type { SandboxState } from './state';
import { SIGHTING_KINDS, whereaboutsOf, type SightingKind, type Subscription } from './whereabouts-feed';

type Refusal = { status: number; code: 'PURPOSE_REFUSED' | 'NOT_AUTHORISED'; message: string };

/** The case is the court's, the subject its debtor, the officer its 承办人 (docs/authority.md, "Where it is enforced"). */
export function controlPurpose(st: SandboxState, officer: Officer, caseNumber: string, idNumber: string): { c: DocketCase } | Refusal {
  const c = st.court.find(caseNumber);
  if (!c || st.court.court !== officer.court) return { status: 403, code: 'PURPOSE_REFUSED', message: `案件 ${caseNumber} 不在本院案件管理系统中 / case ${caseNumber} is not known to the court's case-management system` };
  if (!st.court.isDebtor(c, idNumber)) return { status: 403, code: 'PURPOSE_REFUSED', message: '对象不是本案被执行人 / the subject is not a debtor of this case' };
  if (!permits('whereabouts.control', officer.role, officer.code === c.assignee ? 'act' : 'read').ok) {
    return { status: 403, code: 'NOT_AUTHORISED', message: `干警 ${officer.code} 不是本案承办法官 / officer ${officer.code} (${officer.role}) may not whereabouts.control in case ${c.number} (承办人 ${c.assignee})` };
  }
  return { c };
}

const view = (s: Subscription) => ({
  id: s.id, caseNumber: s.caseNumber, since: new Date(s.since).toISOString(), ...(s.endedAt ? { endedAt: new Date(s.endedAt).toISOString() } : {}),
});

function subscribe(req: IncomingMessage, res: ServerResponse, body: string, st: SandboxState, cancel: boolean): void {
  const auth = authenticate(req, res, body, st, true);
  if (!auth.ok) return;
  const raw = jsonObject(body);
  // without the recorded finding no one is monitored (docs/domain.md rule 10)
  if (!cancel && raw && !raw.finding) return sendError(res, 403, 'PURPOSE_REFUSED', '布控须附承办法官对被执行人拒不履行并逃避或下落不明的认定 / monitoring needs finding {ground: evading|missing, recordedAt}');
  const parsed = (cancel ? unsubscribeBodySchema : subscribeBodySchema).safeParse(raw);
  if (!parsed.success) return sendError(res, 400, 'BAD_REQUEST', `${parsed.error.issues[0]?.path.join('.') || 'body'}: ${parsed.error.issues[0]?.message}`);
  const b = parsed.data;
  const idNumber = b.idNumber.toUpperCase();
  const p = controlPurpose(st, auth.officer!, b.caseNumber, idNumber);
  if ('status' in p) return sendError(res, p.status, p.code, p.message);
  const book = whereaboutsOf(st);
  if (cancel) {
    const sub = book.active(st.court.court, p.c.number, idNumber);
    if (!sub) return sendJson(res, 200, { ended: false });
    book.unsubscribe(sub);
    return sendJson(res, 200, { ended: true, ...view(sub) });
  }
  const { sub, created } = book.subscribe({ court: st.court.court, caseNumber: p.c.number, idNumber, officer: auth.officer!.code, finding: (b as unknown as { finding: Subscription["finding"] }).finding });
  sendJson(res, created ? 201 : 200, view(sub));
}

function feed(req: IncomingMessage, res: ServerResponse, url: URL, st: SandboxState): void {
  const auth = authenticate(req, res, '', st, true);
  if (!auth.ok) return;
  const after = url.searchParams.get('after') ?? '';
  if (after !== '' && !/^\d{1,16}$/.test(after)) return sendError(res, 400, 'BAD_REQUEST', 'after: not a cursor from this feed');
  const limit = Number(url.searchParams.get('limit') ?? '100');
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) return sendError(res, 400, 'BAD_REQUEST', 'limit: must be an integer in 1–500');
  const items = whereaboutsOf(st).feed(auth.officer!.court, after === '' ? 0 : Number(after), limit).map((e) => ({
    cursor: String(e.seq), ref: e.ref, caseNumber: e.caseNumber, idNumber: e.idNumber, kind: e.kind, source: e.source, place: e.place, detail: e.detail,
    at: new Date(e.at).toISOString(),
  }));
  sendJson(res, 200, { items, next: items.length ? items[items.length - 1]!.cursor : after });
}

function admin(req: IncomingMessage, res: ServerResponse, path: string, body: string, st: SandboxState): void {
  if (!isLoopback(req)) return sendError(res, 403, 'FORBIDDEN', 'the sandbox admin answers loopback only');
  const b = jsonObject(body) ?? {};
  const book = whereaboutsOf(st);
  if (path === '/sandbox/v1/whereabouts/rates' && req.method === 'PUT') {
    for (const k of ['rate', 'notFoundRate'] as const) {
      const v = b[k];
      if (v === undefined) continue;
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) return sendError(res, 400, 'BAD_REQUEST', `${k}: a number in 0–1`);
      book[k] = v;
    }
    return sendJson(res, 200, { rate: book.rate, notFoundRate: book.notFoundRate });
  }
  if (path === '/sandbox/v1/whereabouts/sightings' && req.method === 'POST') {
    const idNumber = typeof b.idNumber === 'string' ? b.idNumber.toUpperCase() : '';
    const kind = b.kind as SightingKind;
    if (!SIGHTING_KINDS.includes(kind)) return sendError(res, 400, 'BAD_REQUEST', `kind: one of ${SIGHTING_KINDS.join(', ')}`);
    const sub = [...book.subscriptions.values()].find((s) => !s.endedAt && s.idNumber === idNumber && (b.caseNumber === undefined || s.caseNumber === b.caseNumber));
    if (!sub) return sendError(res, 404, 'NOT_FOUND', 'no monitoring in force for this subject');
    book.seed();
    return sendJson(res, 201, book.add(sub, kind, typeof b.pick === 'number' ? b.pick : 0, st.clock.now()));
  }
  if (path === '/sandbox/v1/whereabouts' && req.method === 'GET') {
    return sendJson(res, 200, { subscriptions: [...book.subscriptions.values()].map(view), events: book.events, controls: [...book.controls.values()] });
  }
  sendError(res, 404, 'NOT_FOUND', `no route ${req.method} ${path}`);
}

/** Answers the whereabouts routes; false when the path is not one of them. */
export function handleWhereaboutsRoutes(req: IncomingMessage, res: ServerResponse, url: URL, body: string, st: SandboxState): boolean {
  const path = url.pathname;
  if (path === '/gw/v1/whereabouts/subscriptions' && req.method === 'POST') return (subscribe(req, res, body, st, false), true);
  if (path === '/gw/v1/whereabouts/subscriptions/cancel' && req.method === 'POST') return (subscribe(req, res, body, st, true), true);
  if (path === '/gw/v1/whereabouts/events' && req.method === 'GET') return (feed(req, res, url, st), true);
  if (path.startsWith('/sandbox/v1/whereabouts')) return (admin(req, res, path, body, st), true);
  return false;
}
