/**
 * A deduction prepared on a field trip, with no network: it is kept as a draft on the last known
 * balance, nothing is sent; back online it goes only after a fresh re-query and a new confirmation
 * (DOMAIN rule 6).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { startCore, type Core } from '../../electron/services/core';
import { appDriver, waitFor } from '../helpers/app-driver';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox';
import type { CaseDetail, CaseQueryView, CaseSummary } from '../../shared/domain/types';
import type { CaseMeasures, DeductionPrep, FreezePlan } from '../../shared/domain/measure-views';
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
const { call, value } = appDriver(() => core);

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ck-offline-'));
  sandbox = await startSandbox({ knobs: { latencyScale: 0.01 }, stationSecret: 'field-trip-secret' });
  link.current = relay(Number(new URL(sandbox.url).port));
  await link.current.up();
  core = await startCore({
    dataDir: dir, mode: 'host', version: 'test',
    env: { CK_GATEWAY_URL: link.current.url(), CK_STATION_ID: sandbox.stationId, CK_STATION_SECRET: 'field-trip-secret', CK_COURT: sandbox.court, CK_COURT_NAME: '贵州省贵阳市云岩区人民法院' },
  });
  await value('session', 'setUp', { officerCode: 'F520103001', password: PASSWORD });
  const a = sandbox.courtAccount;
  await value('settings', 'set', { courtAccounts: [{ id: 'acct-1', bank: a.bank, accountNo: a.accountNo, name: a.name }] });
});
afterAll(async () => {
  await core?.close();
  await link.current?.down();
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a deduction prepared offline', () => {
  it('waits as a draft and goes only after a fresh balance and a new confirmation', async () => {
    const list = await value<{ items: CaseSummary[] }>('cases', 'list', { limit: 500 });
    let c: CaseDetail | undefined;
    for (const s of list.items) {
      const d = await value<CaseDetail>('cases', 'get', { caseId: s.id });
      const debtors = d.parties.filter((p) => p.role === 'debtor');
      const subj = debtors.length === 1 ? sandbox.population.byId.get(debtors[0]!.idNumber) : undefined;
      if (subj && d.amountOwed + d.costs < 10_000_000 && subj.holdings.bankAccounts.some((x) => x.freezes.length === 0 && x.balance > d.amountOwed + d.costs)) {
        c = d;
        break;
      }
    }
    expect(c).toBeDefined();
    await value('query', 'start', { caseId: c!.id });
    await waitFor(async () => {
      const v = await value<CaseQueryView>('query', 'view', { caseId: c!.id });
      return v.requests.every((r) => ['answered', 'failed', 'manual'].includes(r.state)) ? v : undefined;
    });
    const plan = await value<FreezePlan>('measures', 'plan', { caseId: c!.id });
    const first = plan.suggestion.items[0]!;
    const endsOn = plan.candidates.find((x) => x.asset.id === first.assetId)!.maxEndDate;
    const { measures: [freeze] } = await value<{ measures: Measure[] }>('measures', 'freeze', { caseId: c!.id, items: [{ ...first, endsOn }] });
    await waitFor(async () => ((await value<CaseMeasures>('measures', 'list', { caseId: c!.id })).measures.find((m) => m.id === freeze!.id)?.state === 'executed' ? true : undefined));

    // the network goes away
    await link.current!.down();
    const offline = await value<DeductionPrep>('deduction', 'prepare', { freezeId: freeze!.id });
    expect(offline.fresh).toBe(false);
    const amount = Math.min(offline.suggested, offline.approvalThreshold);
    const totalsBefore = sandbox.ledger.totals();
    const { measure: draft } = await value<{ measure: Measure }>('deduction', 'submit', { freezeId: freeze!.id, amount, courtAccountId: 'acct-1', checkedAt: offline.checkedAt, pin: PASSWORD });
    expect(draft.state).toBe('draft');
    expect((await value<Measure[]>('measures', 'outbox')).map((m) => m.id)).toContain(draft.id);

    // back online: a draft never goes on the old balance …
    await link.current!.up();
    const stale = await call('deduction', 'confirm', { measureId: draft.id, checkedAt: offline.checkedAt, pin: PASSWORD });
    expect(stale).toMatchObject({ ok: false, error: { field: 'checkedAt' } });
    expect(sandbox.ledger.totals().courtTotal).toBe(totalsBefore.courtTotal);
    // … only on a fresh one, confirmed again
    const fresh = await value<DeductionPrep>('deduction', 'prepare', { freezeId: freeze!.id });
    expect(fresh.fresh).toBe(true);
    const { measure } = await value<{ measure: Measure }>('deduction', 'confirm', { measureId: draft.id, checkedAt: fresh.checkedAt, pin: PASSWORD });
    expect(measure.id).toBe(draft.id);
    await waitFor(async () => ((await value<CaseMeasures>('measures', 'list', { caseId: c!.id })).measures.find((m) => m.id === draft.id)?.state === 'executed' ? true : undefined));
    expect(sandbox.ledger.totals().courtTotal - totalsBefore.courtTotal).toBe(amount);
    expect(sandbox.stats().executions?.[draft.id]).toBe(1);
  });
});
