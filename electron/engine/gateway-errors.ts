/**
 * What can go wrong talking to the gateway, as typed errors the engine can act on. The split that
 * matters most (docs/domain.md rule 7): "unreachable" means the request never left this machine (the
 * network is down: wait and send it later), while "no answer" means it may have arrived (ask about
 * the same request id before doing anything else). Messages carry codes only, never the body.
 */

/** Protocol error codes (docs/gateway-protocol.md, "Errors"). */
export const GATEWAY_ERROR_CODES = [
  'BAD_REQUEST', 'BAD_SIGNATURE', 'CLOCK_SKEW', 'OFFICER_NOT_REGISTERED', 'NOT_FOUND',
  'IDEMPOTENCY_CONFLICT', 'CHANNEL_REFUSES', 'RATE_LIMITED', 'GW_BUSY',
  // an audit checkpoint below the last one, or with another head for a sequence number already acknowledged
  'CHECKPOINT_REFUSED',
] as const;
export type GatewayErrorCode = (typeof GATEWAY_ERROR_CODES)[number];

export function isGatewayErrorCode(s: string): s is GatewayErrorCode {
  return (GATEWAY_ERROR_CODES as readonly string[]).includes(s);
}

export type GatewayFailure = GatewayHttpError | GatewayUnreachable | GatewayNoAnswer | GatewayGarbage;

/** The gateway answered with an error envelope `{"error":{"code","message"}}`. */
export class GatewayHttpError extends Error {
  readonly kind = 'http' as const;
  constructor(
    readonly httpStatus: number,
    /** the protocol code, or 'UNKNOWN' when the gateway sent one this client does not know */
    readonly code: GatewayErrorCode | 'UNKNOWN',
    /** the code exactly as the gateway sent it */
    readonly gatewayCode: string,
    /** the gateway's own message (names the field, not its value) */
    readonly gatewayMessage: string,
    /** for 429: how long the gateway asked us to wait */
    readonly retryAfterMs?: number,
  ) {
    super(`gateway answered ${httpStatus} ${gatewayCode}`);
    this.name = 'GatewayHttpError';
  }

  /** 429 and 5xx: the gateway did not take the request and says to come back later. */
  get transient(): boolean {
    return this.httpStatus === 429 || this.httpStatus >= 500;
  }
}

/** The request did not leave this machine: connection refused, no route, name not resolved. */
export class GatewayUnreachable extends Error {
  readonly kind = 'unreachable' as const;
  constructor(readonly errno: string, cause?: unknown) {
    super(`gateway unreachable (${errno})`, { cause });
    this.name = 'GatewayUnreachable';
  }
}

/**
 * The gateway's certificate could not be verified (unknown or wrong CA, expired, wrong name): the
 * TLS handshake failed before a byte of the request was written, so it is "never sent" like any
 * unreachable gateway, but it is no network outage and waiting will not cure it.
 */
export class GatewayCertificate extends GatewayUnreachable {
  readonly certificate = true as const;
  constructor(errno: string, cause?: unknown) {
    super(errno, cause);
    this.name = 'GatewayCertificate';
    this.message = `gateway certificate not verified (${errno})`;
  }
}

/** OpenSSL's and Node's codes for a certificate that failed verification. */
const CERTIFICATE_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID',
  'CERT_REVOKED', 'CERT_UNTRUSTED', 'CERT_REJECTED', 'CERT_SIGNATURE_FAILURE', 'INVALID_CA',
  'ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH', 'INVALID_PURPOSE', 'PATH_LENGTH_EXCEEDED',
]);

export function isCertificateCode(code: string | undefined): boolean {
  return code !== undefined && CERTIFICATE_CODES.has(code);
}

/** The request may have arrived but no answer came back: timeout, reset, socket hang-up. */
export class GatewayNoAnswer extends Error {
  readonly kind = 'no_answer' as const;
  constructor(readonly reason: 'timeout' | 'reset', readonly errno = '', cause?: unknown) {
    super(`no answer from the gateway (${reason}${errno ? ` ${errno}` : ''})`, { cause });
    this.name = 'GatewayNoAnswer';
  }
}

/** The gateway answered with something that is not JSON or not the protocol's envelope. */
export class GatewayGarbage extends Error {
  readonly kind = 'garbage' as const;
  constructor(readonly httpStatus: number, readonly what: string) {
    super(`unreadable gateway answer (${httpStatus}: ${what})`);
    this.name = 'GatewayGarbage';
  }
}

export function isGatewayFailure(e: unknown): e is GatewayFailure {
  return e instanceof GatewayHttpError || e instanceof GatewayUnreachable || e instanceof GatewayNoAnswer || e instanceof GatewayGarbage;
}

/** Socket errors that happen before a request is written: it cannot have arrived. */
const NEVER_SENT = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EHOSTDOWN',
  'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * Sorts a transport error (fetch's TypeError with a `cause` chain, or an AggregateError from a
 * dual-stack connect) into unreachable or no answer. Anything not known to be "never sent" is
 * treated as "may have arrived": the safe side for rule 7.
 */
export function classifyTransportError(e: unknown): GatewayUnreachable | GatewayNoAnswer {
  const codes = errorCodes(e);
  const cert = codes.find(isCertificateCode);
  if (cert) return new GatewayCertificate(cert, e);
  const never = codes.find((c) => NEVER_SENT.has(c));
  if (never && codes.every((c) => NEVER_SENT.has(c))) return new GatewayUnreachable(never, e);
  return new GatewayNoAnswer('reset', codes[0] ?? '', e);
}

function errorCodes(e: unknown, depth = 0, out: string[] = []): string[] {
  if (depth > 6 || e === null || typeof e !== 'object') return out;
  const o = e as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof o.code === 'string') out.push(o.code);
  if (Array.isArray(o.errors)) for (const x of o.errors) errorCodes(x, depth + 1, out);
  if (o.cause !== undefined) errorCodes(o.cause, depth + 1, out);
  return out;
}
