/**
 * The officer register's endpoints (docs/gateway-protocol.md, "Officer register"): enrolment of an
 * officer's signing key with his one-time code, and one officer's standing. Signed like every
 * gateway call; the admin side (the register desk: current codes, a new code, removal, demotion)
 * answers loopback only.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRole } from '../../shared/authority/roles';
import { authenticate } from './auth';
import { isLoopback, jsonObject as json, sendError, sendJson } from './http-io';
import type { SandboxState } from './state';

const REFUSALS = {
  unknown: 'the officer is not in the credential register',
  removed: 'the officer was removed from the credential register',
  code: 'the enrolment code is wrong, used or void; ask the register desk for a new one',
  key: 'signingPublicKey: must be an Ed25519 public key (SPKI DER, base64)',
} as const;

/** POST /gw/v1/officers/enrol: { officerCode, enrolmentCode, signingPublicKey } → { officer, keyId } */
export function handleEnrol(req: IncomingMessage, res: ServerResponse, body: string, st: SandboxState): void {
  const auth = authenticate(req, res, body, st, false);
  if (!auth.ok) return;
  const b = json(body);
  if (!b) return sendError(res, 400, 'BAD_REQUEST', 'body: not a JSON object');
  const { officerCode, enrolmentCode, signingPublicKey } = b;
  if (typeof officerCode !== 'string' || typeof enrolmentCode !== 'string' || typeof signingPublicKey !== 'string') {
    return sendError(res, 400, 'BAD_REQUEST', 'officerCode, enrolmentCode and signingPublicKey are required strings');
  }
  const r = st.officers.enrol(officerCode, enrolmentCode, signingPublicKey, st.station.id, new Date(st.clock.now()));
  if (!r.ok) {
    st.stats.refused.officerNotRegistered += 1;
    return sendError(res, r.reason === 'key' ? 400 : 403, r.reason === 'key' ? 'BAD_REQUEST' : 'ENROLMENT_REFUSED', REFUSALS[r.reason]);
  }
  sendJson(res, 200, { officer: r.officer, keyId: r.key.keyId, enrolledAt: r.key.enrolledAt });
}

/** GET /gw/v1/officers/{code}: standing, role, team and registered keys (public halves). */
export function handleOfficer(req: IncomingMessage, res: ServerResponse, code: string, st: SandboxState): void {
  const auth = authenticate(req, res, '', st, false);
  if (!auth.ok) return;
  const r = st.officers.record(code);
  if (!r) return sendError(res, 404, 'NOT_FOUND', `no officer ${code} in the credential register`);
  sendJson(res, 200, {
    code: r.code, name: r.name, court: r.court, role: r.role, ...(r.team ? { team: r.team } : {}), status: r.status,
    keys: r.keys.map((k) => ({ keyId: k.keyId, publicKey: k.publicKey, enrolledAt: k.enrolledAt, ...(k.revokedAt ? { revokedAt: k.revokedAt } : {}) })),
  });
}

/** /sandbox/v1/officers…: the register desk, for trainers and tests. */
export function handleRegisterAdmin(req: IncomingMessage, res: ServerResponse, path: string, body: string, st: SandboxState): boolean {
  if (!path.startsWith('/sandbox/v1/officers')) return false;
  if (!isLoopback(req)) {
    sendError(res, 403, 'FORBIDDEN', 'the sandbox admin answers loopback only');
    return true;
  }
  if (path === '/sandbox/v1/officers' && req.method === 'GET') {
    sendJson(res, 200, st.officers.officers.map((o) => ({ ...st.officers.record(o.code), enrolmentCode: st.officers.currentCode(o.code) ?? null })));
    return true;
  }
  const m = /^\/sandbox\/v1\/officers\/([^/]+)(\/enrolment-code)?$/.exec(path);
  if (!m || req.method !== 'POST') return false;
  const code = decodeURIComponent(m[1]!);
  if (!st.officers.record(code)) {
    sendError(res, 404, 'NOT_FOUND', `no officer ${code}`);
    return true;
  }
  if (m[2]) {
    sendJson(res, 200, { officerCode: code, enrolmentCode: st.officers.issueCode(code) ?? null });
    return true;
  }
  const b = json(body) ?? {};
  const status = b.status === 'active' || b.status === 'removed' ? b.status : undefined;
  const role = isRole(b.role) ? b.role : undefined;
  if (!status && !role) {
    sendError(res, 400, 'BAD_REQUEST', 'status (active|removed) or role expected');
    return true;
  }
  st.officers.update(code, { ...(status ? { status } : {}), ...(role ? { role } : {}) });
  sendJson(res, 200, st.officers.record(code));
  return true;
}
