/**
 * A small typed HTTP client for the gateway protocol (docs/gateway-protocol.md). Every call is
 * signed (station HMAC plus the acting officer's code), bounded by its own timeout, and its
 * answer is parsed strictly: anything that is not the protocol's JSON envelope is a
 * GatewayGarbage, never a half-trusted object. Transport failures (http-transport.ts) come out as
 * GatewayUnreachable (never sent) or GatewayNoAnswer (may have arrived), which the engine treats
 * differently (docs/domain.md rule 7).
 */
import { randomFillSync } from 'node:crypto';
import { z } from 'zod';
import type { CheckpointInput, GatewayKey, SignedReceipt } from '../gateway/checkpoint-receipt';
import { signRequest } from '../gateway/signing';
import { inflowPageSchema, inflowWatchAnswerSchema, type InflowPage, type InflowWatch } from '../gateway/inflow-wire';
import { breachPageSchema, type BreachPage } from '../gateway/ticketing-wire';
import type { MeasureSignature } from '../../shared/domain/measures';
import { GatewayGarbage, GatewayHttpError, isGatewayErrorCode } from './gateway-errors';
import { createHttpTransport, type HttpTransport } from './http-transport';
import {
  approvalItemSchema, approvalListSchema, creditRecordsSchema, type CreditRecords, type CreditSubmitBody, checkpointListSchema, courtAccountsAnswerSchema, courtCaseSchema, courtCasesAnswerSchema, courtEventAnswerSchema, type CourtTerminalBody, enrolAnswerSchema, errorEnvelopeSchema, feedbackPageSchema,
  gatewayKeysAnswerSchema, healthAnswerSchema, officerStandingSchema, officersAnswerSchema, signedReceiptSchema, statusAnswerSchema,
  submitAnswerSchema, type ApprovalItem, type CourtCase, type CourtCasesPage, type EnrolAnswer, type FeedbackPage, type HealthAnswer, type OfficerStanding,
  type RegisteredCourtAccount, type RegisteredOfficer, type StatusAnswer,
  type SubmitAnswer, type SubmitBody,
} from './gateway-wire';

export interface GatewayClientOptions {
  url: string;
  stationId: string;
  stationSecret: string;
  /** per-call timeout when the call does not give one */
  timeoutMs?: number;
  /** clock for signature timestamps and Retry-After dates */
  now?: () => Date;
  /** the HTTP layer; one with its own keep-alive sockets by default */
  transport?: HttpTransport;
  /** PEM of the gateway's CA, the only one trusted (gateway.json `caFile` / `ca`) */
  ca?: string;
}

export interface CallOptions {
  /** the acting officer (X-CK-Officer); omitted only where the protocol allows the station alone */
  officerCode?: string;
  timeoutMs?: number;
  /** cancels the call (engine stop); the call then rejects with the signal's reason */
  signal?: AbortSignal;
}

/** A parsed answer together with the exact text received, kept as evidence. */
export interface GatewayAnswer<T> {
  value: T;
  raw: string;
  httpStatus: number;
}

export interface GatewayClient {
  readonly url: string;
  /** POST /gw/v1/requests; `created` is false when the gateway already knew the id (200). */
  submit(body: SubmitBody, o: CallOptions & { officerCode: string }): Promise<GatewayAnswer<SubmitAnswer> & { created: boolean; sent: string }>;
  /** POST /gw/v1/requests with a credit platform exchange (docs/gateway-protocol.md, "Credit platform") */
  submitCredit?(body: CreditSubmitBody, o: CallOptions & { officerCode: string }): Promise<GatewayAnswer<SubmitAnswer> & { created: boolean; sent: string }>;
  /** GET /credit/v1/records?idNumber=: the credit platform's public query — listings and restrictions in force */
  creditRecords?(idNumber: string, o?: CallOptions): Promise<CreditRecords>;
  /** GET /gw/v1/requests/{id}; a 404 NOT_FOUND means the gateway never received the id. */
  status(clientRequestId: string, o: CallOptions & { officerCode: string }): Promise<GatewayAnswer<StatusAnswer>>;
  health(o?: CallOptions): Promise<HealthAnswer>;
  officers(court: string, o?: CallOptions): Promise<RegisteredOfficer[]>;
  courtCases(court: string, offset: number, limit: number, o?: CallOptions): Promise<CourtCasesPage>;
  /** POST /gw/v1/approvals: offers a signed deduction for a chief's or the director's approval */
  offerApproval(body: SubmitBody, o: CallOptions & { officerCode: string }): Promise<ApprovalItem>;
  /** GET /gw/v1/approvals: what waits for the signed-in chief or director */
  approvals(o: CallOptions & { officerCode: string }): Promise<ApprovalItem[]>;
  /** GET /gw/v1/approvals/{id}: one approval, undefined when the gateway holds none (404) */
  approval(id: string, o: CallOptions & { officerCode: string }): Promise<ApprovalItem | undefined>;
  /** POST /gw/v1/approvals/{id}/decision */
  decideApproval(id: string, d: { decision: 'approve' | 'refuse'; signature?: MeasureSignature; reason?: string }, o: CallOptions & { officerCode: string }): Promise<ApprovalItem>;
  /** GET /court/v1/cases/lookup?number=: one case, or undefined when the system holds no such number (404) */
  courtCase(number: string, o?: CallOptions): Promise<CourtCase | undefined>;
  /** POST /court/v1/cases/terminal: the case-management system records the approved 终本 (docs/gateway-protocol.md, "Court case events") */
  courtTerminal?(t: CourtTerminalBody, o: CallOptions & { officerCode: string }): Promise<{ seq: number; number: string }>;
  /** POST /court/v1/cases/resume: the system files the 执恢 case of a 终本 case (once per case) and answers it */
  courtResume?(r: { number: string; amountOwed: number }, o: CallOptions & { officerCode: string }): Promise<CourtCase>;
  /** POST /gw/v1/officers/enrol: registers an officer's signing key with his one-time enrolment code */
  enrol(e: { officerCode: string; enrolmentCode: string; signingPublicKey: string }, o?: CallOptions): Promise<EnrolAnswer>;
  /** GET /gw/v1/officers/{code}: his standing, role and keys (re-checked at sign-in) */
  officer(code: string, o?: CallOptions): Promise<OfficerStanding>;
  /** GET /gw/v1/court-accounts: the receiving accounts registered for the court */
  courtAccounts(court: string, o?: CallOptions): Promise<RegisteredCourtAccount[]>;
  /** GET /gw/v1/feedback after a cursor ('' = from the start): answers as delivered, where the gateway offers a feed */
  feedback?(after: string, limit: number, o?: CallOptions): Promise<GatewayAnswer<FeedbackPage>>;
  /** GET /gw/v1/inflows: money credited to accounts the court watches or froze, by cursor (where the gateway offers it) */
  inflows?(after: string, limit: number, o: CallOptions & { officerCode: string }): Promise<InflowPage>;
  /** POST /gw/v1/inflows/watch: the court watches a case's known accounts for money arriving */
  watchInflows?(w: InflowWatch, o: CallOptions & { officerCode: string }): Promise<{ watching: number }>;
  /** GET /gw/v1/ticketing/breaches: bookings refused under the court's consumption restrictions, by cursor (where the gateway offers it) */
  ticketingBreaches?(after: string, limit: number, o: CallOptions & { officerCode: string }): Promise<BreachPage>;
  /** GET /gw/v1/keys: the keys that sign audit checkpoint receipts, where the gateway keeps checkpoints */
  gatewayKeys?(o?: CallOptions): Promise<GatewayKey[]>;
  /** POST /gw/v1/audit/checkpoints: the gateway's signed receipt; 409 CHECKPOINT_REFUSED for a rewritten chain */
  postCheckpoint?(c: CheckpointInput, o?: CallOptions): Promise<SignedReceipt>;
  /** GET /gw/v1/audit/checkpoints: every checkpoint the gateway holds for the store */
  checkpoints?(storeId: string, o?: CallOptions): Promise<SignedReceipt[]>;
  /** a signed call whose answer the caller parses (whereabouts monitoring and the railway police: electron/gateway/control-wire.ts) */
  signedJson?(method: 'GET' | 'POST', pathAndQuery: string, body: string | undefined, o: CallOptions & { officerCode: string }): Promise<GatewayAnswer<unknown>>;
  /** closes idle keep-alive sockets (engine stop) */
  close(): void;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
/** when a 429 carries no usable Retry-After */
const DEFAULT_RETRY_AFTER_MS = 1_000;

/**
 * Nonces (never reused within the skew window, protocol "Authentication") drawn from a pool of
 * random bytes refilled 4 KiB at a time, rather than a system call per request.
 */
const noncePool = { buf: Buffer.alloc(4096), at: 4096 };
function nextNonce(): string {
  if (noncePool.at + 12 > noncePool.buf.length) {
    randomFillSync(noncePool.buf);
    noncePool.at = 0;
  }
  const n = noncePool.buf.toString('hex', noncePool.at, noncePool.at + 12);
  noncePool.at += 12;
  return n;
}

export function createGatewayClient(opts: GatewayClientOptions): GatewayClient {
  const base = new URL(opts.url);
  const now = opts.now ?? (() => new Date());
  const defaultTimeout = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const transport = opts.transport ?? createHttpTransport(opts.ca ? { ca: opts.ca } : {});

  async function call<T>(
    method: 'GET' | 'POST',
    pathAndQuery: string,
    body: string | undefined,
    schema: z.ZodType<T>,
    o: CallOptions,
  ): Promise<GatewayAnswer<T>> {
    const url = new URL(pathAndQuery.replace(/^\//, ''), base.href.endsWith('/') ? base.href : `${base.href}/`);
    // The signature covers the path exactly as it goes on the wire (percent-encoded).
    const wirePath = url.pathname + url.search;
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...signRequest({
        method, path: wirePath, body: body ?? '', stationId: opts.stationId, stationSecret: opts.stationSecret,
        ...(o.officerCode ? { officerCode: o.officerCode } : {}), now: now(), nonce: nextNonce(),
      }),
    };
    if (body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';

    const answer = await transport.send({
      method, url, headers, ...(body !== undefined ? { body } : {}),
      timeoutMs: o.timeoutMs ?? defaultTimeout, ...(o.signal ? { signal: o.signal } : {}),
    });
    const status = answer.status;
    const raw = answer.text;
    const retryAfterHeader = answer.headers['retry-after'];
    const retryAfter = Array.isArray(retryAfterHeader) ? (retryAfterHeader[0] ?? null) : (retryAfterHeader ?? null);

    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new GatewayGarbage(status, 'not JSON');
    }
    if (status < 200 || status >= 300) {
      const env = errorEnvelopeSchema.safeParse(json);
      if (!env.success) throw new GatewayGarbage(status, 'not an error envelope');
      const { code, message } = env.data.error;
      throw new GatewayHttpError(
        status, isGatewayErrorCode(code) ? code : 'UNKNOWN', code, message,
        status === 429 ? parseRetryAfter(retryAfter, now()) : undefined,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const where = parsed.error.issues[0]?.path.join('.') || 'body';
      throw new GatewayGarbage(status, `unexpected shape at ${where}`);
    }
    return { value: parsed.data, raw, httpStatus: status };
  }

  return {
    url: base.href,
    close: () => transport.close(),
    async submit(body, o) {
      const sent = JSON.stringify(body);
      const r = await call('POST', '/gw/v1/requests', sent, submitAnswerSchema, o);
      if (r.value.clientRequestId !== body.clientRequestId) throw new GatewayGarbage(r.httpStatus, 'answer about another request id');
      return { ...r, created: r.httpStatus === 202, sent };
    },
    async submitCredit(body, o) {
      const sent = JSON.stringify(body);
      const r = await call('POST', '/gw/v1/requests', sent, submitAnswerSchema, o);
      if (r.value.clientRequestId !== body.clientRequestId) throw new GatewayGarbage(r.httpStatus, 'answer about another request id');
      return { ...r, created: r.httpStatus === 202, sent };
    },
    async creditRecords(idNumber, o = {}) {
      return (await call('GET', `/credit/v1/records?${new URLSearchParams({ idNumber })}`, undefined, creditRecordsSchema, o)).value;
    },
    async status(clientRequestId, o) {
      const r = await call('GET', `/gw/v1/requests/${encodeURIComponent(clientRequestId)}`, undefined, statusAnswerSchema, o);
      if (r.value.clientRequestId !== clientRequestId) throw new GatewayGarbage(r.httpStatus, 'answer about another request id');
      return r;
    },
    async health(o = {}) {
      return (await call('GET', '/gw/v1/health', undefined, healthAnswerSchema, o)).value;
    },
    async officers(court, o = {}) {
      const q = new URLSearchParams({ court });
      return (await call('GET', `/gw/v1/officers?${q}`, undefined, officersAnswerSchema, o)).value;
    },
    async courtCases(court, offset, limit, o = {}) {
      const q = new URLSearchParams({ court, offset: String(offset), limit: String(limit) });
      return (await call('GET', `/court/v1/cases?${q}`, undefined, courtCasesAnswerSchema, o)).value;
    },
    async offerApproval(body, o) {
      return (await call('POST', '/gw/v1/approvals', JSON.stringify({ body }), approvalItemSchema, o)).value;
    },
    async approvals(o) {
      return (await call('GET', '/gw/v1/approvals', undefined, approvalListSchema, o)).value.items;
    },
    async approval(id, o) {
      try {
        return (await call('GET', `/gw/v1/approvals/${encodeURIComponent(id)}`, undefined, approvalItemSchema, o)).value;
      } catch (e) {
        if (e instanceof GatewayHttpError && e.httpStatus === 404) return undefined;
        throw e;
      }
    },
    async decideApproval(id, d, o) {
      return (await call('POST', `/gw/v1/approvals/${encodeURIComponent(id)}/decision`, JSON.stringify(d), approvalItemSchema, o)).value;
    },
    async courtCase(number, o = {}) {
      try {
        return (await call('GET', `/court/v1/cases/lookup?${new URLSearchParams({ number })}`, undefined, courtCaseSchema, o)).value;
      } catch (e) {
        if (e instanceof GatewayHttpError && e.httpStatus === 404) return undefined;
        throw e;
      }
    },
    async courtTerminal(t, o) {
      return (await call('POST', '/court/v1/cases/terminal', JSON.stringify(t), courtEventAnswerSchema, o)).value;
    },
    async courtResume(r, o) {
      return (await call('POST', '/court/v1/cases/resume', JSON.stringify(r), courtCaseSchema, o)).value;
    },
    async enrol(e, o = {}) {
      const body = JSON.stringify({ officerCode: e.officerCode, enrolmentCode: e.enrolmentCode, signingPublicKey: e.signingPublicKey });
      return (await call('POST', '/gw/v1/officers/enrol', body, enrolAnswerSchema, { ...o, officerCode: e.officerCode })).value;
    },
    async officer(code, o = {}) {
      return (await call('GET', `/gw/v1/officers/${encodeURIComponent(code)}`, undefined, officerStandingSchema, o)).value;
    },
    async courtAccounts(court, o = {}) {
      const q = new URLSearchParams({ court });
      return (await call('GET', `/gw/v1/court-accounts?${q}`, undefined, courtAccountsAnswerSchema, o)).value;
    },
    feedback(after, limit, o = {}) {
      const q = new URLSearchParams({ ...(after ? { after } : {}), limit: String(limit) });
      return call('GET', `/gw/v1/feedback?${q}`, undefined, feedbackPageSchema, o);
    },
    async signedJson(method, pathAndQuery, body, o) {
      return call(method, pathAndQuery, body, z.unknown(), o);
    },
    async inflows(after, limit, o) {
      const q = new URLSearchParams({ ...(after ? { after } : {}), limit: String(limit) });
      return (await call('GET', `/gw/v1/inflows?${q}`, undefined, inflowPageSchema, o)).value;
    },
    async watchInflows(w, o) {
      return (await call('POST', '/gw/v1/inflows/watch', JSON.stringify(w), inflowWatchAnswerSchema, o)).value;
    },
    async ticketingBreaches(after, limit, o) {
      const q = new URLSearchParams({ ...(after ? { after } : {}), limit: String(limit) });
      return (await call('GET', `/gw/v1/ticketing/breaches?${q}`, undefined, breachPageSchema, o)).value;
    },
    async gatewayKeys(o = {}) {
      return (await call('GET', '/gw/v1/keys', undefined, gatewayKeysAnswerSchema, o)).value.keys;
    },
    async postCheckpoint(c, o = {}) {
      return (await call('POST', '/gw/v1/audit/checkpoints', JSON.stringify(c), signedReceiptSchema, o)).value;
    },
    async checkpoints(storeId, o = {}) {
      const q = new URLSearchParams({ storeId });
      const r = (await call('GET', `/gw/v1/audit/checkpoints?${q}`, undefined, checkpointListSchema, o)).value;
      if (r.storeId !== storeId) throw new GatewayGarbage(200, 'answer about another store');
      return r.checkpoints;
    },
  };
}

/** Retry-After is delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(v: string | null, now: Date): number {
  if (v === null) return DEFAULT_RETRY_AFTER_MS;
  const t = v.trim();
  if (/^\d+$/.test(t)) return Number(t) * 1000;
  const at = Date.parse(t);
  if (!Number.isNaN(at)) return Math.max(0, at - now.getTime());
  return DEFAULT_RETRY_AFTER_MS;
}
