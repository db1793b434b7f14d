/** The sandbox's HTTP server: routes each request to its handler. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { handleAdmin } from './admin-routes';
import { handleDecideApproval, handleGetApproval, handleListApprovals, handleOfferApproval } from './approval-routes';
import { handleKeys, handleListCheckpoints, handlePostCheckpoint } from './checkpoint-routes';
import { handleCaseLookup, handleCases, handleFiling } from './court-routes';
import { handleCreditRecords } from './credit-routes';
import { handleFeedback } from './feed-routes';
import { handleTerminalRoutes } from './terminal-routes';
import { handleTicketing } from './ticketing-routes';
import { handleWhereaboutsRoutes } from './whereabouts-routes';
import { handleRailwayPoliceRoutes } from './railway-police-routes';
import { handleValuationRoutes } from './valuation-routes';
import { handleInflows } from './inflow-routes';
import { handleEnrol, handleOfficer, handleRegisterAdmin } from './register-routes';
import { handleCourtAccounts, handleHealth, handleOfficers, handleStatus, handleSubmit, render } from './gateway-routes';
import { BodyTooLarge, readBody, sendError } from './http-io';
import type { SandboxState } from './state';

async function route(req: IncomingMessage, res: ServerResponse, st: SandboxState): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox.local');
  const path = url.pathname;
  const method = req.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);
  if (path === '/gw/v1/health' && method === 'GET') return handleHealth(res);
  if (path === '/gw/v1/requests' && method === 'POST') return handleSubmit(req, res, body, st);
  const m = /^\/gw\/v1\/requests\/([^/]+)$/.exec(path);
  if (m && method === 'GET') return handleStatus(req, res, decodeURIComponent(m[1]!), st);
  if (path === '/gw/v1/feedback' && method === 'GET') return handleFeedback(req, res, url, st, (r) => render(st, r));
  if (path === '/credit/v1/records' && method === 'GET') return handleCreditRecords(req, res, url, st);
  if (path === '/gw/v1/officers' && method === 'GET') return handleOfficers(req, res, url, st);
  if (path === '/gw/v1/officers/enrol' && method === 'POST') return handleEnrol(req, res, body, st);
  const o = /^\/gw\/v1\/officers\/([^/]+)$/.exec(path);
  if (o && method === 'GET') return handleOfficer(req, res, decodeURIComponent(o[1]!), st);
  if (path === '/gw/v1/court-accounts' && method === 'GET') return handleCourtAccounts(req, res, url, st);
  if (path === '/court/v1/cases' && method === 'GET') return handleCases(req, res, url, st);
  if (path === '/gw/v1/approvals' && method === 'POST') return handleOfferApproval(req, res, body, st);
  if (path === '/gw/v1/approvals' && method === 'GET') return handleListApprovals(req, res, st);
  const ap = /^\/gw\/v1\/approvals\/([^/]+)(\/decision)?$/.exec(path);
  if (ap && method === 'GET' && !ap[2]) return handleGetApproval(req, res, decodeURIComponent(ap[1]!), st);
  if (ap && method === 'POST' && ap[2]) return handleDecideApproval(req, res, decodeURIComponent(ap[1]!), body, st);
  if (path === '/court/v1/cases/lookup' && method === 'GET') return handleCaseLookup(req, res, url, st);
  if (path === '/sandbox/v1/court/cases' && method === 'POST') return handleFiling(req, res, body, st);
  if (handleRegisterAdmin(req, res, path, body, st)) return;
  if (handleTerminalRoutes(req, res, url, body, st)) return;
  if (handleWhereaboutsRoutes(req, res, url, body, st)) return;
  if (handleRailwayPoliceRoutes(req, res, url, body, st)) return;
  if (handleValuationRoutes(req, res, url, body, st)) return;
  if (path === '/gw/v1/keys' && method === 'GET') return handleKeys(req, res, st);
  if (path === '/gw/v1/audit/checkpoints' && method === 'POST') return handlePostCheckpoint(req, res, body, st);
  if (path === '/gw/v1/audit/checkpoints' && method === 'GET') return handleListCheckpoints(req, res, url, st);
  if (handleInflows(req, res, url, body, st)) return;
  if (handleTicketing(req, res, url, body, st)) return;
  if (path.startsWith('/sandbox/v1/')) return handleAdmin(req, res, url, body, st);
  sendError(res, 404, 'NOT_FOUND', `no route ${method} ${path}`);
}

export function createSandboxServer(st: SandboxState): Server {
  return createServer((req, res) => {
    route(req, res, st).catch((e: unknown) => {
      if (e instanceof BodyTooLarge) return sendError(res, 400, 'BAD_REQUEST', 'body: larger than 1 MB');
      // no request content in the message: it may hold personal data
      sendError(res, 503, 'GW_BUSY', 'internal sandbox failure');
    });
  });
}
