/**
 * Killed in the middle of a deduction: the agency executed it but the answer never came back, and
 * the program stopped with the measure on the wire. Started again, it asks the agency about the
 * same request id and ends with the money deducted exactly once — never sent a second time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore, type Core } from '../../electron/services/core';
import { appDriver, setUpAs, waitFor } from '../helpers/app-driver';
import { caseWithFrozenDeposit } from '../helpers/frozen-deposit';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox';
import type { CaseDetail } from '../../shared/domain/types';
import type { CaseMeasures, DeductionPrep } from '../../shared/domain/measure-views';
import type { Measure } from '../../shared/domain/measures';

const PASSWORD = 'correct horse';
let dir: string;
let sandbox: SandboxHandle;
let core: Core;

const env = () => ({
  CK_GATEWAY_URL: sandbox.url, CK_STATION_ID: sandbox.stationId, CK_STATION_SECRET: sandbox.stationSecret,
  CK_COURT: sandbox.court, CK_COURT_NAME: '贵州省贵阳市云岩区人民法院',
});
const driver = appDriver(() => core);
const { call, value } = driver;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ck-restart-'));
  sandbox = await startSandbox({ knobs: { latencyScale: 0.01 } });
});
afterAll(async () => {
  await core?.close();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a deduction interrupted by a kill', () => {
  it('ends with the money deducted exactly once after a restart', { timeout: 60_000 }, async () => {
    core = await startCore({ dataDir: dir, mode: 'host', version: 'test', env: env() });
    await setUpAs(driver, sandbox, 'F520103001', PASSWORD);
    // a real deployment configures the court's receiving account; here, the sandbox court's
    // a case whose only debtor has free deposits
    const { c, freeze } = await caseWithFrozenDeposit(driver, sandbox);

    const prep = await value<DeductionPrep>('deduction', 'prepare', { freezeId: freeze.id });
    const amount = Math.min(prep.suggested, prep.approvalThreshold);
    const totalsBefore = sandbox.ledger.totals();
    // the agency executes, but its answer is lost and every later answer hangs: the outcome is unknown;
    // the agency's own feedback comes a second or more later (latency × 5), so the station's feed
    // cannot bring it before the kill either
    sandbox.setKnobs({ channels: { [freeze.channel]: { lostAnswerRate: 1, timeoutRate: 1, hangMs: 60_000, latencyScale: 5 } } });
    const { measure } = await value<{ measure: Measure }>('deduction', 'submit', { freezeId: freeze.id, amount, courtAccountId: prep.courtAccounts[0]!.id, checkedAt: prep.checkedAt, pin: PASSWORD });
    await waitFor(async () => (sandbox.stats().executions?.[measure.id] === 1 ? true : undefined));
    const recoveredBefore = (await value<CaseDetail>('cases', 'get', { caseId: c.id })).recovered;
    const inFlight = (await value<CaseMeasures>('measures', 'list', { caseId: c.id })).measures.find((x) => x.id === measure.id)!;
    expect(['sent', 'unknown']).toContain(inFlight.state); // executed there, not known here

    // kill: the engine stops where it is, writing nothing more
    await core.close();
    sandbox.setKnobs({ channels: { [freeze.channel]: { lostAnswerRate: 0, timeoutRate: 0, latencyScale: 0.01 } } });

    core = await startCore({ dataDir: dir, mode: 'host', version: 'test', env: env() });
    await value('session', 'signIn', { officerCode: 'F520103001', password: PASSWORD });
    const done = await waitFor(async () => {
      const m = (await value<CaseMeasures>('measures', 'list', { caseId: c.id })).measures.find((x) => x.id === measure.id);
      return m?.state === 'executed' ? m : undefined;
    }, 45_000);
    expect(done.outcome?.deductedAmount).toBe(amount);
    expect(sandbox.stats().executions?.[measure.id]).toBe(1);
    const totals = sandbox.ledger.totals();
    expect(totals.conserved).toBe(true);
    expect(totals.courtTotal - totalsBefore.courtTotal).toBe(amount);
    expect((await value<CaseDetail>('cases', 'get', { caseId: c.id })).recovered).toBe(recoveredBefore + amount);
    const deductions = (await value<CaseMeasures>('measures', 'list', { caseId: c.id })).measures.filter((m) => m.kind === 'deduct');
    expect(deductions).toHaveLength(1);
  });
});
