/**
 * /sandbox/v1: unsigned, loopback only — for tests and trainers. Knobs, stats, the truth the
 * population holds about a subject (so a test can assert the app shows exactly that), the ledger
 * (an asset's balance, freezes and queue; the totals that prove money is conserved; the court
 * accounts' receipts) and the sandbox clock.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isLoopback, sendError, sendJson } from './http-io';
import { checkKnobPatch, mergeKnobs, type Knobs } from './knobs';
import type { SandboxState } from './state';

function parseJson(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

export function handleAdmin(req: IncomingMessage, res: ServerResponse, url: URL, body: string, st: SandboxState): void {
  const path = url.pathname;
  if (!isLoopback(req)) return sendError(res, 403, 'FORBIDDEN', 'the sandbox admin answers loopback only');
  if (path === '/sandbox/v1/knobs' && req.method === 'GET') return sendJson(res, 200, st.knobs);
  if (path === '/sandbox/v1/knobs' && req.method === 'PUT') {
    const patch = parseJson(body);
    if (!patch.ok) return sendError(res, 400, 'BAD_REQUEST', 'body: not valid JSON');
    const e = checkKnobPatch(patch.value);
    if (e) return sendError(res, 400, 'BAD_REQUEST', e);
    st.knobs = mergeKnobs(st.knobs, patch.value as Partial<Knobs>);
    return sendJson(res, 200, st.knobs);
  }
  if (path === '/sandbox/v1/stats' && req.method === 'GET') return sendJson(res, 200, st.stats.snapshot());
  const m = /^\/sandbox\/v1\/subjects\/([^/]+)$/.exec(path);
  if (m && req.method === 'GET') {
    const id = decodeURIComponent(m[1]!).toUpperCase();
    const s = st.population.byId.get(id);
    if (!s) return sendError(res, 404, 'NOT_FOUND', 'no such subject in the population');
    st.settleOwner(id);
    return sendJson(res, 200, s);
  }
  const l = /^\/sandbox\/v1\/ledger\/([^/]+)$/.exec(path);
  if (l && req.method === 'GET') {
    const identifier = decodeURIComponent(l[1]!);
    const owner = url.searchParams.get('owner');
    const channel = url.searchParams.get('channel');
    const keys = st.ledger.keysByIdentifier(identifier).filter((k) => {
      const v = st.ledger.view(k)!;
      return (!owner || v.owner === owner.toUpperCase()) && (!channel || v.channel === channel);
    });
    if (keys.length === 0) return sendError(res, 404, 'NOT_FOUND', 'no asset with that identifier in the ledger');
    if (keys.length > 1) return sendError(res, 400, 'BAD_REQUEST', 'several assets carry that identifier; add ?owner=<idNumber>');
    return sendJson(res, 200, st.ledger.view(keys[0]!));
  }
  if (path === '/sandbox/v1/ledger-totals' && req.method === 'GET') return sendJson(res, 200, st.ledger.totals());
  if (path === '/sandbox/v1/court-account' && req.method === 'GET') {
    const court = url.searchParams.get('court');
    return sendJson(res, 200, { accounts: st.ledger.courtAccounts().filter((a) => !court || a.court === court) });
  }
  if (path === '/sandbox/v1/clock' && req.method === 'GET') return sendJson(res, 200, st.clock.view());
  if (path === '/sandbox/v1/clock' && req.method === 'POST') {
    const b = parseJson(body);
    if (!b.ok) return sendError(res, 400, 'BAD_REQUEST', 'body: not valid JSON');
    const days = (b.value as { advanceDays?: unknown } | null)?.advanceDays;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 0 || days > 3_650) {
      return sendError(res, 400, 'BAD_REQUEST', 'advanceDays: must be an integer in 0–3650 (the clock never goes back)');
    }
    st.clock.advanceDays(days);
    // freezes that ended lapse now, and the population shows it; money due on the days passed arrives
    st.ledger.settleAll();
    st.inflows.catchUp();
    return sendJson(res, 200, st.clock.view());
  }
  sendError(res, 404, 'NOT_FOUND', `no route ${req.method} ${path}`);
}
