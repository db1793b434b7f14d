/**
 * Exactly once under faults (docs/domain.md rule 7), randomized and seeded: at least 1,000 runs of
 * freezes and deductions (some with a renewal and a part release, some a second case's freeze on an
 * account already frozen) against the sandbox network with timeouts, answers lost after execution,
 * busy gateways, unreadable answers, feedback held back (out of order) and delivered twice, stale
 * and misdelivered status answers, and the process killed at named points:
 *
 *   before-send          the outbox holds the measure; the 'sent' write never lands
 *   after-sent-write     'sent' is on disk; the bytes never leave
 *   after-submit-wire    the gateway has the request (executed); the answer never comes back
 *   before-outcome-write the agency's answer is in; 'executed'/'rejected' never lands
 *
 * A kill stops the engine abruptly (stop() not awaited) and cuts it off from the store and the
 * network, as a dead process is; a NEW engine is then built over the same store and resumes.
 * Every kill point is hit in every run (planned on a measure until it is).
 *
 * The same harness runs over the in-memory store (1,000 runs), over the real encrypted store (a
 * SQLCipher file in a temporary folder: a killed process's connection is closed and the next one
 * opens the file anew), and with two processes alive at once over that file, both resuming the
 * outbox (harness: measures-fault-kit.ts, measures-fault-disk.ts).
 *
 * Then, per sandbox: no measure reached the ledger twice, none was executed under an id the
 * program did not decide, none is left in the outbox (queued, sent or unknown), every refusal has
 * its reason, the ledger's money is conserved and the court account holds exactly the executed
 * deductions; on the wire, a measure id that may have reached the gateway was submitted again only
 * after a 404 for it (docs/gateway-protocol.md "Unknown outcome"). The seed is printed;
 * CK_FAULT_SEED=<seed> reproduces the decisions and fault draws.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Measure } from '../../shared/domain/measures';
import { startSandbox } from '../../electron/sandbox';
import {
  admin, contextFor, courtAccountOf, endsOnIn, pickTargets, SECRET, SEED as POPULATION_SEED,
  type CourtAccountsView, type LedgerTotals, type Target,
} from './engine-measures-kit';
import { MemoryDisk, SqlcipherDisk, type Disk } from './measures-fault-disk';
import { Batch, draw, KILL_POINTS, KNOBS, newTally, SEED, type Tally } from './measures-fault-kit';

const RUNS = Math.max(1_000, Number(process.env.CK_FAULT_RUNS ?? 1_000));
/** over the encrypted store every write is a synchronous=FULL commit on disk: fewer runs, every kill point still hit */
const SQLCIPHER_RUNS = Math.max(200, Number(process.env.CK_FAULT_SQLCIPHER_RUNS ?? 250));
const TWO_ENGINE_RUNS = Math.max(100, Number(process.env.CK_FAULT_TWO_ENGINE_RUNS ?? 200));
const PER_BATCH = 100;

interface Run {
  n: number;
  target: Target;
  caseNumber: string;
  variant: 'freeze-deduct' | 'renew-release-deduct' | 'second-case';
}

/** One run: decide a freeze, follow it, re-query, deduct; as a judge would, through the outbox. */
async function drive(b: Batch, r: Run): Promise<void> {
  const t = r.target;
  const ctx = contextFor(t, r.caseNumber);
  b.disk.admit(t, r.caseNumber);
  const final = (id: string) => b.disk.until(id, (m) => m.state === 'executed' || m.state === 'rejected', 45_000);
  const u = (what: string) => draw('run', b.batch, r.n, what);
  const decideAndSend = (m: Measure): Promise<Measure> => {
    b.tally.measures += 1;
    if (u(`reinsert-${m.kind}`) < 0.05) {
      // the same decision written twice: the outbox refuses the second
      try {
        b.disk.store.insertMeasure(m);
      } catch {
        b.tally.duplicateInserts += 1;
      }
    }
    b.send(m, ctx);
    return final(m.id);
  };

  const ask = Math.max(1_000, Math.floor(t.balance * (0.2 + u('amount') * 1.0)));
  const fz = await decideAndSend(b.decide.freeze(t, r.caseNumber, ask, endsOnIn(30 + Math.floor(u('ends') * 300))));
  if (fz.state !== 'executed' || (fz.outcome?.queuePosition ?? 0) > 0 || !fz.outcome?.frozenAmount) return;
  if (r.variant === 'renew-release-deduct') {
    await decideAndSend(b.decide.renew(t, fz, endsOnIn(340 + Math.floor(u('renew') * 20))));
    const part = Math.max(1, Math.floor(fz.outcome.frozenAmount * 0.1));
    await decideAndSend(b.decide.unfreeze(t, fz, part));
  }
  const now = await b.frozenBalance(fz, ctx);
  if (!now || now.freezeStatus !== 'in_force' || !now.frozenAmount) return;
  // now and then more than the freeze holds: the agency refuses with INSUFFICIENT_FROZEN
  const amount = u('greedy') < 0.05 ? now.frozenAmount + 1 : Math.max(1, Math.floor(now.frozenAmount * (0.3 + u('take') * 0.7)));
  await decideAndSend(b.decide.deduct(t, fz, amount, courtAccountOf(b.sb)));
}

function plansFor(batch: number, runs: number, targets: Target[], docketNumbers: string[]): Run[] {
  const plans: Run[] = [];
  const offset = Math.floor(draw('offset', batch) * targets.length);
  for (let i = 0; i < runs; i++) {
    const v = draw('variant', batch, i);
    const variant: Run['variant'] = v < 0.7 ? 'freeze-deduct' : v < 0.85 ? 'renew-release-deduct' : 'second-case';
    // a second case's freeze lands on an account another run of this batch freezes too
    const target = variant === 'second-case' ? targets[(offset + Math.floor(draw('shared', batch, i) * i)) % targets.length]! : targets[(offset + i) % targets.length]!;
    const caseNumber = variant === 'second-case' ? docketNumbers.find((c) => c !== target.case.number)! : target.case.number;
    plans.push({ n: i, target, caseNumber, variant });
  }
  return plans;
}

interface Before {
  ledger: LedgerTotals;
  court: number;
}

/** the invariants over one batch, after it settled */
async function checkBatch(b: Batch, plans: Run[], before: Before): Promise<void> {
  const { batch, sb, tally } = b;
  const all = b.disk.all();
  const ids = new Set(all.map((m) => m.id));
  // zero lost: nothing left owing an outcome, every refusal with its reason
  expect(b.disk.listOutbox().map((m) => `${m.kind} ${m.id} ${m.state}`), `batch ${batch}: left in the outbox`).toEqual([]);
  for (const m of all) {
    expect(['executed', 'rejected'], `batch ${batch}: ${m.kind} ${m.id}`).toContain(m.state);
    if (m.state === 'rejected') expect(m.outcome?.rejection?.code ?? m.error?.code, `${m.id} reason`).toBeTruthy();
  }
  // zero double measures: each id reached the ledger at most once; executed ones exactly once;
  // nothing was executed under an id the program did not decide (no new ids, no re-decisions)
  const st = sb.stats();
  for (const [id, n] of Object.entries(st.executions)) {
    expect(n, `batch ${batch}: executions of ${id}`).toBeLessThanOrEqual(1);
    if (!ids.has(id)) expect(b.requeryIds.has(id), `batch ${batch}: executed id ${id} not decided`).toBe(true);
  }
  for (const m of all) if (m.state === 'executed') expect(st.executions[m.id], `batch ${batch}: ${m.kind} ${m.id} executed`).toBe(1);
  expect(st.totals.conflicts, `batch ${batch}: idempotency conflicts`).toBe(0);
  // on the wire: an id that may have reached the gateway went out again only after a 404 for it
  const resends = b.wire.check(ids, tally);
  if (resends.length) console.log(resends.join("\n"));
  expect(resends, `batch ${batch}: re-submits not after a 404`).toEqual([]);
  // money: conserved, and the court account holds exactly the executed deductions, each once
  const deducted = all.filter((m) => m.kind === 'deduct' && m.state === 'executed').reduce((s, m) => s + m.outcome!.deductedAmount!, 0);
  const after = await admin<LedgerTotals>(sb, '/sandbox/v1/ledger-totals');
  expect(after.conserved, `batch ${batch}: money conserved`).toBe(true);
  expect(after.initialTotal).toBe(before.ledger.initialTotal);
  expect(after.debtorsTotal + after.courtTotal).toBe(before.ledger.initialTotal);
  const court = (await admin<CourtAccountsView>(sb, '/sandbox/v1/court-account?court=黔0103')).accounts[0]!;
  expect(court.balance - before.court, `batch ${batch}: court account`).toBe(deducted);
  expect(after.courtTotal - before.ledger.courtTotal).toBe(deducted);
  const receipts = new Map<string, number>();
  for (const r of court.receipts) receipts.set(r.requestId, (receipts.get(r.requestId) ?? 0) + 1);
  for (const m of all.filter((x) => x.kind === 'deduct')) expect(receipts.get(m.id) ?? 0, `receipts of ${m.id}`).toBe(m.state === 'executed' ? 1 : 0);
  // the program's own errors (a 409, a body that changed, a fault inside the engine): none
  expect(b.errors, `batch ${batch}: engine errors`).toEqual([]);
  // logs carry ids, channels, codes and counts only
  const text = b.logText.join('\n');
  for (const t of new Set(plans.map((p) => p.target))) {
    for (const s of [t.debtor.name, t.debtor.idNumber, t.accountNo]) expect(text.includes(s), `batch ${batch}: personal data in the log`).toBe(false);
  }

  tally.executed += all.filter((m) => m.state === 'executed').length;
  tally.rejected += all.filter((m) => m.state === 'rejected').length;
  tally.deducted += deducted;
  tally.courtReceived += court.balance - before.court;
  tally.lostAnswers += st.totals.faults.lostAnswer;
  tally.timeouts += st.totals.faults.timeout;
  tally.busy += st.totals.faults.error;
  tally.garbage += st.totals.faults.garbage;
  tally.outOfOrder += st.totals.faults.outOfOrder;
  tally.duplicateFeedback += st.totals.faults.duplicate;
  tally.gatewayDuplicates += st.totals.duplicates;
}

interface Variant {
  label: string;
  runs: number;
  disk: () => Disk;
  engines: 1 | 2;
}

async function runBatch(v: Variant, tally: Tally, batch: number, runs: number, targets: Target[], docketNumbers: string[]): Promise<void> {
  const sb = await startSandbox({ seed: POPULATION_SEED, stationSecret: SECRET, knobs: KNOBS });
  const disk = v.disk();
  const b = new Batch(sb, batch, disk, tally, v.engines);
  try {
    const ledger = await admin<LedgerTotals>(sb, '/sandbox/v1/ledger-totals');
    const court = (await admin<CourtAccountsView>(sb, '/sandbox/v1/court-account?court=黔0103')).accounts[0]!.balance;
    const plans = plansFor(batch, runs, targets, docketNumbers);
    const results = await Promise.allSettled(plans.map((r) => drive(b, r)));
    const failed = results.find((x): x is PromiseRejectedResult => x.status === 'rejected');
    if (failed) throw failed.reason;
    await b.settle();
    tally.runs += runs;
    await checkBatch(b, plans, { ledger, court });
  } finally {
    await b.close();
    disk.close();
    await sb.close();
  }
}

function tallyLine(v: Variant, t: Tally, seconds: number): string {
  return `measures-fault ${v.label} seed=${SEED} runs=${t.runs} measures=${t.measures} executed=${t.executed} rejected=${t.rejected} `
    + `lostAnswers=${t.lostAnswers} timeouts=${t.timeouts} busy=${t.busy} garbage=${t.garbage} outOfOrder=${t.outOfOrder} `
    + `duplicateFeedback=${t.duplicateFeedback} staleAnswers=${t.staleAnswers} misdelivered=${t.misdelivered} `
    + `kills=${t.kills} (${KILL_POINTS.map((k) => `${k}:${t.killsAt[k]}`).join(' ')}; forced plans:${t.forcedKills}) reopened=${t.reopened} resumed=${t.resumed} `
    + `duplicatesRefused=${t.duplicateSends + t.duplicateInserts} (sends:${t.duplicateSends} inserts:${t.duplicateInserts}) `
    + `gatewayDuplicates=${t.gatewayDuplicates} unknownOutcomes=${t.unknownOutcomes} resubmits=${t.resubmits} heldElsewhere=${t.heldElsewhere} `
    + `wire=(submits:${t.wireSubmits} sameIdResends:${t.wireResends} notFound:${t.wireNotFound}) `
    + `feedApplied=${t.feedApplied} feedIgnored=${t.feedIgnored} `
    + `requeries=${t.requeriesAnswered}/${t.requeries} deductedFen=${t.deducted} courtReceivedFen=${t.courtReceived} seconds=${seconds.toFixed(1)}`;
}

async function runVariant(v: Variant): Promise<Tally> {
  const t0 = performance.now();
  const tally = newTally();
  const probe = await startSandbox({ seed: POPULATION_SEED, stationSecret: SECRET });
  const targets = pickTargets(probe.population, 10_000);
  const docketNumbers = probe.population.docket.map((c) => c.number);
  await probe.close();
  expect(targets.length).toBeGreaterThanOrEqual(PER_BATCH);
  try {
    for (let batch = 0, left = v.runs; left > 0; batch++) {
      const n = Math.min(PER_BATCH, left);
      await runBatch(v, tally, batch, n, targets, docketNumbers);
      left -= n;
    }
  } finally {
    console.log(tallyLine(v, tally, (performance.now() - t0) / 1000));
  }
  expect(tally.runs).toBeGreaterThanOrEqual(v.runs);
  expect(tally.lostAnswers).toBeGreaterThan(0);
  expect(tally.timeouts).toBeGreaterThan(0);
  // money actually moved, and all of it reached the court's account
  expect(tally.deducted).toBeGreaterThan(0);
  expect(tally.courtReceived).toBe(tally.deducted);
  for (const k of KILL_POINTS) expect(tally.killsAt[k], `kills at ${k}`).toBeGreaterThan(0);
  // the id a measure was sent under went out again (after a 404) now and then
  expect(tally.wireNotFound).toBeGreaterThan(0);
  return tally;
}

describe('measures under faults', () => {
  it(`${RUNS} seeded runs over the in-memory store: no double measure, no lost measure, money conserved`, { timeout: 180_000 }, async () => {
    await runVariant({ label: 'memory', runs: RUNS, disk: () => new MemoryDisk(), engines: 1 });
  });

  it(`${SQLCIPHER_RUNS} seeded runs over the encrypted store, reopened after every kill`, { timeout: 180_000 }, async () => {
    const key = randomBytes(32);
    const t = await runVariant({ label: 'sqlcipher', runs: SQLCIPHER_RUNS, disk: () => new SqlcipherDisk(key), engines: 1 });
    expect(t.reopened).toBe(t.kills);
  });

  it(`${TWO_ENGINE_RUNS} seeded runs with two processes alive at once over one encrypted store`, { timeout: 180_000 }, async () => {
    const key = randomBytes(32);
    await runVariant({ label: 'two-engines', runs: TWO_ENGINE_RUNS, disk: () => new SqlcipherDisk(key), engines: 2 });
  });
});
