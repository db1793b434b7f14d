/**
 * /court/v1: the court's case-management system (signed): its docket page by page, one case by
 * number (a filing entered by hand on a workstation is confirmed by it), and — for trainers and
 * tests, loopback only — the filing division filing a new case.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from './auth';
import { isLoopback, sendError, sendJson } from './http-io';
import type { DocketCase } from './population/types';
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
  const docket = st.court.casesOf(court);
  sendJson(res, 200, { total: docket.length, items: docket.slice(offset, offset + limit) });
}

/** GET /court/v1/cases/lookup?number=: one case as the system holds it, or 404. */
export function handleCaseLookup(req: IncomingMessage, res: ServerResponse, url: URL, st: SandboxState): void {
  const auth = authenticate(req, res, '', st, false);
  if (!auth.ok) return;
  const number = url.searchParams.get('number');
  if (!number) return sendError(res, 400, 'BAD_REQUEST', 'number: missing');
  const c = st.court.find(number);
  if (!c) return sendError(res, 404, 'NOT_FOUND', 'the case-management system holds no case with this number');
  sendJson(res, 200, c);
}

/** POST /sandbox/v1/court/cases: the filing division files a case (trainers and tests). */
export function handleFiling(req: IncomingMessage, res: ServerResponse, body: string, st: SandboxState): void {
  if (!isLoopback(req)) return sendError(res, 403, 'FORBIDDEN', 'the sandbox admin answers loopback only');
  let c: DocketCase;
  try {
    c = JSON.parse(body) as DocketCase;
  } catch {
    return sendError(res, 400, 'BAD_REQUEST', 'body: not valid JSON');
  }
  if (!c || typeof c !== 'object' || typeof c.number !== 'string' || !Array.isArray(c.debtors) || !c.applicant) {
    return sendError(res, 400, 'BAD_REQUEST', 'number, applicant, debtors, assignee, filedOn, cause, amountOwed and costs are required');
  }
  const why = st.court.file(c);
  if (why) return sendError(res, 400, 'BAD_REQUEST', why);
  sendJson(res, 201, st.court.find(c.number));
}
