/** /court/v1/cases: the demo court's docket from its case-management system (signed). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from './auth';
import { sendError, sendJson } from './http-io';
import { DEMO_COURT } from './population/docket';
import type { SandboxState } from './state';

export function handleCases(req: IncomingMessage, res: ServerResponse, url: URL, st: SandboxState): void {
  const auth = authenticate(req, res, '', st, false);
  if (!auth.ok) return;
  const court = url.searchParams.get('court');
  if (!court) return sendError(res, 400, 'BAD_REQUEST', 'court: missing');
  const offset = Number(url.searchParams.get('offset') ?? '0');
  const limit = Number(url.searchParams.get('limit') ?? '100');
  if (!Number.isInteger(offset) || offset < 0) return sendError(res, 400, 'BAD_REQUEST', 'offset: must be a non-negative integer');
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) return sendError(res, 400, 'BAD_REQUEST', 'limit: must be an integer in 1–500');
  const docket = court === DEMO_COURT ? st.population.docket : [];
  sendJson(res, 200, { total: docket.length, items: docket.slice(offset, offset + limit) });
}
