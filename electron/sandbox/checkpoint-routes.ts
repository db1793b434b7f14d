/**
 * The gateway's signing key and its book of audit checkpoints (docs/gateway-protocol.md, "Audit
 * checkpoints"): GET /gw/v1/keys, POST and GET /gw/v1/audit/checkpoints. Signed by the station
 * like every /gw/ request; no officer is needed (the workstation anchors its chain at sign-out too).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CheckpointInput } from '../gateway/checkpoint-receipt';
import { authenticate } from './auth';
import { sendError, sendJson } from './http-io';
import type { SandboxState } from './state';

const STORE_ID = /^[A-Za-z0-9_-]{8,64}$/;
const HEAD = /^[0-9a-f]{64}$/;

/** The station a verified request came from (authenticate has checked the header's signature). */
const stationOf = (req: IncomingMessage) => String(req.headers['x-ck-station']);

function checkInput(raw: unknown): { ok: true; input: CheckpointInput } | { ok: false; message: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, message: 'body: must be an object' };
  const o = raw as Record<string, unknown>;
  if (typeof o.storeId !== 'string' || !STORE_ID.test(o.storeId)) return { ok: false, message: 'storeId: 8–64 characters of [A-Za-z0-9_-]' };
  if (typeof o.seq !== 'number' || !Number.isSafeInteger(o.seq) || o.seq < 1) return { ok: false, message: 'seq: a positive integer' };
  if (typeof o.head !== 'string' || !HEAD.test(o.head)) return { ok: false, message: 'head: 64 lower-case hex digits' };
  if (typeof o.at !== 'string' || o.at.length > 40 || Number.isNaN(Date.parse(o.at))) return { ok: false, message: 'at: an ISO-8601 instant' };
  return { ok: true, input: { storeId: o.storeId, seq: o.seq, head: o.head, at: o.at } };
}

export function handleKeys(req: IncomingMessage, res: ServerResponse, st: SandboxState): void {
  if (!authenticate(req, res, '', st, false).ok) return;
  sendJson(res, 200, { keys: [st.checkpoints.key] });
}

export function handlePostCheckpoint(req: IncomingMessage, res: ServerResponse, body: string, st: SandboxState): void {
  if (!authenticate(req, res, body, st, false).ok) return;
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return sendError(res, 400, 'BAD_REQUEST', 'body: not valid JSON');
  }
  const check = checkInput(raw);
  if (!check.ok) return sendError(res, 400, 'BAD_REQUEST', check.message);
  const r = st.checkpoints.accept(stationOf(req), check.input, new Date());
  if (r.ok) return sendJson(res, r.created ? 201 : 200, r.signed);
  if (r.reason === 'OTHER_STATION') return sendError(res, 403, 'FORBIDDEN', r.message);
  sendJson(res, 409, { error: { code: 'CHECKPOINT_REFUSED', message: r.message, reason: r.reason, ...(r.last ? { last: r.last } : {}) } });
}

export function handleListCheckpoints(req: IncomingMessage, res: ServerResponse, url: URL, st: SandboxState): void {
  if (!authenticate(req, res, '', st, false).ok) return;
  const storeId = url.searchParams.get('storeId') ?? '';
  if (!STORE_ID.test(storeId)) return sendError(res, 400, 'BAD_REQUEST', 'storeId: 8–64 characters of [A-Za-z0-9_-]');
  const list = st.checkpoints.list(storeId, stationOf(req));
  if (!list) return sendError(res, 403, 'FORBIDDEN', `store ${storeId} is anchored by another station`);
  sendJson(res, 200, { storeId, checkpoints: list });
}
