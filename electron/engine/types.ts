/**
 * The seams of the connector engine: what an adapter knows about its agency, and what the engine
 * needs from the store. Plain Node; no Electron.
 */
import type { ChannelId } from '../../shared/domain/channels';
import type {
  Asset, ChannelRequest, Findings, InfoRecord, NetworkStatus, Party, Whereabouts,
} from '../../shared/domain/types';

export interface ChannelLimits {
  /** requests in flight at once on this channel */
  concurrency: number;
  /** sustained submits per second (token bucket) */
  ratePerSecond: number;
  /** per-HTTP-call timeout */
  timeoutMs: number;
  /** first delay between polls for feedback; grows with backoff */
  pollIntervalMs: number;
  /** polls after which the request is marked "manual" (needs manual handling) */
  maxPolls: number;
  /** submit attempts on transient failure (timeout, 429, 503, connection reset) */
  maxAttempts: number;
}

/** Thrown by an adapter when feedback does not match the agency's format. */
export class FeedbackFormatError extends Error {
  constructor(readonly channel: ChannelId, message: string) {
    super(`${channel}: ${message}`);
  }
}

export interface ChannelAdapter {
  channel: ChannelId;
  limits: ChannelLimits;
  /** channel-specific `params` of a query request body (see docs/gateway-protocol.md) */
  queryParams(subject: Pick<Party, 'kind' | 'name' | 'idNumber'>): Record<string, unknown>;
  /** normalise the agency's own feedback format; throws FeedbackFormatError on anything unexpected */
  normalize(feedback: unknown): Findings;
}

export interface SavedFindings {
  assets: Asset[];
  whereabouts: Whereabouts[];
  info: InfoRecord[];
}

/** What the engine needs from the secure store. Every write is on disk before the step it guards. */
export interface EngineStore {
  /** outbox: requests are written before they are sent */
  insertRequests(requests: ChannelRequest[]): void;
  updateRequest(id: string, patch: Partial<Omit<ChannelRequest, 'id' | 'caseId' | 'partyId' | 'channel' | 'kind'>>): ChannelRequest;
  getRequest(id: string): ChannelRequest | undefined;
  /** stores the raw feedback (as evidence) and the normalised findings; idempotent per request id */
  saveFindings(requestId: string, findings: Findings, rawFeedback: string, receivedAt: string): SavedFindings;
  /** requests not yet answered/failed/manual, to resume after a restart */
  listUnfinishedRequests(): ChannelRequest[];
  /**
   * Optional: keeps every request body sent and every answer received for a request, verbatim, as
   * evidence (docs/architecture.md §7). Holds personal data, so it
   * belongs in the encrypted store only.
   */
  recordExchange?(e: Exchange): void;
  /**
   * Optional: where the engine last read the gateway's feedback feed (an opaque cursor), so a
   * restart reads on from there rather than from the start. Losing it loses nothing: a restart
   * asks about every unfinished request by id.
   */
  feedCursor?(): string | undefined;
  saveFeedCursor?(cursor: string): void;
  /**
   * Optional: resolves once every write made so far is on disk, rejects if it could not be put
   * there. A store that group-commits (electron/store/writer.ts) has it; the engine tells the app of
   * a write, and sends a request, only after it. Without it every write is on disk when it returns.
   */
  committed?(): Promise<void>;
}

/** One request or answer on the wire about one channel request. */
export interface Exchange {
  requestId: string;
  direction: 'sent' | 'received';
  method: 'GET' | 'POST';
  path: string;
  /** HTTP status of an answer */
  httpStatus?: number;
  body: string;
  at: string;
}

/**
 * Log sink of the engine. `fields` carry only ids, channel names, codes, counts and durations:
 * never names, ID numbers, accounts, balances or places (docs/architecture.md §9).
 */
export type EngineLogLevel = 'debug' | 'info' | 'warn' | 'error';
export type EngineLogFields = Record<string, string | number | boolean | undefined>;
export type EngineLog = (level: EngineLogLevel, msg: string, fields?: EngineLogFields) => void;

export interface EngineEvents {
  request(r: ChannelRequest): void;
  findings(caseId: string, requestId: string, saved: SavedFindings): void;
  network(status: NetworkStatus): void;
}

/** Where and as whom the engine talks to the gateway. */
export interface GatewayConfig {
  url: string;
  network: 'sandbox' | 'gateway';
  stationId: string;
  stationSecret: string;
}

export interface QueryContext {
  caseId: string;
  caseNumber: string;
  court: string;
  officer: { code: string; name: string };
  /** which channels a case query asks: property (the one click), whereabouts (after the finding), absent = every channel */
  channels?: 'property' | 'whereabouts';
  /** by party id: the recorded finding a whereabouts query carries to the gateway (docs/domain.md rule 10) */
  findings?: Record<string, { ground: 'evading' | 'missing'; recordedAt: string }>;
  /**
   * A batch's plan (docs/batch.md): the request id each (party, channel) goes under — derived from
   * the batch, so a batch resumed after a kill finds what it already sent — or undefined to leave
   * that channel out (answered within the freshness window). Absent: every channel, fresh ids.
   */
  plan?: (partyId: string, channel: ChannelId) => string | undefined;
}
