/**
 * The gateway's record of received requests: the idempotency table (one execution per
 * clientRequestId) and each request's life, accepted → processing → answered | rejected, derived
 * from its timestamps so no timers are needed. Feedback is rendered once, when first observed
 * answered, and then kept: every later poll sees the same answer.
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

export class RequestTable {
  private readonly byId = new Map<string, GatewayRequest>();
  private seq = 0;

  get(id: string): GatewayRequest | undefined {
    return this.byId.get(id);
  }

  add(r: Omit<GatewayRequest, 'gatewayRef' | 'polls' | 'seq'>): GatewayRequest {
    this.seq += 1;
    const stored: GatewayRequest = { ...r, gatewayRef: `SBX${String(this.seq).padStart(8, '0')}`, seq: this.seq, polls: 0 };
    this.byId.set(r.clientRequestId, stored);
    return stored;
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
