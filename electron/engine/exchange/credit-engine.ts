/**
 * The credit engine: the exchange runner (runner.ts) with the ledger policy (ledger-steps.ts) over
 * the credit platform's outbox (store.creditExchanges), with the listing and restriction policies. open() at sign-in takes up
 * what a restart left; kick(id) sends an exchange just submitted. Every change of an exchange's
 * state is told to `events.exchange` (the services emit 'credit.exchange' from it).
 */
import type { CreditExchange, CreditExchangeState } from '../../../shared/domain/credit';
import type { CreditExchangePatch } from '../../store/credit-exchanges';
import type { GatewayClient } from '../gateway-client';
import type { CreditSubmitBody } from '../gateway-wire';
import { creditExchangePolicy } from './credit-policies';
import type { ExchangeLedger, ExchangeOutcome } from './policy';
import { Lifetime } from '../lifetime';
import { LedgerSteps, type LedgerJob, type RunnerLog, type RunnerTuning } from './ledger-steps';
import { ExchangeRunner } from './runner';
import type { ExchangeWire } from './wire';

/** What the engine needs of the outbox (electron/store/credit-exchanges.ts). */
export interface CreditOutbox {
  get(id: string): CreditExchange | undefined;
  open(): CreditExchange[];
  patch(id: string, p: CreditExchangePatch): CreditExchange;
}

export interface CreditEngineOptions {
  store: CreditOutbox;
  client: Pick<GatewayClient, 'status' | 'submitCredit'>;
  events?: { exchange?: (x: CreditExchange) => void };
  tuning?: Partial<RunnerTuning>;
  random?: () => number;
  log?: RunnerLog;
}

export interface CreditEngine {
  /** takes up every open exchange; returns how many were started */
  open(): number;
  /** sends this exchange (just submitted to the outbox); false when settled, unknown or already going */
  kick(id: string): boolean;
  /** resolves when no exchange is being worked on */
  idle(): Promise<void>;
  /** cancels every wait and call; each exchange stays as stored and open() takes it up again */
  stop(): Promise<void>;
}

const PHASE: Record<CreditExchangeState, 'queued' | 'sent' | 'unknown' | 'final'> = {
  queued: 'queued', sent: 'sent', unknown: 'unknown', accepted: 'final', rejected: 'final',
};

class CreditLedger implements ExchangeLedger<CreditExchange> {
  constructor(private readonly store: CreditOutbox, private readonly told: (x: CreditExchange) => void) {}

  get(id: string) {
    return this.store.get(id);
  }

  open() {
    return this.store.open();
  }

  phaseOf(x: CreditExchange) {
    return PHASE[x.state];
  }

  private move(id: string, p: CreditExchangePatch): CreditExchange {
    const before = this.store.get(id);
    const after = this.store.patch(id, p);
    if (!before || before.state !== after.state || before.attempts !== after.attempts) this.told(after);
    return after;
  }

  markSent = (id: string) => this.move(id, { state: 'sent', attempted: true });
  markUnknown = (id: string) => this.move(id, { state: 'unknown' });
  markQueued = (id: string) => this.move(id, { state: 'queued' });
  markHeld = (id: string) => this.move(id, { state: 'sent' });

  settle(id: string, o: ExchangeOutcome): CreditExchange {
    return o.result === 'accepted'
      ? this.move(id, { state: 'accepted', ...(o.platformRef ? { platformRef: o.platformRef } : {}) })
      : this.move(id, { state: 'rejected', reason: o.reason });
  }
}

export function createCreditEngine(o: CreditEngineOptions): CreditEngine {
  const submitCredit = o.client.submitCredit?.bind(o.client);
  const wire: ExchangeWire<CreditSubmitBody> = {
    submit: (body, c) => {
      if (!submitCredit) throw new Error('this gateway client has no credit platform channel');
      return submitCredit(body, c);
    },
    status: (id, c) => o.client.status(id, c),
  };
  const told = (x: CreditExchange) => {
    try {
      o.events?.exchange?.(x);
    } catch {
      // a listener's failure does not stop the exchange
    }
  };
  const life = new Lifetime();
  const steps = new LedgerSteps({
    policy: creditExchangePolicy, ledger: new CreditLedger(o.store, told), wire, life,
    ...(o.tuning ? { tuning: o.tuning } : {}), ...(o.random ? { random: o.random } : {}), ...(o.log ? { log: o.log } : {}),
  });
  const runner = new ExchangeRunner<LedgerJob<CreditExchange>>(life, steps);
  const kick = (id: string): boolean => {
    if (life.stopped || runner.busy(id)) return false;
    const x = steps.jobFor(id);
    return x ? runner.start(id, () => x.job, x.first) : false;
  };
  return {
    open: () => {
      let n = 0;
      for (const x of o.store.open()) if (kick(x.id)) n += 1;
      return n;
    },
    kick,
    idle: () => runner.idle(),
    stop: async () => {
      life.stop();
      steps.cancelAll();
      await runner.stop();
    },
  };
}
