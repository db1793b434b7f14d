/**
 * Four eyes on the court's receiving accounts (docs/authority.md): a chief proposes, a second
 * chief or the director confirms, never the proposer; a judge may do neither; settings.set no
 * longer touches the accounts. Through the whole main-process stack, on the sandbox network.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore, type Core } from '../../electron/services/core';
import { appDriver, enrolAs, setUpAs } from '../helpers/app-driver';
import type { AuditEntry } from '../../shared/domain/types';
import type { BureauSettings, CourtAccount, CourtAccountProposal } from '../../shared/domain/measure-views';

const JUDGE = 'F520103001';
const CHIEF_A = 'F520103003';
const CHIEF_B = 'F520103008';
const PASSWORD = 'officer-password-1';

let dir: string;
let core: Core;
const app = appDriver(() => core, 'tab-1');
/** one officer at a time has the workstation: each act signs its officer in first */
const as = (officer: string) => ({
  call: async (g: string, m: string, input?: unknown) => (await signIn(officer), app.call(g, m, input)),
  value: async <T>(g: string, m: string, input?: unknown) => (await signIn(officer), app.value<T>(g, m, input)),
});
let current = '';
async function signIn(officer: string): Promise<void> {
  if (current === officer) return;
  await app.value('session', 'signIn', { officerCode: officer, password: PASSWORD });
  current = officer;
}
const judge = as(JUDGE);
const chiefA = as(CHIEF_A);
const chiefB = as(CHIEF_B);

const NEW_ACCOUNT: CourtAccount = { id: 'ca-new', bank: '贵阳银行云岩支行', accountNo: '1201 0001 0000 0456', name: '贵阳市云岩区人民法院' };

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ck-court-accounts-'));
  core = await startCore({ dataDir: dir, mode: 'host', version: 'test', env: { CK_SANDBOX_LATENCY_SCALE: '0.01' } });
  await setUpAs(app, core.sandbox!, JUDGE, PASSWORD);
  await enrolAs(app, core.sandbox!, CHIEF_A, PASSWORD);
  await enrolAs(app, core.sandbox!, CHIEF_B, PASSWORD);
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('four eyes on the court’s receiving accounts', () => {
  it('settings.set refuses the accounts and points at the proposal flow; the other settings still change', async () => {
    const before = await chiefA.value<BureauSettings>('settings', 'get', {});
    const r = await chiefA.call('settings', 'set', { courtAccounts: [NEW_ACCOUNT] });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'courtAccounts' } });
    if (!r.ok) expect(r.error.detail?.zh).toContain('另一名庭长或局长确认');
    expect((await chiefA.value<BureauSettings>('settings', 'get', {})).courtAccounts).toEqual(before.courtAccounts);
    expect((await chiefA.value<BureauSettings>('settings', 'set', { reminderDays: [30, 7] })).reminderDays).toEqual([30, 7]);
  });

  it('a proposal changes nothing until a second chief confirms it; the proposer and a judge are refused and recorded', async () => {
    const before = await chiefA.value<BureauSettings>('settings', 'get', {});
    const accounts = [...before.courtAccounts, NEW_ACCOUNT];
    expect(await judge.call('settings', 'proposeCourtAccounts', { accounts, reason: '新增专户' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const p = await chiefA.value<CourtAccountProposal>('settings', 'proposeCourtAccounts', { accounts, reason: '财政局新开执行款专户' });
    expect(p).toMatchObject({ status: 'pending', proposedBy: CHIEF_A, previous: before.courtAccounts });
    expect(p.accounts.at(-1)!.accountNo).toBe('1201000100000456');
    expect((await chiefB.value<CourtAccountProposal[]>('settings', 'courtAccountProposals', {})).map((x) => x.id)).toEqual([p.id]);
    expect((await chiefA.value<BureauSettings>('settings', 'get', {})).courtAccounts).toEqual(before.courtAccounts);

    const own = await chiefA.call('settings', 'confirmCourtAccounts', { proposalId: p.id });
    expect(own).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    if (!own.ok) expect(own.error.detail?.zh).toContain('提出人本人不能确认');
    const byJudge = await judge.call('settings', 'confirmCourtAccounts', { proposalId: p.id });
    expect(byJudge).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await judge.value<BureauSettings>('settings', 'get', {})).courtAccounts).toEqual(before.courtAccounts);

    const done = await chiefB.value<{ proposal: CourtAccountProposal; settings: BureauSettings }>('settings', 'confirmCourtAccounts', { proposalId: p.id });
    expect(done.proposal).toMatchObject({ status: 'confirmed', decidedBy: CHIEF_B });
    expect(done.settings.courtAccounts).toEqual(p.accounts);
    expect((await judge.value<BureauSettings>('settings', 'get', {})).courtAccounts).toEqual(p.accounts);
    expect(await chiefB.value<CourtAccountProposal[]>('settings', 'courtAccountProposals', {})).toEqual([]);
    // decided once
    expect(await chiefB.call('settings', 'confirmCourtAccounts', { proposalId: p.id })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    const trail = await chiefB.value<AuditEntry[]>('audit', 'list', { limit: 1000 });
    const proposed = trail.find((e) => e.action === 'settings.courtAccounts.proposed')!;
    expect(proposed.officer).toBe(CHIEF_A);
    expect(JSON.parse(proposed.detail)).toMatchObject({ proposalId: p.id, reason: '财政局新开执行款专户' });
    const confirmed = trail.find((e) => e.action === 'settings.courtAccounts.confirmed')!;
    expect(confirmed.officer).toBe(CHIEF_B);
    expect(JSON.parse(confirmed.detail)).toMatchObject({ proposalId: p.id, proposedBy: CHIEF_A, confirmedBy: CHIEF_B });
    expect(trail.find((e) => e.action === 'settings.update' && JSON.parse(e.detail).key === 'courtAccounts' && e.officer === CHIEF_B)).toBeDefined();
    const refusals = trail.filter((e) => e.action === 'authority.refused').map((e) => ({ officer: e.officer, ...JSON.parse(e.detail) }));
    expect(refusals).toEqual(expect.arrayContaining([
      expect.objectContaining({ officer: CHIEF_A, call: 'settings.confirmCourtAccounts', act: 'settings.courtAccounts', reason: 'proposer' }),
      expect.objectContaining({ officer: JUDGE, call: 'settings.confirmCourtAccounts', act: 'settings.courtAccounts' }),
      expect.objectContaining({ officer: JUDGE, call: 'settings.proposeCourtAccounts' }),
    ]));
  });

  it('a rejected proposal changes nothing; confirming one supersedes the others made against the old list', async () => {
    const before = (await chiefA.value<BureauSettings>('settings', 'get', {})).courtAccounts;
    const one = await chiefA.value<CourtAccountProposal>('settings', 'proposeCourtAccounts', { accounts: before.slice(0, 1), reason: '撤销旧专户' });
    const rejected = await chiefB.value<CourtAccountProposal>('settings', 'rejectCourtAccounts', { proposalId: one.id, note: '旧专户仍在使用' });
    expect(rejected).toMatchObject({ status: 'rejected', decidedBy: CHIEF_B, note: '旧专户仍在使用' });
    expect((await chiefA.value<BureauSettings>('settings', 'get', {})).courtAccounts).toEqual(before);

    const a = await chiefA.value<CourtAccountProposal>('settings', 'proposeCourtAccounts', { accounts: before.slice(0, 1), reason: '撤销旧专户' });
    const b = await chiefB.value<CourtAccountProposal>('settings', 'proposeCourtAccounts', { accounts: before.slice(1), reason: '只留新专户' });
    await chiefA.value('settings', 'confirmCourtAccounts', { proposalId: b.id });
    expect(await chiefA.value<CourtAccountProposal[]>('settings', 'courtAccountProposals', {})).toEqual([]);
    expect((await chiefA.value<BureauSettings>('settings', 'get', {})).courtAccounts).toEqual(before.slice(1));
    expect(await chiefB.call('settings', 'confirmCourtAccounts', { proposalId: a.id })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
