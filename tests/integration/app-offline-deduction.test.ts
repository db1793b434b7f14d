/**
 * A deduction prepared on a field trip, with no network: it is kept as a draft on the last known
 * balance, nothing is sent; back online it goes only after a fresh re-query and a new confirmation
 * (docs/domain.md rule 6).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
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

/** The court network between this workstation and the gateway: a loopback TCP relay the test can cut. */
function relay(target: number) {
  let server: net.Server | undefined;
  const sockets = new Set<net.Socket>();
  let port = 0;
  const up = () => new Promise<void>((resolve) => {
    server = net.createServer((inbound) => {
      const out = net.connect(target, '127.0.0.1');
      for (const s of [inbound, out]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      inbound.pipe(out).pipe(inbound);
    }).listen(port, '127.0.0.1', () => {
      port = (server!.address() as net.AddressInfo).port;
      resolve();
    });
  });
  const down = () => new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy();
    server?.close(() => resolve());
  });
  return { up, down, url: () => `http://127.0.0.1:${port}` };
}
const link = { current: undefined as ReturnType<typeof relay> | undefined };
const driver = appDriver(() => core);
const { call, value } = driver;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ck-offline-'));
  sandbox = await startSandbox({ knobs: { latencyScale: 0.01 }, stationSecret: 'field-trip-secret' });
  link.current = relay(Number(new URL(sandbox.url).port));
  await link.current.up();
  core = await startCore({
    dataDir: dir, mode: 'host', version: 'test',
    env: { CK_GATEWAY_URL: link.current.url(), CK_STATION_ID: sandbox.stationId, CK_STATION_SECRET: 'field-trip-secret', CK_COURT: sandbox.court, CK_COURT_NAME: '贵州省贵阳市云岩区人民法院' },
  });
  await setUpAs(driver, sandbox, 'F520103001', PASSWORD);
});
afterAll(async () => {
  await core?.close();
  await link.current?.down();
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a deduction prepared offline', () => {
  it('waits as a draft and goes only after a fresh balance and a new confirmation', async () => {
    const { c, freeze } = await caseWithFrozenDeposit(driver, sandbox, 10_000_000);

    // the network goes away
    await link.current!.down();
    const offline = await value<DeductionPrep>('deduction', 'prepare', { freezeId: freeze.id });
    expect(offline.fresh).toBe(false);
    const amount = Math.min(offline.suggested, offline.approvalThreshold);
    const totalsBefore = sandbox.ledger.totals();
    const { measure: draft } = await value<{ measure: Measure }>('deduction', 'submit', { freezeId: freeze.id, amount, courtAccountId: offline.courtAccounts[0]!.id, checkedAt: offline.checkedAt, pin: PASSWORD });
    expect(draft.state).toBe('draft');
    expect((await value<Measure[]>('measures', 'outbox')).map((m) => m.id)).toContain(draft.id);

    // back online: a draft never goes on the old balance …
    await link.current!.up();
    const stale = await call('deduction', 'confirm', { measureId: draft.id, checkedAt: offline.checkedAt, pin: PASSWORD });
    expect(stale).toMatchObject({ ok: false, error: { field: 'checkedAt' } });
    expect(sandbox.ledger.totals().courtTotal).toBe(totalsBefore.courtTotal);
    // … only on a fresh one, confirmed again
    // the engine notices the network is back on its next probe; until then the judge sees the stale mark and re-checks
    const fresh = await waitFor(async () => {
      const p = await value<DeductionPrep>('deduction', 'prepare', { freezeId: freeze.id });
      return p.fresh ? p : undefined;
    });
    expect(fresh.fresh).toBe(true);
    const { measure } = await value<{ measure: Measure }>('deduction', 'confirm', { measureId: draft.id, checkedAt: fresh.checkedAt, pin: PASSWORD });
    expect(measure.id).toBe(draft.id);
    await waitFor(async () => ((await value<CaseMeasures>('measures', 'list', { caseId: c.id })).measures.find((m) => m.id === draft.id)?.state === 'executed' ? true : undefined));
    expect(sandbox.ledger.totals().courtTotal - totalsBefore.courtTotal).toBe(amount);
    expect(sandbox.stats().executions?.[draft.id]).toBe(1);
  });
});
