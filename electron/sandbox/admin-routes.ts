/**
 * /sandbox/v1: unsigned, loopback only — for tests and trainers. Knobs, stats, and the truth the
 * population holds about a subject (so a test can assert the app shows exactly that).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isLoopback, sendError, sendJson } from './http-io';
import { checkKnobPatch, mergeKnobs, type Knobs } from './knobs';
import type { SandboxState } from './state';

export function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string, body: string, st: SandboxState): void {
  if (!isLoopback(req)) return sendError(res, 403, 'FORBIDDEN', 'the sandbox admin answers loopback only');
  if (path === '/sandbox/v1/knobs' && req.method === 'GET') return sendJson(res, 200, st.knobs);
  if (path === '/sandbox/v1/knobs' && req.method === 'PUT') {
    let patch: unknown;
    try {
      patch = JSON.parse(body);
    } catch {
      return sendError(res, 400, 'BAD_REQUEST', 'body: not valid JSON');
    }
    const e = checkKnobPatch(patch);
    if (e) return sendError(res, 400, 'BAD_REQUEST', e);
    st.knobs = mergeKnobs(st.knobs, patch as Partial<Knobs>);
    return sendJson(res, 200, st.knobs);
  }
  if (path === '/sandbox/v1/stats' && req.method === 'GET') return sendJson(res, 200, st.stats.snapshot());
  const m = /^\/sandbox\/v1\/subjects\/([^/]+)$/.exec(path);
  if (m && req.method === 'GET') {
    const s = st.population.byId.get(decodeURIComponent(m[1]!).toUpperCase());
    if (!s) return sendError(res, 404, 'NOT_FOUND', 'no such subject in the population');
    return sendJson(res, 200, s);
  }
  sendError(res, 404, 'NOT_FOUND', `no route ${req.method} ${path}`);
}
