/**
 * The sandbox network: a simulation of the agencies speaking the gateway protocol over real HTTP
 * on loopback (docs/gateway-protocol.md). Training ground, default network, and test ground.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { MAX_CLOCK_SKEW_MS } from '../gateway/signing';
import holidayTable from '../../resources/holidays/cn-holidays.json';
import { holidayCalendarFrom } from '../../shared/dates';
import type { Officer } from '../../shared/domain/types';
import { SandboxClock } from './clock';
import { COURT_ACCOUNTS } from './court-accounts';
import type { CourtAccount, Ledger } from './ledger';
import { ledgerFromPopulation } from './ledger-seed';
import { FaultDice, RateWindow } from './faults';
import { DEFAULT_KNOBS, mergeKnobs, type Knobs } from './knobs';
import { DEMO_OFFICERS, OfficerRegister, type RegisterState } from './officers';
import { loadJson, saveJson } from './durable';

const REGISTER_FILE = 'register.json';
import { DEFAULT_SIZE, generatePopulation } from './population';
import { CourtSystem } from './court-system';

/** ¥100,000: deductions above it carry a chief's or the director's signature (the bureau's default too) */
export const DEFAULT_APPROVAL_THRESHOLD = 10_000_000;
import { DEMO_COURT } from './population/docket';
import { makeClosingHistory } from './population/closing-history';
import { DEFAULT_ANSWER_TTL_MS, RequestTable } from './request-table';
import { createSandboxServer } from './server';
import { CheckpointBook } from './checkpoint-book';
import { NonceBook, type SandboxState } from './state';
import { StatsBook, type SandboxStats } from './stats';
import type { Population } from './population/types';
import type { GatewayKey } from '../gateway/checkpoint-receipt';
import { CreditRegistry } from './credit-registry';
import { InflowBook } from './inflows';

export const DEFAULT_SEED = 20250701;
export const DEFAULT_STATION_ID = 'CK-520103-01';

export interface SandboxOptions {
  /** 0 = a random free port (default) */
  port?: number;
  host?: '127.0.0.1';
  seed?: number;
  stationId?: string;
  /** random when absent */
  stationSecret?: string;
  knobs?: Partial<Knobs>;
  /** the sandbox clock's source of real time (tests may inject one); default Date.now */
  now?: () => number;
  /**
   * where the gateway keeps what it must remember across restarts: its officer register (keys,
   * spent enrolment codes), its signing key and its audit checkpoints (docs/gateway-protocol.md);
   * the embedded sandbox keeps it in the data folder; absent: in memory, a new key each start
   */
  stateDir?: string;
  /**
   * how long an answered query is kept after its last delivery, ms (docs/sandbox.md, "Memory");
   * default CK_SANDBOX_ANSWER_TTL_MS or one hour
   */
  answerTtlMs?: number;
  /**
   * how many cases the court's docket holds (docs/sandbox.md, "The population"); default 240. A
   * bigger docket gives the demo judges a bureau's year of cases, as the batch bench needs
   */
  docketCases?: number;
}

/** the answer TTL from the options, else CK_SANDBOX_ANSWER_TTL_MS, else the default */
function answerTtl(o: SandboxOptions): number {
  const env = Number(process.env.CK_SANDBOX_ANSWER_TTL_MS);
  return o.answerTtlMs ?? (Number.isFinite(env) && env > 0 ? env : DEFAULT_ANSWER_TTL_MS);
}

export interface SandboxHandle {
  /** http://127.0.0.1:PORT */
  url: string;
  stationId: string;
  stationSecret: string;
  /** the demo court, 黔0103 */
  court: string;
  officers: Officer[];
  /** the officer register: enrolment codes, registered keys, standing */
  register: OfficerRegister;
  /** the court's case-management system (file a case: courtSystem.file) */
  courtSystem: CourtSystem;
  /** per court, the deduction amount (fen) above which the gateway wants a chief's signature (a trainer may lower it) */
  approvalThresholds: Map<string, number>;
  population: Population;
  /** the agencies' ledger: balances, freezes, waiting queues, court accounts */
  ledger: Ledger;
  /** the credit platform's dishonest list and consumption restrictions */
  credit: CreditRegistry;
  /** the sandbox clock (real time plus the days advanced) */
  clock: SandboxClock;
  /** money arriving in debtors' accounts as the clock moves on (plan one, set the seeded rate) */
  inflows: InflowBook;
  /** the demo court's receiving account, for deductions */
  courtAccount: CourtAccount;
  /** the key that signs audit checkpoint receipts, as GET /gw/v1/keys publishes it */
  gatewayKey: GatewayKey;
  getKnobs(): Knobs;
  setKnobs(k: Partial<Knobs>): void;
  stats(): SandboxStats;
  close(): Promise<void>;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<SandboxHandle> {
  const seed = opts.seed ?? DEFAULT_SEED;
  const host = opts.host ?? '127.0.0.1';
  const officers = new OfficerRegister(DEMO_OFFICERS, seed, loadJson<RegisterState>(opts.stateDir, REGISTER_FILE), (state) => saveJson(opts.stateDir, REGISTER_FILE, state));
  const population = generatePopulation(seed, opts.docketCases ? { ...DEFAULT_SIZE, cases: opts.docketCases } : DEFAULT_SIZE);
  const clock = new SandboxClock(opts.now);
  const seeded = ledgerFromPopulation(population, clock, COURT_ACCOUNTS);
  const submitAttempts = new Map<string, number>();
  const st: SandboxState = {
    seed,
    population,
    court: Object.assign(new CourtSystem(population.docket, DEMO_COURT, makeClosingHistory(population)), { now: () => clock.now() }),
    approvalThresholds: new Map([[DEMO_COURT, DEFAULT_APPROVAL_THRESHOLD]]),
    approvals: new Map(),
    officers,
    station: { id: opts.stationId ?? DEFAULT_STATION_ID, secret: opts.stationSecret ?? randomBytes(32).toString('hex') },
    knobs: mergeKnobs(DEFAULT_KNOBS, opts.knobs ?? {}),
    stats: new StatsBook(() => seeded.ledger.executions),
    requests: new RequestTable({ ttlMs: answerTtl(opts), forget: (id) => submitAttempts.delete(id) }),
    dice: new FaultDice(seed),
    rate: new RateWindow(),
    nonces: new NonceBook(MAX_CLOCK_SKEW_MS),
    ledger: seeded.ledger,
    settleOwner: seeded.settleOwner,
    projectAsset: seeded.project,
    clock,
    submitAttempts,
    held: new Set(),
    checkpoints: CheckpointBook.open(opts.stateDir),
    credit: new CreditRegistry(),
    inflows: new InflowBook(seed, population, seeded.ledger, clock),
  };
  const server = createSandboxServer(st);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    stationId: st.station.id,
    stationSecret: st.station.secret,
    court: DEMO_COURT,
    officers: officers.ofCourt(DEMO_COURT),
    register: officers,
    courtSystem: st.court,
    approvalThresholds: st.approvalThresholds,
    population: st.population,
    ledger: st.ledger,
    credit: st.credit,
    clock,
    inflows: st.inflows,
    courtAccount: COURT_ACCOUNTS.find((a) => a.court === DEMO_COURT)!,
    gatewayKey: st.checkpoints.key,
    getKnobs: () => structuredClone(st.knobs),
    setKnobs: (k) => {
      st.knobs = mergeKnobs(st.knobs, k);
    },
    stats: () => st.stats.snapshot(),
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        for (const t of st.held) clearTimeout(t);
        st.held.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

export type { Knobs, ChannelKnobs } from './knobs';
export type { SandboxStats, ChannelStats, FaultKind } from './stats';
export type { Population, Subject, PersonSubject, CompanySubject, Holdings, DocketCase } from './population/types';
export { DEMO_COURT, DEMO_COURT_NAME } from './population/docket';
export { DEMO_OFFICERS } from './officers';
export { FORMATTERS } from './formats';
export { COURT_ACCOUNTS } from './court-accounts';
export type { CourtAccount, MeasureFeedback, AssetView, LedgerTotals, CourtAccountView, Holder } from './ledger';
