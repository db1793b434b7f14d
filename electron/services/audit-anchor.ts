/**
 * Anchors the audit chain outside the workstation (docs/audit.md, "Checkpoints"): a few seconds
 * after new entries (and at least once a minute while they keep coming), at sign-out or lock and at
 * shutdown, the newest entry's sequence number and hash go to the gateway, and the receipt it signs
 * is kept once its signature verified with the gateway key pinned at the first contact. Offline it
 * simply waits and tries again. Plain Node; its timers never keep the process alive.
 */
import { AppFailure } from '../../shared/app-failure';
import { verifyReceipt, type CheckpointInput, type GatewayKey, type SignedReceipt } from '../gateway/checkpoint-receipt';
import { GatewayHttpError } from '../engine/gateway-errors';
import type { CallOptions, GatewayClient } from '../engine/gateway-client';
import type { LogSink } from '../log/logger';
import type { SecureStore } from '../store';

/** The part of the gateway client that audit checkpoints need. */
export interface CheckpointClient {
  gatewayKeys(o?: CallOptions): Promise<GatewayKey[]>;
  postCheckpoint(c: CheckpointInput, o?: CallOptions): Promise<SignedReceipt>;
  checkpoints(storeId: string, o?: CallOptions): Promise<SignedReceipt[]>;
}

/** The client's checkpoint calls, where the gateway offers them. */
export function checkpointClient(c: GatewayClient): CheckpointClient | undefined {
  const { gatewayKeys, postCheckpoint, checkpoints } = c;
  if (!gatewayKeys || !postCheckpoint || !checkpoints) return undefined;
  return { gatewayKeys: gatewayKeys.bind(c), postCheckpoint: postCheckpoint.bind(c), checkpoints: checkpoints.bind(c) };
}

export const ANCHOR_DEBOUNCE_MS = 3_000;
export const ANCHOR_MAX_WAIT_MS = 60_000;

export interface AuditAnchorOptions {
  store: SecureStore;
  client: CheckpointClient;
  now?: () => Date;
  log?: LogSink;
  /** quiet time after the newest entry before its head is sent */
  debounceMs?: number;
  /** while entries keep coming, the longest wait between two checkpoints */
  maxWaitMs?: number;
  /** after a failed attempt (offline), the next try */
  retryMs?: number;
  /** per gateway call */
  timeoutMs?: number;
}

/** anchored: a receipt kept; current: nothing new; the rest: nothing kept, and why. */
export type AnchorOutcome = 'anchored' | 'current' | 'offline' | 'refused' | 'unverified' | 'closed';

export class AuditAnchor {
  #timer: NodeJS.Timeout | undefined;
  #pendingSince: number | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #off: (() => void) | undefined;
  #stopped = false;
  readonly #o: Required<Omit<AuditAnchorOptions, 'log'>> & { log: LogSink };

  constructor(o: AuditAnchorOptions) {
    this.#o = {
      now: () => new Date(), log: () => undefined, debounceMs: ANCHOR_DEBOUNCE_MS, maxWaitMs: ANCHOR_MAX_WAIT_MS,
      retryMs: ANCHOR_MAX_WAIT_MS, timeoutMs: 5_000, ...o,
    };
  }

  /** Listens for new entries; entries not anchored yet (an offline spell, the sign-in) go at the first turn. */
  start(): void {
    this.#off = this.#o.store.audit.onAppend(() => this.notify());
    this.notify();
  }

  /** A new entry: send the head after the quiet time, but no later than maxWait after the first unsent one. */
  notify(): void {
    if (this.#stopped) return;
    const now = Date.now();
    this.#pendingSince ??= now;
    this.#arm(Math.min(now + this.#o.debounceMs, this.#pendingSince + this.#o.maxWaitMs) - now);
  }

  /** Sends the head now (after any send under way). */
  flush(timeoutMs = this.#o.timeoutMs): Promise<AnchorOutcome> {
    const run = this.#queue.then(() => this.#send(timeoutMs));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Stops listening and the timers; by default one last send, best effort, within timeoutMs. */
  async stop(o: { flush?: boolean; timeoutMs?: number } = {}): Promise<void> {
    this.#stopped = true;
    this.#off?.();
    this.#off = undefined;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (o.flush ?? true) await this.flush(o.timeoutMs ?? 2_000);
    else await this.#queue;
  }

  #arm(ms: number): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#fire(), Math.max(0, ms));
    this.#timer.unref?.();
  }

  async #fire(): Promise<void> {
    this.#timer = undefined;
    this.#pendingSince = undefined;
    const r = await this.flush();
    // offline: it waits, and tries again later (or sooner, with the next entry)
    if (r === 'offline' && !this.#stopped && !this.#timer) this.#arm(this.#o.retryMs);
  }

  /** The pinned key, pinned now at the first contact. */
  async #key(o: CallOptions): Promise<GatewayKey> {
    const book = this.#o.store.auditCheckpoints;
    const pinned = book.pinnedKey();
    if (pinned) return pinned;
    const [first] = await this.#o.client.gatewayKeys(o);
    if (!first) throw new Error('no gateway key');
    book.pinKey(first);
    return first;
  }

  async #send(timeoutMs: number): Promise<AnchorOutcome> {
    const { store, client, log, now } = this.#o;
    if (!store.isOpen) return 'closed';
    let seq = 0;
    try {
      const head = store.audit.head();
      const last = store.auditCheckpoints.last();
      if (!head || (last && last.seq >= head.seq)) return 'current';
      seq = head.seq;
      const call = { timeoutMs };
      const key = await this.#key(call);
      const input: CheckpointInput = { storeId: store.auditCheckpoints.storeId(), seq, head: head.hash, at: now().toISOString() };
      const signed = await client.postCheckpoint(input, call);
      const r = signed.receipt;
      const says = r.storeId === input.storeId && r.seq === seq && r.head === input.head && r.at === input.at;
      if (!says || !verifyReceipt(key, signed)) {
        // a changed gateway key, or an answer that is not a receipt for this checkpoint: kept nowhere
        log('warn', 'audit checkpoint receipt does not verify', { seq, keyId: signed.keyId, pinned: key.keyId });
        return 'unverified';
      }
      if (!store.isOpen) return 'closed';
      store.auditCheckpoints.add(signed, now());
      log('info', 'audit checkpoint acknowledged', { seq });
      return 'anchored';
    } catch (e) {
      if (e instanceof AppFailure && e.error.code === 'STORE_LOCKED') return 'closed';
      if (e instanceof GatewayHttpError && e.code === 'CHECKPOINT_REFUSED') {
        log('warn', 'audit checkpoint refused by the gateway', { seq, reason: e.gatewayMessage });
        return 'refused';
      }
      log('debug', 'audit checkpoint not sent', { seq, error: e instanceof Error ? e.name : 'unknown' });
      return 'offline';
    }
  }
}
