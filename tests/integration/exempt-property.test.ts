/**
 * Exempt property (docs/domain.md rule 5) through the whole main-process stack and the sandbox
 * network: living costs for the debtor and his dependants, the only home, and the provident fund's
 * withdrawal conditions — each a refusal, with its reason and an audit entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore, type Core } from '../../electron/services/core';
import { appDriver, enrolAs, setUpAs, waitFor } from '../helpers/app-driver';
import type { AuditEntry, CaseDetail, CaseQueryView, CaseSummary, Party } from '../../shared/domain/types';
import type { CaseExemptions, CaseMeasures, DebtorLivingCosts, FreezePlan } from '../../shared/domain/measure-views';
import type { Measure } from '../../shared/domain/measures';

const JUDGE = 'F520103001';
const CLERK = 'F520103002';
const CHIEF = 'F520103003';
const PASSWORD = 'judge-password-1';

let dir: string;
let core: Core;
const app = appDriver(() => core);
const { call, value } = app;
const sandboxGet = async (p: string) => (await fetch(`${core.sandbox!.url}${p}`)).json();

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ck-exempt-'));
  core = await startCore({ dataDir: dir, mode: 'host', version: 'test', env: { CK_SANDBOX_LATENCY_SCALE: '0.01' } });
  await setUpAs(app, core.sandbox!, JUDGE, PASSWORD);
  await enrolAs(app, core.sandbox!, CHIEF, 'chief password');
  await enrolAs(app, core.sandbox!, CLERK, 'clerk password');
  await value('session', 'signIn', { officerCode: JUDGE, password: PASSWORD });
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

const signIn = (code: string, password: string) => value('session', 'signIn', { officerCode: code, password });

/** The judge's first case with one person debtor whose sandbox holdings pass `fits`. */
async function caseWhere(fits: (h: any, c: CaseDetail) => boolean, skip: string[] = []): Promise<{ c: CaseDetail; debtor: Party; truth: any }> {
  const list = await value<{ items: CaseSummary[] }>('cases', 'list', { limit: 500, mine: true });
  for (const s of list.items) {
    if (skip.includes(s.id)) continue;
    const c = await value<CaseDetail>('cases', 'get', { caseId: s.id });
    const debtors = c.parties.filter((p) => p.role === 'debtor');
    if (debtors.length !== 1 || debtors[0]!.kind !== 'person') continue;
    const truth = await sandboxGet(`/sandbox/v1/subjects/${debtors[0]!.idNumber}`);
    if (fits(truth.holdings, c)) return { c, debtor: debtors[0]!, truth };
  }
  throw new Error('no case fits');
}

async function queried(caseId: string): Promise<CaseQueryView> {
  await value('query', 'start', { caseId });
  return waitFor(async () => {
    const v = await value<CaseQueryView>('query', 'view', { caseId });
    return v.requests.every((r) => ['answered', 'failed', 'manual'].includes(r.state)) ? v : undefined;
  });
}

describe('living costs for the debtor and his dependants (查扣冻规定 第三条)', () => {
  let c: CaseDetail;
  let debtor: Party;

  it('only a chief or the director sets the monthly amount and the months; the change is audited', async () => {
    expect(await call('settings', 'set', { exemptLivingAllowance: 90_000, exemptLivingMonths: 3 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await signIn(CHIEF, 'chief password');
    const s = await value<{ exemptLivingAllowance: number; exemptLivingMonths: number }>('settings', 'set', { exemptLivingAllowance: 90_000, exemptLivingMonths: 3 });
    expect(s).toMatchObject({ exemptLivingAllowance: 90_000, exemptLivingMonths: 3 });
    const trail = await value<AuditEntry[]>('audit', 'list', { action: 'settings.update' });
    expect(trail.some((e) => JSON.parse(e.detail).key === 'exemptLivingMonths')).toBe(true);
    await signIn(JUDGE, PASSWORD);
  });

  it('the judge records one dependant; a clerk may not, and his attempt is recorded', async () => {
    ({ c, debtor } = await caseWhere((h, d) => {
      const free = h.bankAccounts.filter((a: any) => a.freezes.length === 0).reduce((n: number, a: any) => n + a.balance, 0);
      return h.bankAccounts.length >= 1 && free > 5_400_00 && free < (d.amountOwed + d.costs);
    }));
    await signIn(CLERK, 'clerk password');
    const byClerk = await call('exemptions', 'setDependants', { caseId: c.id, partyId: debtor.id, dependants: 1 });
    expect(byClerk).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await signIn(JUDGE, PASSWORD);
    const bad = await call('exemptions', 'setDependants', { caseId: c.id, partyId: debtor.id, dependants: -1 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const d = await value<DebtorLivingCosts>('exemptions', 'setDependants', { caseId: c.id, partyId: debtor.id, dependants: 1 });
    expect(d.allowance).toBe(5_400_00);
    expect(d.formula.zh).toBe('每人每月¥900.00 × 2人 × 3个月');
    const shown = await value<CaseExemptions>('exemptions', 'get', { caseId: c.id });
    expect(shown.debtors).toEqual([expect.objectContaining({ partyId: debtor.id, allowance: 5_400_00, recordedBy: JUDGE })]);
    const trail = await value<AuditEntry[]>('audit', 'list', { caseId: c.id });
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['exemption.dependants', 'authority.refused']));
  });

  it('the reduced row says how much is left and why, and freezing every deposit whole is refused with the most it may take', async () => {
    await queried(c.id);
    const plan = await value<FreezePlan>('measures', 'plan', { caseId: c.id });
    expect(plan.livingCosts).toEqual([expect.objectContaining({ partyId: debtor.id, allowance: 5_400_00 })]);
    const reduced = plan.candidates.filter((x) => x.livingCostsLeft);
    expect(reduced.length).toBeGreaterThan(0);
    expect(reduced.reduce((n, x) => n + x.livingCostsLeft!.amount, 0)).toBe(5_400_00);
    expect(reduced[0]!.livingCostsLeft!.zh).toMatch(/^留被执行人及其所扶养家属生活费 ¥[\d,]+\.\d\d（每人每月¥900\.00 × 2人 × 3个月，查扣冻规定第三条）$/);
    const deposits = plan.candidates.filter((x) => x.asset.kind === 'deposit' && x.freezable && (x.asset.available ?? 0) > 0);
    const all = await call('measures', 'freeze', { caseId: c.id, items: deposits.map((x) => ({ assetId: x.asset.id, amount: x.asset.available!, endsOn: x.maxEndDate })) });
    expect(all).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!all.ok) {
      expect(all.error.detail?.zh).toContain('¥5,400.00');
      expect(all.error.detail?.zh).toContain('每人每月¥900.00 × 2人 × 3个月');
      expect(all.error.detail?.zh).toContain('此项最多可冻结');
    }
    expect((await value<CaseMeasures>('measures', 'list', { caseId: c.id })).measures).toHaveLength(0);
    const refused = (await value<AuditEntry[]>('audit', 'list', { caseId: c.id })).find((e) => e.action === 'measure.freeze.refused');
    expect(refused?.legalBasis).toContain('第三条');
    expect(JSON.parse(refused!.detail)).toMatchObject({ code: 'LIVING_COSTS_NOT_LEFT' });
  });
});

describe('the only home (查扣冻规定 第四条; 执行异议复议规定 第二十条)', () => {
  it('a single residential flat is flagged 唯一住房 and no sale is proposed; the judge clears it with a reason, audited', async () => {
    const { c } = await caseWhere((h) => h.realEstate.filter((r: any) => r.usage === '住宅').length === 1);
    await queried(c.id);
    const plan = await value<FreezePlan>('measures', 'plan', { caseId: c.id });
    const flat = plan.candidates.find((x) => x.asset.kind === 'real_estate' && x.asset.usage === '住宅')!;
    expect(flat.onlyHome).toEqual({ onlyHome: true, source: 'registry' });
    // it may be sealed …
    expect(flat.freezable).toBe(true);
    // … but no sale is proposed, and the row says why
    expect(plan.disposals.find((x) => x.assetId === flat.asset.id)).toMatchObject({ proposed: false, zh: expect.stringContaining('不得拍卖、变卖或者抵债') });
    expect(plan.disposals.filter((x) => x.proposed).map((x) => x.assetId)).not.toContain(flat.asset.id);

    expect(await call('exemptions', 'markOnlyHome', { caseId: c.id, assetId: flat.asset.id, onlyHome: false, reason: ' ' })).toMatchObject({ ok: false });
    await value('exemptions', 'markOnlyHome', { caseId: c.id, assetId: flat.asset.id, onlyHome: false, reason: '被执行人配偶名下另有住房（执行异议复议规定第二十条第一项）' });
    const after = await value<FreezePlan>('measures', 'plan', { caseId: c.id });
    expect(after.candidates.find((x) => x.asset.id === flat.asset.id)!.onlyHome).toMatchObject({ onlyHome: false, source: 'judge' });
    expect(after.disposals.find((x) => x.assetId === flat.asset.id)).toMatchObject({ proposed: true });
    const trail = await value<AuditEntry[]>('audit', 'list', { caseId: c.id });
    expect(trail.find((e) => e.action === 'exemption.onlyHome.cleared')?.legalBasis).toContain('第二十条');
  });
});

describe('the provident fund is deducted only on a withdrawal condition (住房公积金管理条例 第二十四条)', () => {
  async function frozenPf(working: boolean, skip: string[]): Promise<{ c: CaseDetail; f: Measure }> {
    const { c } = await caseWhere((h) => h.providentFund.length === 1 && h.providentFund[0].balance > 10_000
      && (h.providentFund[0].withdrawal === undefined) === working, skip);
    await queried(c.id);
    const plan = await value<FreezePlan>('measures', 'plan', { caseId: c.id });
    const pf = plan.candidates.find((x) => x.asset.kind === 'provident_fund')!;
    expect(pf.deductible?.ok).toBe(!working);
    const amount = Math.min(pf.asset.available ?? pf.asset.value!, plan.cap, 5_000);
    const { measures } = await value<{ measures: Measure[] }>('measures', 'freeze', { caseId: c.id, items: [{ assetId: pf.asset.id, amount, endsOn: pf.maxEndDate }] });
    const f = await waitFor(async () => {
      const m = (await value<CaseMeasures>('measures', 'list', { caseId: c.id })).measures.find((x) => x.id === measures[0]!.id)!;
      return m.state === 'executed' ? m : undefined;
    });
    return { c, f };
  }

  let working: { c: CaseDetail; f: Measure };

  it('deducting a working debtor’s provident fund is refused in main, with the reason, audited (the gateway refuses it too: sandbox-ledger.test.ts)', async () => {
    working = await frozenPf(true, []);
    const r = await call('deduction', 'prepare', { freezeId: working.f.id });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!r.ok) expect(r.error.detail?.zh).toBe('住房公积金账户尚不符合提取条件，只能冻结，不能扣划（住房公积金管理条例第二十四条）');
    const trail = await value<AuditEntry[]>('audit', 'list', { caseId: working.c.id });
    expect(trail.find((e) => e.action === 'deduction.refused')?.legalBasis).toContain('住房公积金管理条例');
  });

  it('a retired debtor’s is deducted', async () => {
    const retired = await frozenPf(false, [working.c.id]);
    const prep = await value<any>('deduction', 'prepare', { freezeId: retired.f.id });
    const { measure } = await value<{ measure: Measure }>('deduction', 'submit', {
      freezeId: retired.f.id, amount: Math.min(prep.suggested, 1_000), courtAccountId: prep.courtAccounts[0]!.id, checkedAt: prep.checkedAt, pin: PASSWORD,
    });
    const done = await waitFor(async () => {
      const m = (await value<CaseMeasures>('measures', 'list', { caseId: retired.c.id })).measures.find((x) => x.id === measure.id)!;
      return ['executed', 'rejected'].includes(m.state) ? m : undefined;
    });
    expect(done.state).toBe('executed');
  });
});
