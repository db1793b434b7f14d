/**
 * The banks' push of money arriving (docs/gateway-protocol.md, "Inflows"), and the trainer's desk
 * for it. Signed, for the station and an officer of the court:
 *   POST /gw/v1/inflows/watch — watch known accounts of a debtor of one of the court's cases (the
 *     purpose is checked: only a debtor of that case, as for a query);
 *   GET  /gw/v1/inflows?after=&limit= — what arrived, by cursor, in accounts the court watches or
 *     holds a freeze on.
 * Loopback only, unsigned (tests and trainers): POST /sandbox/v1/inflows plans an arrival
 * ({channel, owner, assetIdentifier, amount, inDays?}), GET lists every arrival, PUT
 * /sandbox/v1/inflows/rate sets the seeded arrivals' chance per account and day.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { addDays } from '../../shared/dates';
import { CHANNEL_IDS, type ChannelId } from '../../shared/domain/channels';
import { inflowWatchSchema } from '../gateway/inflow-wire';
import { authenticate } from './auth';
import { isLoopback, sendError, sendJson } from './http-io';
import type { SandboxState } from './state';

function json(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** Answers the inflow routes; false when the path is not one of them. */
export function handleInflows(req: IncomingMessage, res: ServerResponse, url: URL, body: string, st: SandboxState): boolean {
  const path = url.pathname;
  const method = req.method ?? 'GET';
  if (path === '/gw/v1/inflows' && method === 'GET') return (feed(req, res, url, st), true);
  if (path === '/gw/v1/inflows/watch' && method === 'POST') return (watch(req, res, body, st), true);
  if (!path.startsWith('/sandbox/v1/inflows')) return false;
  if (!isLoopback(req)) return (sendError(res, 403, 'FORBIDDEN', 'the sandbox admin answers loopback only'), true);
  if (path === '/sandbox/v1/inflows' && method === 'GET') return (sendJson(res, 200, { rate: st.inflows.rate, items: st.inflows.all() }), true);
  if (path === '/sandbox/v1/inflows' && method === 'POST') return (plan(res, body, st), true);
  if (path === '/sandbox/v1/inflows/rate' && method === 'PUT') {
    const rate = (json(body) as { rate?: unknown } | undefined)?.rate;
    if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) return (sendError(res, 400, 'BAD_REQUEST', 'rate: a number in 0–1'), true);
    st.inflows.rate = rate;
    return (sendJson(res, 200, { rate }), true);
  }
  sendError(res, 404, 'NOT_FOUND', `no route ${method} ${path}`);
  return true;
}

function feed(req: IncomingMessage, res: ServerResponse, url: URL, st: SandboxState): void {
  const auth = authenticate(req, res, '', st, true);
  if (!auth.ok) return;
  const after = url.searchParams.get('after') ?? '';
  if (after !== '' && !/^\d{1,12}$/.test(after)) return sendError(res, 400, 'BAD_REQUEST', 'after: not a cursor from this feed');
  const limit = Number(url.searchParams.get('limit') ?? '100');
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) return sendError(res, 400, 'BAD_REQUEST', 'limit: must be an integer in 1–500');
  const items = st.inflows.feed(auth.officer!.court, after === '' ? 0 : Number(after), limit).map((e) => ({
    cursor: String(e.seq), ref: e.ref, channel: e.channel, owner: e.owner, assetIdentifier: e.assetIdentifier,
    amount: e.amount, balanceAfter: e.balanceAfter, at: new Date(e.at).toISOString(),
  }));
  sendJson(res, 200, { items, next: items.length ? items[items.length - 1]!.cursor : after });
}

function watch(req: IncomingMessage, res: ServerResponse, body: string, st: SandboxState): void {
  const auth = authenticate(req, res, body, st, true);
  if (!auth.ok) return;
  const parsed = inflowWatchSchema.safeParse(json(body));
  if (!parsed.success) return sendError(res, 400, 'BAD_REQUEST', `body: ${parsed.error.issues[0]?.path.join('.') || 'not a watch'}`);
  const w = parsed.data;
  const c = st.court.find(w.caseNumber);
  if (!c || !w.caseNumber.includes(auth.officer!.court)) return sendError(res, 403, 'PURPOSE_REFUSED', 'the case is not one of this court’s');
  // only a debtor of that case may be watched (网络查询规定 第七条: query data serves only its case)
  const other = w.accounts.find((a) => !st.court.isDebtor(c, a.owner) || !(CHANNEL_IDS as readonly string[]).includes(a.channel));
  if (other) return sendError(res, 403, 'PURPOSE_REFUSED', 'an account named is not a debtor’s of that case');
  const watching = st.inflows.watch(auth.officer!.court, w.accounts.map((a) => ({ ...a, channel: a.channel as ChannelId })));
  sendJson(res, 200, { watching });
}

function plan(res: ServerResponse, body: string, st: SandboxState): void {
  const b = json(body) as { channel?: unknown; owner?: unknown; assetIdentifier?: unknown; amount?: unknown; inDays?: unknown } | undefined;
  if (!b || typeof b.channel !== 'string' || !(CHANNEL_IDS as readonly string[]).includes(b.channel)) return sendError(res, 400, 'BAD_REQUEST', 'channel: a channel id');
  if (typeof b.owner !== 'string' || typeof b.assetIdentifier !== 'string') return sendError(res, 400, 'BAD_REQUEST', 'owner, assetIdentifier: strings');
  if (typeof b.amount !== 'number' || !Number.isSafeInteger(b.amount) || b.amount <= 0) return sendError(res, 400, 'BAD_REQUEST', 'amount: whole fen above zero');
  const inDays = b.inDays ?? 0;
  if (typeof inDays !== 'number' || !Number.isInteger(inDays) || inDays < 0 || inDays > 3_650) return sendError(res, 400, 'BAD_REQUEST', 'inDays: an integer in 0–3650');
  try {
    const e = st.inflows.plan({ day: addDays(st.clock.today(), inDays), channel: b.channel as ChannelId, owner: b.owner.toUpperCase(), assetIdentifier: b.assetIdentifier, amount: b.amount });
    sendJson(res, 200, e ? { arrived: e } : { planned: true, day: addDays(st.clock.today(), inDays) });
  } catch {
    sendError(res, 404, 'NOT_FOUND', 'no such account in the ledger');
  }
}
