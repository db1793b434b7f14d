/**
 * Signed-request check for /gw/ and /court/ endpoints (docs/gateway-protocol.md,
 * "Authentication"): HMAC signature, clock skew, nonce replay, then the officer register.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { verifySignature } from '../gateway/signing';
import { sendError } from './http-io';
import type { SandboxState } from './state';
import type { Officer } from '../../shared/domain/types';

export type AuthResult = { ok: true; officer?: Officer } | { ok: false };

/**
 * Verifies the signature and, when an officer header is present (or `officerRequired`), that the
 * officer is registered. Answers the error itself and returns ok:false on refusal.
 */
export function authenticate(req: IncomingMessage, res: ServerResponse, body: string, st: SandboxState, officerRequired: boolean): AuthResult {
  const v = verifySignature(
    { method: req.method ?? 'GET', path: req.url ?? '/', body, headers: req.headers },
    (id) => (id === st.station.id ? st.station.secret : undefined),
  );
  if (!v.ok) {
    if (v.code === 'CLOCK_SKEW') st.stats.refused.clockSkew += 1;
    else st.stats.refused.badSignature += 1;
    sendError(res, 401, v.code, v.message);
    return { ok: false };
  }
  const nonce = String(req.headers['x-ck-nonce']);
  if (!st.nonces.use(nonce, Date.now())) {
    st.stats.refused.badSignature += 1;
    sendError(res, 401, 'BAD_SIGNATURE', 'nonce already used');
    return { ok: false };
  }
  if (!v.officerCode) {
    if (!officerRequired) return { ok: true };
    st.stats.refused.officerNotRegistered += 1;
    sendError(res, 403, 'OFFICER_NOT_REGISTERED', 'X-CK-Officer is required');
    return { ok: false };
  }
  const officer = st.officers.get(v.officerCode);
  if (!officer) {
    st.stats.refused.officerNotRegistered += 1;
    sendError(res, 403, 'OFFICER_NOT_REGISTERED', `officer ${v.officerCode} is not in the credential register`);
    return { ok: false };
  }
  return { ok: true, officer };
}
