/**
 * The gateway's record of received requests: the idempotency table (one execution per
 * clientRequestId) and each request's life, accepted → processing → answered | rejected, derived
 * from its timestamps so no timers are needed. Feedback is rendered once, when first observed
 * answered, and then kept: every later poll sees the same answer.
 *
 * Beside it, the feed's delivery index: every delivery of an answer (one, or two with the
 * duplicate fault) ordered by (time, seq, copy), so a feed page is a binary search and a slice.
 *
 * Answered queries expire `ttlMs` after their last delivery (docs/sandbox.md, "Memory"): the
 * request and its rendered feedback leave the table and the feed, and its id is unknown again
 * (404 NOT_FOUND). A measure's record is its idempotency record — id, body digest and outcome,
 * no rendered copy beside the outcome — and is never dropped: a measure executes once, however late
 * it is asked about or submitted again; only its deliveries leave the feed.
 */
import type { ChannelId } from '../../shared/domain/channels';
import type { MeasureFeedback } from './ledger';
import type { SubmitBody, SubmitKind } from './submit-body';

export type GatewayStatus = 'accepted' | 'processing' | 'answered' | 'rejected';

export interface Rejection {
  code: string;
  message: string;
}

export interface GatewayRequest {
  clientRequestId: string;
  gatewayRef: string;
  channel: ChannelId;
  kind: SubmitKind;
  bodyHash: string;
  subject: SubmitBody['subject'];
  acceptedAt: number;
  processingAt: number;
  /** undefined: the agency never answers (no-feedback fault) */
  answerAt: number | undefined;
  rejection: Rejection | undefined;
  duplicate: boolean;
  /** measures: when the feed delivers the same feedback a second time (duplicate fault) */
  redeliverAt?: number;
  /** order of arrival at the gateway */
  seq: number;
  polls: number;
  /** measures and the frozen-balance query: the common feedback, fixed when executed */
  measure?: MeasureFeedback;
  /** rendered on first observation once answered */
  feedback?: unknown;
  answeredAt?: string;
}

export interface StatusView {
  clientRequestId: string;
  gatewayRef: string;
  channel: ChannelId;
  kind: SubmitKind;
  status: GatewayStatus;
  acceptedAt: string;
  answeredAt?: string;
  feedback?: unknown;
  rejection?: Rejection;
}

export function statusAt(r: GatewayRequest, now: number): GatewayStatus {
  if (now < r.processingAt) return 'accepted';
  if (r.answerAt === undefined || now < r.answerAt) return 'processing';
  return r.rejection ? 'rejected' : 'answered';
}

/** One delivery of an answer on the feed; its cursor is `at-seq-copy`. */
export interface Delivery {
  at: number;
  seq: number;
  copy: number;
  r: GatewayRequest;
}

export type DeliveryKey = readonly [number, number, number];

/** a is after b in the feed's order */
export function deliveredAfter(a: DeliveryKey, b: DeliveryKey): boolean {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
}

const keyOf = (d: Delivery): DeliveryKey => [d.at, d.seq, d.copy];
/** the last delivery of an answer: the request expires from it */
const lastDelivery = (r: GatewayRequest): number => Math.max(r.answerAt ?? 0, r.redeliverAt ?? 0);

export interface RequestTableOptions {
  /** how long an answered query is kept after its last delivery (default one hour) */
  ttlMs?: number;
  /** told of each query id that expired */
  forget?: (id: string) => void;
}

export const DEFAULT_ANSWER_TTL_MS = 3_600_000;

export class RequestTable {
  private readonly byId = new Map<string, GatewayRequest>();
  private seq = 0;
  /** the feed's delivery index, in feed order; entries before `head` have expired */
  private readonly deliveries: Delivery[] = [];
  private head = 0;
  readonly ttlMs: number;

  constructor(private readonly o: RequestTableOptions = {}) {
    this.ttlMs = o.ttlMs ?? DEFAULT_ANSWER_TTL_MS;
  }

  get(id: string, now: number = Date.now()): GatewayRequest | undefined {
    this.expire(now);
    return this.byId.get(id);
  }

  add(r: Omit<GatewayRequest, 'gatewayRef' | 'polls' | 'seq'>): GatewayRequest {
    this.seq += 1;
    const stored: GatewayRequest = { ...r, gatewayRef: `SBX${String(this.seq).padStart(8, '0')}`, seq: this.seq, polls: 0 };
    this.byId.set(r.clientRequestId, stored);
    if (stored.answerAt !== undefined) {
      this.index({ at: stored.answerAt, seq: stored.seq, copy: 0, r: stored });
      if (stored.redeliverAt !== undefined) this.index({ at: stored.redeliverAt, seq: stored.seq, copy: 1, r: stored });
    }
    return stored;
  }

  /** Inserts a delivery in feed order (answers are mostly due in order: the search ends near the end). */
  private index(d: Delivery): void {
    const k = keyOf(d);
    let lo = this.head;
    let hi = this.deliveries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (deliveredAfter(keyOf(this.deliveries[mid]!), k)) hi = mid;
      else lo = mid + 1;
    }
    this.deliveries.splice(lo, 0, d);
  }

  /** Up to `limit` deliveries after `cursor` (absent: from the start) that are due by `now`. */
  feedPage(cursor: DeliveryKey | undefined, now: number, limit: number): Delivery[] {
    this.expire(now);
    let lo = this.head;
    if (cursor) {
      let hi = this.deliveries.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (deliveredAfter(keyOf(this.deliveries[mid]!), cursor)) hi = mid;
        else lo = mid + 1;
      }
    }
    const page: Delivery[] = [];
    for (let i = lo; i < this.deliveries.length && page.length < limit; i++) {
      const d = this.deliveries[i]!;
      if (d.at > now) break;
      page.push(d);
    }
    return page;
  }

  /** Drops what is past its TTL: deliveries from the feed, answered queries from the table. */
  expire(now: number): void {
    const cutoff = now - this.ttlMs;
    while (this.head < this.deliveries.length && this.deliveries[this.head]!.at <= cutoff) {
      const { r, at } = this.deliveries[this.head]!;
      this.head += 1;
      if (r.kind === 'query' && at === lastDelivery(r) && this.byId.get(r.clientRequestId) === r) {
        this.byId.delete(r.clientRequestId);
        this.o.forget?.(r.clientRequestId);
      }
    }
    if (this.head > 1_024 && this.head * 2 > this.deliveries.length) {
      this.deliveries.splice(0, this.head);
      this.head = 0;
    }
  }

  /** deliveries in the feed's index (for tests of its bound) */
  get indexed(): number {
    return this.deliveries.length - this.head;
  }

  get size(): number {
    return this.byId.size;
  }

  values(): IterableIterator<GatewayRequest> {
    return this.byId.values();
  }

  /** the submit answer: id, ref, current status, accepted time */
  static submitView(r: GatewayRequest, now: number) {
    return { clientRequestId: r.clientRequestId, gatewayRef: r.gatewayRef, status: statusAt(r, now), acceptedAt: new Date(r.acceptedAt).toISOString() };
  }

  /** the status answer; `render` produces the agency's feedback the first time it is needed */
  static statusView(r: GatewayRequest, now: number, render: (r: GatewayRequest) => unknown): StatusView {
    const status = statusAt(r, now);
    const v: StatusView = {
      clientRequestId: r.clientRequestId, gatewayRef: r.gatewayRef, channel: r.channel, kind: r.kind, status,
      acceptedAt: new Date(r.acceptedAt).toISOString(),
    };
    if (status === 'answered' || status === 'rejected') {
      r.answeredAt ??= new Date(r.answerAt!).toISOString();
      v.answeredAt = r.answeredAt;
    }
    if (status === 'answered') {
      if (r.feedback === undefined) r.feedback = render(r);
      v.feedback = r.feedback;
    }
    if (status === 'rejected') {
      v.rejection = r.rejection;
      // a measure's refusal comes in the common feedback too (docs/gateway-protocol.md, "Measures")
      if (r.measure) v.feedback = r.measure;
    }
    return v;
  }
}
