/**
 * The harness of the measures fault test (tests/integration/measures-fault.test.ts): seeded draws,
 * the tally, the wire log, and a batch: one sandbox, one disk (measures-fault-disk.ts) and a
 * succession of processes, each an engine over the disk that a kill cuts off and a resume
 * replaces; with `engines: 2`, two processes are alive at once over the same disk (two
 * workstation processes that both got past the single-instance lock), both resuming the outbox.
 */
import { createHash } from 'node:crypto';
import type { Measure } from '../../shared/domain/measures';
import type { Knobs, SandboxHandle } from '../../electron/sandbox';
import { ADAPTERS } from '../../electron/engine/adapters';
import { createGatewayClient, type GatewayAnswer, type GatewayClient } from '../../electron/engine/gateway-client';
import { GatewayHttpError, GatewayUnreachable } from '../../electron/engine/gateway-errors';
import type { StatusAnswer } from '../../electron/engine/gateway-wire';
import type { MeasureStore } from '../../electron/engine/measure-store';
import type { MeasureContext } from '../../electron/engine/measures/measure-body';
import { createMeasureEngine, type MeasureEngine, type MeasureEngineCounters, type FrozenBalance } from '../../electron/engine/measures/measure-engine';
import type { EngineLogLevel } from '../../electron/engine/types';
import { withLimits } from '../helpers/engine-kit';
import { Decider, SECRET } from './engine-measures-kit';
import type { Disk, Opened } from './measures-fault-disk';

export const SEED = Number(process.env.CK_FAULT_SEED ?? 20251127);

export const KNOBS: Partial<Knobs> = {
  latencyScale: 0.01, timeoutRate: 0.04, hangMs: 250, lostAnswerRate: 0.08, errorRate: 0.03,
  duplicateRate: 0.2, outOfOrderRate: 0.05, garbageRate: 0.03,
};
const LIMITS = { pollIntervalMs: 5, timeoutMs: 120, maxPolls: 400, maxAttempts: 8, concurrency: 8, ratePerSecond: 2_000 };
const TUNING = {
  retryBaseMs: 5, retryMaxMs: 60, breakerCooldownMs: 20, breakerThreshold: 50, probeBaseMs: 10, probeMaxMs: 50, probeTimeoutMs: 500,
  feedIntervalMs: 15, claimLeaseMs: 200,
};

/** per measure, the chance of a kill at one of the named points */
const KILL_RATE = 0.03;
/** per status call: an earlier answer for the id again (stale, duplicate), or one about another id */
const STALE_RATE = 0.1;
const MISDELIVERED_RATE = 0.03;
/** with two processes alive, how often each one looks through the outbox again (a second window's resume) */
const RESUME_EVERY_MS = 100;
export const KILL_POINTS = ['before-send', 'after-sent-write', 'after-submit-wire', 'before-outcome-write'] as const;
export type KillPoint = (typeof KILL_POINTS)[number];

/** a keyed draw in [0, 1): the same seed and key give the same number, whatever the timing */
export function draw(...key: Array<string | number>): number {
  const h = createHash('sha256').update(`${SEED}\u0001${key.join('\u0001')}`).digest();
  return h.readUInt32BE(0) / 2 ** 32;
}

/** ids that look like UUIDs, made from the seed: the sandbox's fault draws are keyed by them */
function seededId(...key: Array<string | number>): string {
  const h = createHash('sha256').update(`${SEED}\u0002${key.join('\u0002')}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

class ProcessGone extends Error {
  constructor() {
    super('the process is gone');
    this.name = 'ProcessGone';
  }
}

export interface Tally {
  runs: number; measures: number; executed: number; rejected: number;
  lostAnswers: number; timeouts: number; busy: number; garbage: number; outOfOrder: number; duplicateFeedback: number;
  staleAnswers: number; misdelivered: number;
  kills: number; killsAt: Record<KillPoint, number>; forcedKills: number; reopened: number;
  resumed: number; duplicateSends: number; duplicateInserts: number; gatewayDuplicates: number; unknownOutcomes: number;
  resubmits: number; heldElsewhere: number; feedApplied: number; feedIgnored: number; requeries: number; requeriesAnswered: number;
  deducted: number; courtReceived: number;
  /** submits of a measure on the wire, those that went out again under an id sent before, and 404s asked */
  wireSubmits: number; wireResends: number; wireNotFound: number;
}

export function newTally(): Tally {
  return {
    runs: 0, measures: 0, executed: 0, rejected: 0, lostAnswers: 0, timeouts: 0, busy: 0, garbage: 0, outOfOrder: 0, duplicateFeedback: 0,
    staleAnswers: 0, misdelivered: 0, kills: 0, killsAt: { 'before-send': 0, 'after-sent-write': 0, 'after-submit-wire': 0, 'before-outcome-write': 0 },
    forcedKills: 0, reopened: 0, resumed: 0, duplicateSends: 0, duplicateInserts: 0, gatewayDuplicates: 0, unknownOutcomes: 0, resubmits: 0, heldElsewhere: 0,
    feedApplied: 0, feedIgnored: 0, requeries: 0, requeriesAnswered: 0, deducted: 0, courtReceived: 0, wireSubmits: 0, wireResends: 0, wireNotFound: 0,
  };
}

function addCounters(t: Tally, c: MeasureEngineCounters): void {
  t.resumed += c.resumed;
  t.duplicateSends += c.duplicateSends;
  t.unknownOutcomes += c.unknownOutcomes;
  t.resubmits += c.resubmits;
  t.feedApplied += c.feedApplied;
  t.feedIgnored += c.feedIgnored;
  t.heldElsewhere += c.heldElsewhere;
}

/**
 * How a call about an id ended: 'not-taken' when the gateway certainly does not hold it from this
 * call (429 or 503: not executed; or the request never left), 'not-found' for a 404 status answer.
 */
type CallResult = 'ok' | 'not-found' | 'not-taken' | 'refused' | 'unsure';

interface WireCall {
  id: string;
  op: 'submit' | 'status';
  generation: number;
  start: number;
  end?: number;
  result?: CallResult;
}

function resultOf(e: unknown): CallResult {
  if (e instanceof GatewayUnreachable) return 'not-taken';
  if (e instanceof GatewayHttpError) return e.transient ? 'not-taken' : e.code === 'NOT_FOUND' ? 'not-found' : 'refused';
  return 'unsure';
}

/**
 * Every submit and status call about a measure, by every process, in the order they started and
 * ended. The rule it checks (docs/gateway-protocol.md "Unknown outcome"): an id that an earlier
 * submit may have delivered goes out again only after a 404 for it, asked once that submit was over.
 */
export class WireLog {
  private seq = 0;
  readonly calls: WireCall[] = [];

  begin(id: string, op: WireCall['op'], generation: number): (r: CallResult) => void {
    const c: WireCall = { id, op, generation, start: this.seq++ };
    this.calls.push(c);
    return (r) => {
      c.end = this.seq++;
      c.result = r;
    };
  }

  /** the breaches of the rule, for the measures `ids`; counts into the tally */
  check(ids: ReadonlySet<string>, t: Tally): string[] {
    const byId = new Map<string, WireCall[]>();
    for (const c of this.calls) {
      if (!ids.has(c.id)) continue;
      let l = byId.get(c.id);
      if (!l) byId.set(c.id, (l = []));
      l.push(c);
    }
    const out: string[] = [];
    for (const [id, calls] of byId) {
      const submits = calls.filter((c) => c.op === 'submit');
      t.wireSubmits += submits.length;
      t.wireResends += Math.max(0, submits.length - 1);
      t.wireNotFound += calls.filter((c) => c.result === 'not-found').length;
      for (let j = 1; j < submits.length; j++) {
        const s = submits[j]!;
        for (const before of submits.slice(0, j)) {
          if (before.result === 'not-taken') continue;
          if (before.end === undefined || before.end > s.start) {
            out.push(`${id}: submitted by process ${s.generation} while process ${before.generation}'s submit was on the wire`);
            continue;
          }
          const asked = calls.some((c) => c.op === 'status' && c.result === 'not-found' && c.start > before.end! && c.end! < s.start);
          if (!asked) out.push(`${id}: submitted again by process ${s.generation} without a 404 after process ${before.generation}'s submit (${before.result})`);
        }
      }
    }
    return out;
  }
}

/** one batch's processes over one disk; `engines` of them alive at once */
export class Batch {
  readonly decide: Decider;
  readonly contexts = new Map<string, MeasureContext>();
  readonly requeryIds = new Set<string>();
  readonly errors: string[] = [];
  readonly logText: string[] = [];
  readonly wire = new WireLog();
  private readonly live: Process[] = [];
  private readonly procs: Process[] = [];
  private readonly kills = new Map<string, KillPoint>();
  private readonly restarting = new Set<Promise<void>>();
  private generation = 0;
  private resumer: NodeJS.Timeout | undefined;

  constructor(readonly sb: SandboxHandle, readonly batch: number, readonly disk: Disk, readonly tally: Tally, engines: 1 | 2) {
    this.decide = new Decider(disk.store, (() => {
      let n = 0;
      return () => seededId(batch, 'measure', n++);
    })(), sb);
    for (let i = 0; i < engines; i++) this.live.push(this.spawn());
    if (engines > 1) {
      this.resumer = setInterval(() => {
        for (const p of this.live) if (p.alive) p.engine.resume((m) => this.contexts.get(m.id));
      }, RESUME_EVERY_MS);
    }
  }

  /** the kill point planned for a measure, if any (used once) */
  killFor(id: string, at: KillPoint): boolean {
    if (this.kills.get(id) !== at) return false;
    this.kills.delete(id);
    return true;
  }

  /** a seeded kill now and then; a point not hit yet in this run is planned until it is */
  plan(m: Measure): void {
    if (draw('kill', m.id) < KILL_RATE) {
      this.kills.set(m.id, KILL_POINTS[Math.floor(draw('killAt', m.id) * KILL_POINTS.length)]!);
      return;
    }
    if (KILL_POINTS.every((k) => this.tally.killsAt[k] > 0)) return;
    for (const [id] of this.kills) {
      const s = this.disk.getMeasure(id)?.state;
      if (s === 'executed' || s === 'rejected') this.kills.delete(id);
    }
    const pending = new Set(this.kills.values());
    const missing = KILL_POINTS.find((k) => this.tally.killsAt[k] === 0 && !pending.has(k));
    if (missing) {
      this.kills.set(m.id, missing);
      this.tally.forcedKills += 1;
    }
  }

  private spawn(): Process {
    const p = new Process(this, this.generation++);
    this.procs.push(p);
    return p;
  }

  /** The process dies at `at`: its connection closed, no more calls; a new one resumes shortly after. */
  kill(p: Process, at: KillPoint): void {
    const slot = this.live.indexOf(p);
    if (!p.alive || slot < 0) return;
    p.alive = false;
    void p.engine.stop();
    p.opened.close();
    this.tally.kills += 1;
    this.tally.killsAt[at] += 1;
    const restart = (async () => {
      await new Promise((r) => setTimeout(r, 2 + Math.floor(draw('restart', this.batch, p.generation) * 20)));
      const next = this.spawn();
      this.live[slot] = next;
      this.tally.reopened += 1;
      next.engine.resume((m) => this.contexts.get(m.id));
    })();
    this.restarting.add(restart);
    void restart.finally(() => this.restarting.delete(restart));
  }

  /** the process a judge's window talks to */
  private procFor(m: Measure): Process {
    return this.live[Math.floor(draw('window', m.id) * this.live.length)]!;
  }

  /** what the services do after the outbox write: hand the measure to the engine running now */
  send(m: Measure, ctx: MeasureContext): void {
    this.contexts.set(m.id, ctx);
    this.plan(m);
    const p = this.procFor(m);
    try {
      p.engine.send(m, ctx);
      // a judge's double click: the engine does nothing more
      if (draw('double', m.id) < 0.1) p.engine.send(m, ctx);
    } catch (e) {
      // a dead process's engine refuses; the measure is in the outbox and the next process resumes it
      if (p.alive) throw e;
    }
  }

  async frozenBalance(f: Measure, ctx: MeasureContext): Promise<FrozenBalance | undefined> {
    for (let i = 0; i < 10; i++) {
      await Promise.all(this.restarting);
      const p = this.procFor(f);
      try {
        this.tally.requeries += 1;
        const b = await p.engine.frozenBalance(f, ctx);
        this.tally.requeriesAnswered += 1;
        return b;
      } catch (e) {
        const code = (e as { error?: { code?: string } }).error?.code;
        if (code === 'AGENCY_REJECTED') return undefined;
        await new Promise((r) => setTimeout(r, 10));
      }
    }
    return undefined;
  }

  /** every live process idle, none restarting, and (with two alive) nothing left in the outbox */
  async settle(): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      await Promise.all(this.restarting);
      const now = [...this.live];
      await Promise.all(now.map((p) => p.engine.idle()));
      const same = now.every((p, i) => p === this.live[i] && p.alive) && this.restarting.size === 0;
      if (same && (this.live.length === 1 || this.disk.listOutbox().length === 0 || Date.now() > deadline)) break;
      await new Promise((r) => setTimeout(r, RESUME_EVERY_MS));
    }
    clearInterval(this.resumer);
  }

  async close(): Promise<void> {
    clearInterval(this.resumer);
    for (const p of this.procs) {
      await p.engine.stop();
      p.client.close();
      if (p.alive) p.opened.close();
      addCounters(this.tally, p.engine.counters());
    }
  }
}

class Process {
  alive = true;
  readonly opened: Opened;
  readonly engine: MeasureEngine;
  readonly client: GatewayClient;
  private readonly history = new Map<string, Array<GatewayAnswer<StatusAnswer>>>();
  private readonly calls = new Map<string, number>();

  constructor(private readonly b: Batch, readonly generation: number) {
    const sb = b.sb;
    this.opened = b.disk.open();
    this.client = createGatewayClient({ url: sb.url, stationId: sb.stationId, stationSecret: SECRET });
    this.engine = createMeasureEngine({
      gateway: { url: sb.url, network: 'sandbox', stationId: sb.stationId, stationSecret: SECRET },
      store: this.store(), client: this.wire(), events: { measure: () => {} },
      adapters: withLimits(ADAPTERS, LIMITS), tuning: TUNING,
      log: (level: EngineLogLevel, msg, fields) => {
        if (level === 'error') b.errors.push(`${msg} ${JSON.stringify(fields)}`);
        if (level !== 'debug') b.logText.push(msg, JSON.stringify(fields ?? {}));
      },
    });
  }

  /** the disk as this process sees it: nothing read or written once it is dead; kill points on the way */
  private store(): MeasureStore {
    const disk = this.opened.store;
    const gone = () => {
      if (!this.alive) throw new ProcessGone();
    };
    const seen = <T extends Measure | undefined>(m: T): T => {
      if (m) this.b.disk.written(m);
      return m;
    };
    return {
      insertMeasure: (m) => {
        gone();
        disk.insertMeasure(m);
      },
      updateMeasure: (id, patch) => {
        gone();
        if (patch.state === 'sent' && this.b.killFor(id, 'before-send')) {
          this.b.kill(this, 'before-send');
          throw new ProcessGone();
        }
        if ((patch.state === 'executed' || patch.state === 'rejected') && this.b.killFor(id, 'before-outcome-write')) {
          this.b.kill(this, 'before-outcome-write');
          throw new ProcessGone();
        }
        const m = seen(disk.updateMeasure(id, patch));
        if (patch.state === 'sent' && this.b.killFor(id, 'after-sent-write')) this.b.kill(this, 'after-sent-write');
        return m;
      },
      getMeasure: (id) => {
        gone();
        return disk.getMeasure(id);
      },
      listOutbox: () => {
        gone();
        return disk.listOutbox();
      },
      feedCursor: () => {
        gone();
        return disk.feedCursor?.();
      },
      saveFeedCursor: (c) => {
        gone();
        disk.saveFeedCursor?.(c);
      },
      recordMeasureExchange: (e) => {
        gone();
        disk.recordMeasureExchange?.(e);
      },
      bodyDigestOf: (id) => {
        gone();
        return disk.bodyDigestOf?.(id);
      },
      claimMeasure: (id, owner, until, now) => {
        gone();
        return disk.claimMeasure!(id, owner, until, now);
      },
      renewClaims: (owner, until) => {
        gone();
        disk.renewClaims!(owner, until);
      },
      releaseClaims: (owner, id) => {
        gone();
        disk.releaseClaims!(owner, id);
      },
    };
  }

  /** the network as this process sees it: cut when dead; stale, duplicated and misdelivered answers; logged */
  private wire(): GatewayClient {
    const real = this.client;
    const gone = () => {
      if (!this.alive) throw new ProcessGone();
    };
    return {
      url: real.url,
      close: () => real.close(),
      health: (o) => {
        gone();
        return real.health(o);
      },
      officers: (c, o) => real.officers(c, o),
      courtAccounts: (c, o) => real.courtAccounts(c, o),
      enrol: (e, o) => real.enrol(e, o),
      officer: (c, o) => real.officer(c, o),
      courtCases: (c, off, l, o) => real.courtCases(c, off, l, o),
      courtCase: (n, o) => real.courtCase(n, o),
      offerApproval: (b, o) => real.offerApproval(b, o),
      approvals: (o) => real.approvals(o),
      approval: (id, o) => real.approval(id, o),
      decideApproval: (id, d, o) => real.decideApproval(id, d, o),
      feedback: (after, limit, o) => {
        gone();
        return real.feedback!(after, limit, o);
      },
      submit: async (body, o) => {
        gone();
        // every frozen-balance query id is known; a measure goes only under an id in the outbox
        if (body.kind === 'query') this.b.requeryIds.add(body.clientRequestId);
        else if (!this.b.disk.getMeasure(body.clientRequestId)) this.b.errors.push(`submit under an id not in the outbox: ${body.clientRequestId}`);
        const end = body.kind === 'query' ? undefined : this.b.wire.begin(body.clientRequestId, 'submit', this.generation);
        let res;
        try {
          res = await real.submit(body, o);
        } catch (e) {
          end?.(resultOf(e));
          throw e;
        }
        end?.('ok');
        if (this.b.killFor(body.clientRequestId, 'after-submit-wire')) {
          this.b.kill(this, 'after-submit-wire');
          throw new ProcessGone();
        }
        return res;
      },
      status: (id, o) => this.status(real, id, o),
    };
  }

  private async status(real: GatewayClient, id: string, o: Parameters<GatewayClient['status']>[1]): Promise<GatewayAnswer<StatusAnswer>> {
    if (!this.alive) throw new ProcessGone();
    const t = this.b.tally;
    const n = (this.calls.get(id) ?? 0) + 1;
    this.calls.set(id, n);
    const seen = this.history.get(id) ?? [];
    const u = draw('status', this.generation, id, n);
    if (seen.length > 0 && u < STALE_RATE) {
      t.staleAnswers += 1;
      return seen[Math.floor(draw('stalePick', this.generation, id, n) * seen.length)]!;
    }
    if (u < STALE_RATE + MISDELIVERED_RATE) {
      const other = [...this.history.values()].find((h) => h.length > 0 && h[0]!.value.clientRequestId !== id);
      if (other) {
        t.misdelivered += 1;
        return other[other.length - 1]!;
      }
    }
    const end = this.b.wire.begin(id, 'status', this.generation);
    let a;
    try {
      a = await real.status(id, o);
    } catch (e) {
      end(resultOf(e));
      throw e;
    }
    end('ok');
    seen.push(a);
    this.history.set(id, seen);
    return a;
  }
}
