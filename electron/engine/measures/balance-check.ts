/**
 * The balance-check policy of the outline (exchange/outline.ts; docs/architecture.md §5): a
 * frozen-balance re-query is a query under its own new id, answered while the judge waits. It
 * waits for a gate only while the network is up, gives up at its deadline or after the channel's
 * maxAttempts setbacks, and never leaves anything in the outbox: the answer is returned, every
 * failure thrown to the caller.
 */
import type { ChannelId } from '../../../shared/domain/channels';
import { afterRetryAfter, pollDelay } from '../backoff';
import type { ChannelLane } from '../channel-lane';
import type { GatewayClient } from '../gateway-client';
import { GatewayGarbage, GatewayHttpError, GatewayNoAnswer, GatewayUnreachable, type GatewayFailure } from '../gateway-errors';
import type { SubmitBody } from '../gateway-wire';
import type { Lifetime } from '../lifetime';
import type { NetworkMonitor } from '../network-monitor';
import type { ChannelLimits, EngineLog } from '../types';
import type { ExchangeRunner } from '../exchange/runner';
import type { AskPhase, ExchangeSteps, Phase, Status, Step } from '../exchange/outline';
import { failureFor, MeasureFailure } from './measure-errors';
import { FeedbackMismatch, frozenBalanceOf, measureFeedbackSchema, type FrozenBalance } from './measure-feedback';

const WHAT = '冻结余额复查';

export interface BalanceCheckDeps {
  client: GatewayClient;
  network: NetworkMonitor;
  life: Lifetime;
  log: EngineLog;
  random: () => number;
  mono: () => number;
  backoff: (n: number) => number;
  tuning: { retryBaseMs: number; pollFactor: number; pollMaxIntervalMs: number };
}

export interface BalanceCheck {
  id: string;
  freezeId: string;
  channel: ChannelId;
  body: SubmitBody;
  lane: ChannelLane;
  limits: ChannelLimits;
  officerCode: string;
  deadline: number;
}

export interface BalanceCheckJob extends BalanceCheck {
  polls: number;
  failures: number;
  pollNow: boolean;
  last: GatewayFailure | undefined;
  result: FrozenBalance | undefined;
  error: unknown;
}

type Submitted = Awaited<ReturnType<GatewayClient['submit']>>;

/** The balance-check policy, for the runner the measure engine keeps for its re-queries. */
export function balanceCheckSteps(d: BalanceCheckDeps): ExchangeSteps<BalanceCheckJob, Submitted> {
  const call = (j: BalanceCheckJob) => ({ officerCode: j.officerCode, timeoutMs: j.limits.timeoutMs, signal: d.life.signal });
  // Waits for a gate only while the network is up: the deduction panel wants an answer, not a queue.
  const gate = <T>(j: BalanceCheckJob, kind: 'submit' | 'status', fn: () => Promise<T>): Promise<T> => {
    if (!d.network.online) throw new GatewayUnreachable('OFFLINE');
    return j.lane.run(kind, fn);
  };
  const setback = async (j: BalanceCheckJob, f: GatewayFailure): Promise<void> => {
    j.last = f;
    j.failures += 1;
    if (j.failures > Math.max(1, j.limits.maxAttempts)) throw failureFor(f, WHAT);
    await d.life.sleep(d.backoff(j.failures - 1));
  };
  const inTime = (j: BalanceCheckJob): undefined => {
    if (d.mono() > j.deadline) throw failureFor(j.last ?? new GatewayNoAnswer('timeout'), WHAT);
    return undefined;
  };
  const waitLimited = (j: BalanceCheckJob, e: GatewayHttpError): Promise<'again'> => {
    j.last = e;
    return d.life.sleep(afterRetryAfter(e.retryAfterMs ?? 1_000, d.tuning.retryBaseMs, d.random)).then(() => 'again' as const);
  };
  return {
    beforeSend: inTime,
    send: (j) => gate(j, 'submit', () => d.client.submit(j.body, call(j))),
    accepted: (j, res) => {
      j.pollNow = res.value.status === 'answered' || res.value.status === 'rejected';
      j.failures = 0;
      return 'poll';
    },
    submitFailed: (j, e, why) => {
      if (why === 'unknown') return setback(j, e).then(() => 'resolve' as const);
      if (why === 'limited') {
        j.lane.bucket.pauseUntil(d.mono() + ((e as GatewayHttpError).retryAfterMs ?? 1_000));
        return waitLimited(j, e as GatewayHttpError);
      }
      if (why === 'transient') return setback(j, e).then(() => 'again' as const);
      // unreachable, a conflict or a refusal: the judge is told at once
      throw failureFor(e, WHAT);
    },
    beforeAsk: (j, phase) => {
      inTime(j);
      if (j.pollNow) j.pollNow = false;
      else if (phase === 'poll') {
        return d.life.sleep(pollDelay(j.polls, { intervalMs: j.limits.pollIntervalMs, factor: d.tuning.pollFactor, maxIntervalMs: d.tuning.pollMaxIntervalMs }, d.random)).then(() => undefined);
      }
      return undefined;
    },
    ask: (j) => gate(j, 'status', () => d.client.status(j.id, call(j))),
    statusFailed: (j, e, why) => {
      // never received (or forgotten): the same query again under its own id
      if (why === 'not-found') return setback(j, e).then(() => 'submit' as const);
      if (why === 'limited') return waitLimited(j, e as GatewayHttpError);
      if (why === 'garbage' || why === 'unknown') return setback(j, e).then(() => 'again' as const);
      throw failureFor(e, WHAT);
    },
    answered: (j, ans, phase) => answered(d, j, ans, phase, setback),
    crashed: (j, e) => {
      j.error = e;
    },
  };
}

function answered(d: BalanceCheckDeps, j: BalanceCheckJob, ans: Status, phase: AskPhase, setback: (j: BalanceCheckJob, f: GatewayFailure) => Promise<void>): Step | Promise<Step> {
  j.failures = 0;
  j.polls += 1;
  // after any answer the check polls on
  const keep: Step = phase === 'poll' ? 'again' : 'poll';
  const v = ans.value;
  if (v.clientRequestId !== j.id) return setback(j, new GatewayGarbage(200, 'answer about another request id')).then(() => keep);
  if (v.status === 'accepted' || v.status === 'processing') {
    if (j.polls >= j.limits.maxPolls) throw failureFor(new GatewayNoAnswer('timeout'), WHAT);
    return keep;
  }
  const parsed = v.feedback === undefined ? undefined : measureFeedbackSchema.safeParse(v.feedback);
  const rejection = v.status === 'rejected' ? (parsed?.success ? parsed.data.rejection : undefined) ?? v.rejection
    : parsed?.success && parsed.data.result === 'rejected' ? parsed.data.rejection : undefined;
  if (rejection) {
    d.log('info', 'frozen balance re-query rejected', { requestId: j.id, freezeId: j.freezeId, channel: j.channel, code: rejection.code });
    throw new MeasureFailure('AGENCY_REJECTED', {
      zh: `协助执行单位拒绝复查：${rejection.message || rejection.code}（${rejection.code}）`, en: `the agency refused the re-query (${rejection.code})`,
    }, { code: rejection.code, message: rejection.message });
  }
  if (!parsed?.success) return setback(j, new GatewayGarbage(200, 'feedback not in the measure format')).then(() => keep);
  try {
    j.result = frozenBalanceOf(j.id, j.freezeId, parsed.data);
  } catch (e) {
    if (!(e instanceof FeedbackMismatch)) throw e;
    return setback(j, new GatewayGarbage(200, e.what)).then(() => keep);
  }
  d.log('info', 'frozen balance re-queried', { requestId: j.id, freezeId: j.freezeId, channel: j.channel, status: j.result.freezeStatus, polls: j.polls });
  return 'done' satisfies Phase;
}

/** Runs one balance check to its answer on the runner; throws what ended it (a stop as the lifetime's reason). */
export async function runBalanceCheck(runner: ExchangeRunner<BalanceCheckJob>, life: Lifetime, c: BalanceCheck): Promise<FrozenBalance> {
  const job: BalanceCheckJob = { ...c, polls: 0, failures: 0, pollNow: false, last: undefined, result: undefined, error: undefined };
  await runner.run(job, 'submit');
  if (job.error !== undefined) throw job.error;
  if (job.result) return job.result;
  throw life.reason;
}
