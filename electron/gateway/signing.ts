/**
 * Request signing for the gateway protocol (docs/gateway-protocol.md, "Authentication"):
 * HMAC-SHA256 with the station secret over METHOD, PATH, TIMESTAMP, NONCE and the body's SHA-256.
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

function canonical(method: string, path: string, timestamp: string, nonce: string, body: string): string {
  return `${method.toUpperCase()}\n${path}\n${timestamp}\n${nonce}\n${sha256Hex(body)}`;
}

export function signRequest(i: SignInput): Record<string, string> {
  const timestamp = (i.now ?? new Date()).toISOString();
  const nonce = i.nonce ?? randomBytes(12).toString('hex');
  const signature = createHmac('sha256', i.stationSecret).update(canonical(i.method, i.path, timestamp, nonce, i.body)).digest('hex');
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
  const expected = createHmac('sha256', secret).update(canonical(req.method, req.path, timestamp, nonce, req.body)).digest();
  let given: Buffer;
  try {
    given = Buffer.from(signature, 'hex');
  } catch {
    return { ok: false, code: 'BAD_SIGNATURE', message: 'malformed signature' };
  }
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, code: 'BAD_SIGNATURE', message: 'signature does not match' };
  const officerCode = h('x-ck-officer');
  return officerCode ? { ok: true, stationId, officerCode } : { ok: true, stationId };
}
