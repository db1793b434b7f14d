/**
 * An in-memory MeasureStore for tests and benchmarks, keeping the encrypted store's contract
 * (electron/store/measures.ts): one decision, one id (a second insert is refused); nothing enters
 * the outbox already sent; no move out of a final state (MEASURE_MOVES); the body first sent under
 * an id is remembered by its SHA-256; an outbox measure is leased to one engine at a time. Every
 * write is synchronous, as a synchronous=FULL commit is: what a call returned from is "on disk",
 * which is what a crash test needs. Nothing here is persisted and nothing is encrypted: never
 * use it for real data.
 */
import { createHash } from 'node:crypto';
import type { Measure, MeasureState } from '../../../shared/domain/measures';
import { MEASURE_MOVES, OUTBOX_STATES, type MeasurePatch, type MeasureStore } from '../measure-store';

const INITIAL: readonly MeasureState[] = ['draft', 'awaiting_approval', 'queued'];

/** Refused: an id stored twice (one decision, one id). */
export class MeasureIdTakenError extends Error {
  readonly code = 'MEASURE_EXISTS';
  constructor(readonly id: string) {
    super(`a measure with this id exists: ${id}`);
    this.name = 'MeasureIdTakenError';
  }
}

/** Refused: a move the outbox does not allow. */
export class MeasureMoveError extends Error {
  readonly code = 'MEASURE_STATE';
  constructor(message: string) {
    super(message);
    this.name = 'MeasureMoveError';
  }
}

export interface MeasureExchangeRecord {
  measureId: string;
  direction: 'sent' | 'received';
  at: string;
  text: string;
}

const copy = (m: Measure): Measure => structuredClone(m);

export class MemoryMeasureStore implements MeasureStore {
  private readonly measures = new Map<string, Measure>();
  private readonly exchanges: MeasureExchangeRecord[] = [];
  private readonly digests = new Map<string, string>();
  private cursor: string | undefined;
  private readonly claims = new Map<string, { owner: string; until: string }>();
  private readonly watchers = new Set<(m: Measure) => void>();
  private readonly waiters = new Map<string, Set<(m: Measure) => void>>();
  /** counts of calls, for tests that check what the engine wrote */
  readonly writes = { insert: 0, update: 0, refusedInserts: 0 };

  constructor(private readonly clock: () => Date = () => new Date()) {}

  insertMeasure(m: Measure): void {
    if (this.measures.has(m.id)) {
      this.writes.refusedInserts += 1;
      throw new MeasureIdTakenError(m.id);
    }
    if (!INITIAL.includes(m.state)) throw new MeasureMoveError(`a measure is written to the outbox before it is sent, not as '${m.state}'`);
    if (m.amount !== undefined && !(Number.isSafeInteger(m.amount) && m.amount > 0)) throw new RangeError('amount must be integer fen above 0');
    const stored = copy(m);
    this.measures.set(m.id, stored);
    this.writes.insert += 1;
    this.notify(stored);
  }

  updateMeasure(id: string, patch: MeasurePatch): Measure {
    const cur = this.measures.get(id);
    if (!cur) throw new Error(`measure ${id} not found`);
    const next: Measure = { ...copy(cur), ...structuredClone(patch), updatedAt: this.clock().toISOString() };
    if ('error' in patch && patch.error === undefined) delete next.error;
    if ('outcome' in patch && patch.outcome === undefined) delete next.outcome;
    if (!MEASURE_MOVES[cur.state].includes(next.state)) {
      throw new MeasureMoveError(`a ${cur.kind} measure cannot move from '${cur.state}' to '${next.state}'`);
    }
    if (!Number.isInteger(next.attempts) || next.attempts < 0) throw new RangeError('attempts must be a whole number');
    this.measures.set(id, next);
    this.writes.update += 1;
    this.notify(next);
    return copy(next);
  }

  getMeasure(id: string): Measure | undefined {
    const m = this.measures.get(id);
    return m ? copy(m) : undefined;
  }

  /** Queued, sent or unknown, oldest first (insertion order breaks ties). */
  listOutbox(): Measure[] {
    const out: Measure[] = [];
    for (const m of this.measures.values()) if (OUTBOX_STATES.includes(m.state)) out.push(copy(m));
    // Array.prototype.sort is stable: equal createdAt keeps insertion order
    return out.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  }

  recordMeasureExchange(e: MeasureExchangeRecord): void {
    if (!this.measures.has(e.measureId)) throw new Error(`measure ${e.measureId} not found`);
    this.exchanges.push({ ...e });
    if (e.direction === 'sent' && !this.digests.has(e.measureId)) {
      this.digests.set(e.measureId, createHash('sha256').update(e.text).digest('hex'));
    }
  }

  bodyDigestOf(measureId: string): string | undefined {
    return this.digests.get(measureId);
  }

  feedCursor(): string | undefined {
    return this.cursor;
  }

  saveFeedCursor(cursor: string): void {
    this.cursor = cursor;
  }

  claimMeasure(id: string, owner: string, until: string, now: string): boolean {
    const m = this.measures.get(id);
    if (!m || !OUTBOX_STATES.includes(m.state)) return false;
    const held = this.claims.get(id);
    if (held && held.owner !== owner && held.until >= now) return false;
    // the owner's own lease never shortens (one taken through a call's timeout outlasts the heartbeat)
    this.claims.set(id, { owner, until: held && held.owner === owner && held.until > until ? held.until : until });
    return true;
  }

  renewClaims(owner: string, until: string): void {
    for (const c of this.claims.values()) if (c.owner === owner && c.until < until) c.until = until;
  }

  releaseClaims(owner: string, id?: string): void {
    for (const [k, c] of this.claims) if (c.owner === owner && (id === undefined || k === id)) this.claims.delete(k);
  }

  // ---- for tests and benchmarks ----

  /** who holds a measure now, if anyone */
  claimOf(id: string): { owner: string; until: string } | undefined {
    const c = this.claims.get(id);
    return c ? { ...c } : undefined;
  }

  all(): Measure[] {
    return [...this.measures.values()].map(copy);
  }

  exchangesOf(measureId: string): MeasureExchangeRecord[] {
    return this.exchanges.filter((e) => e.measureId === measureId).map((e) => ({ ...e }));
  }

  /** Calls `fn` after every write with the measure as stored; returns the unsubscribe. */
  watch(fn: (m: Measure) => void): () => void {
    this.watchers.add(fn);
    return () => this.watchers.delete(fn);
  }

  /** Resolves with the measure once `test` holds for it (checked now and after each write of it). */
  until(id: string, test: (m: Measure) => boolean, ms = 20_000): Promise<Measure> {
    const now = this.measures.get(id);
    if (now && test(now)) return Promise.resolve(copy(now));
    return new Promise((resolve, reject) => {
      let set = this.waiters.get(id);
      if (!set) this.waiters.set(id, (set = new Set()));
      const done = () => {
        clearTimeout(t);
        set.delete(check);
        if (set.size === 0) this.waiters.delete(id);
      };
      const check = (m: Measure) => {
        if (!test(m)) return;
        done();
        resolve(copy(m));
      };
      set.add(check);
      const t = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for measure ${id} (state ${this.measures.get(id)?.state ?? 'absent'})`));
      }, ms);
    });
  }

  /** a copy holding the same measures and evidence: what the disk would hold after a restart */
  snapshot(): MemoryMeasureStore {
    const s = new MemoryMeasureStore(this.clock);
    for (const [k, v] of this.measures) s.measures.set(k, copy(v));
    s.exchanges.push(...this.exchanges.map((e) => ({ ...e })));
    for (const [k, v] of this.digests) s.digests.set(k, v);
    s.cursor = this.cursor;
    for (const [k, v] of this.claims) s.claims.set(k, { ...v });
    return s;
  }

  private notify(m: Measure): void {
    for (const w of [...(this.waiters.get(m.id) ?? [])]) w(m);
    for (const w of [...this.watchers]) {
      try {
        w(copy(m));
      } catch {
        /* a watcher's fault is the watcher's */
      }
    }
  }
}
