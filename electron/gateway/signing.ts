/**
 * Request signing for the gateway protocol (docs/gateway-protocol.md, "Authentication"):
 * HMAC-SHA256 with the station secret over METHOD, PATH, TIMESTAMP, NONCE, the station and officer
 * headers and the body's SHA-256. The two headers are signed because the gateway acts on them: an
 * officer code swapped on the wire would otherwise put another officer's name to the act.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const MAX_CLOCK_SKEW_MS = 300_000;

export interface SignInput {
  method: string;
  /** path with query string, e.g. /gw/v1/requests/abc */
  path: string;
  body: string;
  stationId: string;
  stationSecret: string;
  officerCode?: string;
  now?: Date;
  nonce?: string;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

interface Signed {
  method: string;
  path: string;
  timestamp: string;
  nonce: string;
  stationId: string;
  /** empty when the request carries no X-CK-Officer: adding one later breaks the signature too */
  officerCode: string;
  body: string;
}

function canonical(s: Signed): string {
  return [s.method.toUpperCase(), s.path, s.timestamp, s.nonce, s.stationId, s.officerCode, sha256Hex(s.body)].join('\n');
}

export function signRequest(i: SignInput): Record<string, string> {
  const timestamp = (i.now ?? new Date()).toISOString();
  const nonce = i.nonce ?? randomBytes(12).toString('hex');
  const signed = canonical({ method: i.method, path: i.path, timestamp, nonce, stationId: i.stationId, officerCode: i.officerCode ?? '', body: i.body });
  const signature = createHmac('sha256', i.stationSecret).update(signed).digest('hex');
  const h: Record<string, string> = {
    'x-ck-station': i.stationId,
    'x-ck-timestamp': timestamp,
    'x-ck-nonce': nonce,
    'x-ck-signature': signature,
  };
  if (i.officerCode) h['x-ck-officer'] = i.officerCode;
  return h;
}

export type VerifyResult = { ok: true; stationId: string; officerCode?: string } | { ok: false; code: 'BAD_SIGNATURE' | 'CLOCK_SKEW'; message: string };

/** Verifies headers (lower-case names) of a received request. `secretFor` looks up a station's secret. */
export function verifySignature(
  req: { method: string; path: string; body: string; headers: Record<string, string | string[] | undefined> },
  secretFor: (stationId: string) => string | undefined,
  now: Date = new Date(),
): VerifyResult {
  const h = (k: string) => {
    const v = req.headers[k];
    return Array.isArray(v) ? v[0] : v;
  };
  const stationId = h('x-ck-station');
  const timestamp = h('x-ck-timestamp');
  const nonce = h('x-ck-nonce');
  const signature = h('x-ck-signature');
  if (!stationId || !timestamp || !nonce || !signature) return { ok: false, code: 'BAD_SIGNATURE', message: 'missing signature headers' };
  const secret = secretFor(stationId);
  if (!secret) return { ok: false, code: 'BAD_SIGNATURE', message: 'unknown station' };
  const t = Date.parse(timestamp);
  if (Number.isNaN(t) || Math.abs(now.getTime() - t) > MAX_CLOCK_SKEW_MS) return { ok: false, code: 'CLOCK_SKEW', message: 'timestamp outside the allowed skew' };
  const officerCode = h('x-ck-officer');
  const signed = canonical({ method: req.method, path: req.path, timestamp, nonce, stationId, officerCode: officerCode ?? '', body: req.body });
  const expected = createHmac('sha256', secret).update(signed).digest();
  let given: Buffer;
  try {
    given = Buffer.from(signature, 'hex');
  } catch {
    return { ok: false, code: 'BAD_SIGNATURE', message: 'malformed signature' };
  }
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, code: 'BAD_SIGNATURE', message: 'signature does not match' };
  return officerCode ? { ok: true, stationId, officerCode } : { ok: true, stationId };
}
