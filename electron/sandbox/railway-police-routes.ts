/**
 * The railway police's desk for 协助临时控制 (docs/gateway-protocol.md, "Railway police"):
 *   POST /gw/v1/railway-police/controls      (signed, the 承办人) a request to hold a debtor seen
 *     travelling, with the 协助临时控制通知书 and the judge's decision signature over the request;
 *   GET  /gw/v1/railway-police/controls/{id} (signed) where it stands: accepted → controlled / not_found.
 * Refused: an unknown case or a subject not its debtor (PURPOSE_REFUSED), an officer who is not the
 * case's judge (NOT_AUTHORISED), a missing or forged signature (SIGNATURE_INVALID), a sighting of the
 * feed that is not of him (PURPOSE_REFUSED). The same id is one request (200 with the first); the same
 * id with another body is IDEMPOTENCY_CONFLICT. Faults: the global errorRate (503 before acting)
 * and lostAnswerRate (acted, no answer) of PUT /sandbox/v1/knobs.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { controlBodySchema, controlSignedText } from '../gateway/control-wire';
import { authenticate } from './auth';
import { validSignature } from './gateway-authority';
import { jsonObject, sendError, sendJson } from './http-io';
import { keyedDraw } from './prng';
import type { SandboxState } from './state';
import { whereaboutsOf, type ControlRequest } from './whereabouts-feed';
import { controlPurpose } from './whereabouts-routes';

/** how long the police take to answer at latency scale 1 */
const POLICE_ANSWER_MS = 60_000;

const view = (c: ControlRequest) => ({
  id: c.id, caseNumber: c.caseNumber, state: c.state, acceptedAt: new Date(c.acceptedAt).toISOString(), ...(c.station ? { station: c.station } : {}),
});

function submit(req: IncomingMessage, res: ServerResponse, body: string, st: SandboxState): void {
  const auth = authenticate(req, res, body, st, true);
  if (!auth.ok) return;
  const parsed = controlBodySchema.safeParse(jsonObject(body));
  if (!parsed.success) return sendError(res, 400, 'BAD_REQUEST', `${parsed.error.issues[0]?.path.join('.') || 'body'}: ${parsed.error.issues[0]?.message}`);
  const b = parsed.data;
  const book = whereaboutsOf(st);
  const known = book.controls.get(b.clientRequestId);
  if (known) {
    if (known.sightingRef !== b.sightingRef || known.caseNumber !== b.caseNumber) return sendError(res, 409, 'IDEMPOTENCY_CONFLICT', 'clientRequestId: already used for another request');
    return sendJson(res, 200, view(book.settle(known)));
  }
  const idNumber = b.idNumber.toUpperCase();
  const p = controlPurpose(st, auth.officer!, b.caseNumber, idNumber);
  if ('status' in p) return sendError(res, p.status, p.code, p.message);
  const decision = b.signatures.find((s) => s.role === 'decision' && s.officer === p.c.assignee);
  if (!validSignature(st, decision, controlSignedText(b))) {
    return sendError(res, 403, 'SIGNATURE_INVALID', `缺少承办法官 ${p.c.assignee} 以备案密钥作出的有效决定签名 / signatures: no valid decision signature of the case's judge over this request`);
  }
  // a sighting of the feed must be of this debtor; a restricted debtor's booking is named by the court's own reference
  const sighting = book.events.find((e) => e.ref === b.sightingRef);
  if (sighting && (sighting.idNumber !== idNumber || sighting.caseNumber !== p.c.number)) return sendError(res, 403, 'PURPOSE_REFUSED', 'sightingRef: a sighting of another subject or case');
  if (keyedDraw(st.seed, 'railway.police', b.clientRequestId, 'error') < st.knobs.errorRate) return sendError(res, 503, 'GW_BUSY', 'the railway police desk is busy');
  const c: ControlRequest = {
    id: b.clientRequestId, court: st.court.court, caseNumber: p.c.number, idNumber, sightingRef: b.sightingRef, officer: auth.officer!.code,
    state: 'accepted', acceptedAt: st.clock.now(), settlesAt: Date.now() + POLICE_ANSWER_MS * st.knobs.latencyScale,
  };
  book.controls.set(c.id, c);
  if (keyedDraw(st.seed, 'railway.police', b.clientRequestId, 'lost') < st.knobs.lostAnswerRate) return void res.socket?.destroy();
  sendJson(res, 201, view(c));
}

/** Answers the railway police routes; false when the path is not one of them. */
export function handleRailwayPoliceRoutes(req: IncomingMessage, res: ServerResponse, url: URL, body: string, st: SandboxState): boolean {
  const path = url.pathname;
  if (path === '/gw/v1/railway-police/controls' && req.method === 'POST') return (submit(req, res, body, st), true);
  const m = /^\/gw\/v1\/railway-police\/controls\/([^/]+)$/.exec(path);
  if (!m || req.method !== 'GET') return false;
  const auth = authenticate(req, res, '', st, true);
  if (!auth.ok) return true;
  const c = whereaboutsOf(st).controls.get(decodeURIComponent(m[1]!));
  if (!c || c.court !== auth.officer!.court) return (sendError(res, 404, 'NOT_FOUND', 'no such control request'), true);
  sendJson(res, 200, view(whereaboutsOf(st).settle(c)));
  return true;
}
