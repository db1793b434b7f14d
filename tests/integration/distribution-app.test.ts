/**
 * Competing claims and the directed valuation (docs/distribution.md; docs/domain.md rules 1 and 4)
 * through the whole stack, against the sandbox over HTTP, as a judge meets them: he asks the tax
 * authority for a reference price of the debtor's flat and the freeze plan then counts the flat at
 * it instead of "value unknown"; creditors apply to share, the judge makes the 财产分配方案 whose
 * shares add up to what was recovered to the fen, records its service and reads the last day to
 * object; a clerk may record a claim but not make the plan, and his refusal is recorded; for a flat
 * another court sealed first, the 商请移送执行函 is refused to an applicant without a priority, before
 * the 60 days or once the first court sells, and made after them; an account frozen by his case and
 * by another judge's case shows as a duplicate in both.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore, type Core } from '../../electron/services/core';
import { valuationPrice } from '../../electron/sandbox/valuation-routes';
import type { Subject } from '../../electron/sandbox/population/types';
import { appDriver, enrolAs, expectNoPlaintext, setUpAs, waitFor } from '../helpers/app-driver';
import { OFFICERS, ownCaseWithOnePersonDebtor, PASSWORD, sessionOf } from '../helpers/officers';
import type { Asset, AuditEntry, CaseDetail, CaseQueryView, CaseSummary } from '../../shared/domain/types';
import type { FreezePlan } from '../../shared/domain/measure-views';
import type { CaseDistribution, CaseValuations, DistributionPlanView, DuplicateFreeze, SeizureView, TransferRequestView } from '../../shared/domain/distribution';
import type { DocumentModel } from '../../shared/documents';
import { addDays, holidayCalendarFrom, todayCst } from '../../shared/dates';
import { objectionDeadline } from '../../shared/rules/distribution';
import holidayTable from '../../resources/holidays/cn-holidays.json';

const { JUDGE, CLERK, OTHER_JUDGE } = OFFICERS;
vi.setConfig({ testTimeout: 120_000 });
const cal = holidayCalendarFrom(holidayTable as Record<string, unknown>);

let dir: string;
let core: Core;
const app = appDriver(() => core, 'tab-1');
const { call, value } = app;
const { signIn, signOut } = sessionOf(app);
type Refusal = { code: string; detail?: { zh: string; en: string } };
const refusal = async (g: string, m: string, input: unknown): Promise<Refusal> => {
  const r = await call(g, m, input);
  expect(r.ok, `${g}.${m} must be refused`).toBe(false);
  return (r as { ok: false; error: Refusal }).error;
};
const today = () => todayCst(new Date(core.sandbox!.clock.now()));
const truth = (id: string): Subject => core.sandbox!.population.byId.get(id)!;

let c: CaseDetail;
let debtor: CaseDetail['parties'][number];
let flat: Asset;

async function queried(caseId: string): Promise<CaseQueryView> {
  await value('query', 'start', { caseId });
  return waitFor(async () => {
    const v = await value<CaseQueryView>('query', 'view', { caseId });
    return v.requests.length && v.requests.every((r) => ['answered', 'failed', 'manual'].includes(r.state)) ? v : undefined;
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ck-distribution-app-'));
  core = await startCore({ dataDir: dir, mode: 'host', version: 'test', env: { CK_SANDBOX_LATENCY_SCALE: '0.01', CK_JOB_TICK_MS: '100' } });
  await setUpAs(app, core.sandbox!, JUDGE, PASSWORD);
  for (const o of [CLERK, OTHER_JUDGE]) await enrolAs(app, core.sandbox!, o, PASSWORD);
  await signIn(JUDGE);
  const sealed = (d: { idNumber: string }) => truth(d.idNumber).holdings.realEstate.some((r) => r.seals.length > 0);
  const found = await ownCaseWithOnePersonDebtor(app, async (_c, d) => sealed(d))
    ?? await ownCaseWithOnePersonDebtor(app, async (_c, d) => truth(d.idNumber).holdings.realEstate.length > 0);
  if (found) ({ c, debtor } = found);
  expect(c, 'a case of the judge with one person debtor who owns a flat').toBeDefined();
  const view = await queried(c.id);
  flat = view.assets.find((a) => a.kind === 'real_estate' && (a.existingFreezes.length > 0 || !sealed(debtor)))!;
  expect(flat, 'the flat among the findings').toBeDefined();
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('定向询价: the reference price of a flat, then used by the freeze plan', () => {
  it('the plan first knows no value for the flat', async () => {
    const plan = await value<FreezePlan>('measures', 'plan', { caseId: c.id });
    expect(plan.candidates.find((x) => x.asset.id === flat.id)!.asset.value).toBeUndefined();
  });

  it('the judge asks the tax authority; its answer is the flat\'s price from its area and unit number, and the plan counts the flat at it', async () => {
    const asked = await value<{ state: string }>('valuation', 'request', { caseId: c.id, assetId: flat.id });
    expect(['sent', 'answered']).toContain(asked.state);
    const answered = await waitFor(async () => {
      const v = await value<CaseValuations>('valuation', 'list', { caseId: c.id });
      const p = v.properties.find((x) => x.assetId === flat.id);
      return p?.latest?.state === 'answered' ? p.latest : undefined;
    });
    const particulars = flat.particulars as { unitNumber: string; areaCentiM2: number };
    const price = valuationPrice({ unitNumber: particulars.unitNumber, areaCentiM2: particulars.areaCentiM2, ...(flat.usage ? { usage: flat.usage } : {}) });
    expect(answered.referencePrice).toBe(price);
    const plan = await value<FreezePlan>('measures', 'plan', { caseId: c.id });
    expect(plan.candidates.find((x) => x.asset.id === flat.id)!.asset.value).toBe(price);
    expect(plan.suggestion.skipped.find((s) => s.assetId === flat.id)?.reason).not.toBe('VALUE_UNKNOWN');
    const audit = await value<AuditEntry[]>('audit', 'list', { caseId: c.id, action: 'valuation', limit: 50 });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['valuation.requested', 'valuation.answered']));
  });

  it('a deposit is not valued by the tax authority: refused in Chinese', async () => {
    const view = await value<CaseQueryView>('query', 'view', { caseId: c.id });
    const other = view.assets.find((a) => a.kind !== 'real_estate');
    if (!other) return;
    const r = await refusal('valuation', 'request', { caseId: c.id, assetId: other.id });
    expect(r.detail?.zh).toContain('不动产');
  });
});

describe('参与分配: the plan, its shares to the fen, its service and the objections', () => {
  it('the debtor pays 1,000.01 yuan; a clerk records one creditor\'s claim, the judge a mortgagee\'s', async () => {
    await value('payments', 'record', { caseId: c.id, partyId: debtor.id, amount: 100_001, paidOn: today(), method: 'court-account' });
    await signOut();
    await signIn(CLERK);
    await value('distribution', 'addClaim', { caseId: c.id, creditor: '贵阳某某小额贷款有限公司', idNumber: '', basis: '(2025)黔0102民初77号', amount: 333_333, priority: 'ordinary' });
    const bad = await refusal('distribution', 'addClaim', { caseId: c.id, creditor: '某人', idNumber: '', basis: '(2025)黔0102民初78号', amount: 12.5, priority: 'ordinary' });
    expect(bad.detail?.zh).toContain('整数');
    const badId = await refusal('distribution', 'addClaim', { caseId: c.id, creditor: '某人', idNumber: '520102197001010028', basis: '(2025)黔0102民初78号', amount: 100, priority: 'ordinary' });
    expect(badId.detail?.zh).toContain('身份证号或统一社会信用代码不正确');
    await signOut();
    await signIn(JUDGE);
    await value('distribution', 'addClaim', { caseId: c.id, creditor: '某银行贵阳分行', idNumber: '', basis: '(2025)黔0103民初5号', amount: 20_000, priority: 'priority', rank: 1 });
  });

  it('the plan takes the costs, pays the mortgagee, shares the rest pro rata, and adds up to what was recovered to the fen', async () => {
    const v = await value<CaseDistribution>('distribution', 'view', { caseId: c.id });
    expect(v.claims.map((x) => x.source)).toEqual(['applicant', 'participant', 'participant']);
    const plan = await value<DistributionPlanView>('distribution', 'makePlan', { caseId: c.id });
    const f = plan.figures;
    expect(f.distributable).toBe(v.recovered);
    expect(f.costsPaid + f.shares.reduce((s, x) => s + x.paid, 0) + f.surplus).toBe(v.recovered);
    expect(f.shares.every((s) => Number.isInteger(s.paid))).toBe(true);
    expect(plan.document.type).toBe('财产分配方案');
    const doc = await value<{ content: DocumentModel; pdfBase64: string }>('documents', 'get', { documentId: plan.document.id });
    expect(Buffer.from(doc.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const text = doc.content.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : b.kind === 'terms' ? b.rows.map((r) => `${r.label}：${r.value}`) : [])).join('\n');
    expect(text).toContain('第五百零八条');
    expect(text).toContain('自收到本分配方案之日起15日内');
  });

  it('service on a day starts the 15 days to object; a day after today is refused', async () => {
    const [plan] = (await value<CaseDistribution>('distribution', 'view', { caseId: c.id })).plans;
    const late = await refusal('distribution', 'recordService', { caseId: c.id, planId: plan!.id, servedOn: addDays(today(), 1) });
    expect(late.detail?.zh).toContain('不能晚于今天');
    const served = await value<DistributionPlanView>('distribution', 'recordService', { caseId: c.id, planId: plan!.id, servedOn: today() });
    expect(served.objectionsUntil).toBe(objectionDeadline(today(), cal));
    expect(served.objectionsOpen).toBe(true);
  });

  it('a clerk may not make the plan, another judge may not record a claim: refused with the reason and recorded', async () => {
    await signOut();
    await signIn(CLERK);
    const r = await refusal('distribution', 'makePlan', { caseId: c.id });
    expect(r.code).toBe('FORBIDDEN');
    await signOut();
    await signIn(OTHER_JUDGE);
    await refusal('distribution', 'addClaim', { caseId: c.id, creditor: '某人', idNumber: '', basis: '(2025)黔0102民初79号', amount: 100, priority: 'ordinary' });
    await signOut();
    await signIn(JUDGE);
    const audit = await value<AuditEntry[]>('audit', 'list', { caseId: c.id, action: 'authority.refused', limit: 50 });
    expect(audit.map((a) => a.officer)).toEqual(expect.arrayContaining([CLERK, OTHER_JUDGE]));
    const detail = audit.find((a) => a.officer === CLERK)!.detail;
    expect(typeof detail === 'string' ? JSON.parse(detail) : detail).toMatchObject({ act: 'distribution.decide', call: 'distribution.makePlan' });
  });
});

describe('首先查封: the request to the court that sealed the flat first', () => {
  it('refused before the 60 days, recorded; made after them as a 商请移送执行函 to that court', async () => {
    const seizures = await value<SeizureView[]>('distribution', 'seizures', { caseId: c.id });
    const s = seizures.find((x) => x.assetId === flat.id);
    expect(flat.existingFreezes.length, 'the sandbox holds a flat another court sealed').toBeGreaterThan(0);
    if (!s) throw new Error('the sealed flat is not among the seizures');
    expect(s.first.ours).toBe(false);
    expect(s.first.court).toBe(flat.existingFreezes[0]!.court);
    const ordinary = await refusal('distribution', 'requestTransfer', { caseId: c.id, assetId: flat.id, seizedOn: addDays(today(), -90), disposalStarted: false });
    expect(ordinary.detail?.zh).toContain('未登记为优先受偿');
    const own = await value<{ priority: string; rank?: number }>('distribution', 'setApplicantClass', { caseId: c.id, priority: 'priority', rank: 1, basis: '抵押权（不动产登记证明第0001号）' });
    expect(own).toMatchObject({ priority: 'priority', rank: 1 });
    const early = await refusal('distribution', 'requestTransfer', { caseId: c.id, assetId: flat.id, seizedOn: addDays(today(), -30), disposalStarted: false });
    expect(early.detail?.zh).toContain('未超过60日');
    const selling = await refusal('distribution', 'requestTransfer', { caseId: c.id, assetId: flat.id, seizedOn: addDays(today(), -90), disposalStarted: true });
    expect(selling.detail?.zh).toContain('拍卖公告');
    const audit = await value<AuditEntry[]>('audit', 'list', { caseId: c.id, action: 'distribution.transfer.refused', limit: 10 });
    expect(audit).toHaveLength(3);
    const t = await value<TransferRequestView>('distribution', 'requestTransfer', { caseId: c.id, assetId: flat.id, seizedOn: addDays(today(), -61), disposalStarted: false });
    expect(t.document.type).toBe('商请移送执行函');
    const doc = await value<{ content: DocumentModel }>('documents', 'get', { documentId: t.document.id });
    expect(doc.content.addressee).toBe(s.first.court);
  });
});

describe('定向询价 when the tax desk is busy or its answer is lost', () => {
  const knobs = (k: object) => fetch(`${core.sandbox!.url}/sandbox/v1/knobs`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channels: { 'tax.sta': k } }) });
  const latest = async () => (await value<CaseValuations>('valuation', 'list', { caseId: c.id })).properties.find((x) => x.assetId === flat.id)!.latest!;

  it('a busy desk leaves the request waiting; asked again under the same id, it is answered once', async () => {
    await knobs({ errorRate: 1 });
    const asked = await value<{ id: string; state: string }>('valuation', 'request', { caseId: c.id, assetId: flat.id });
    expect(asked.state).toBe('sent');
    expect((await latest()).state).toBe('sent');
    await knobs({ errorRate: 0 });
    const done = await waitFor(async () => { const v = await latest(); return v.state === 'answered' ? v : undefined; });
    expect(done.id).toBe(asked.id);
  });

  it('an answer lost on the way: the same id is asked again, no second inquiry is made', async () => {
    await knobs({ lostAnswerRate: 1 });
    const asked = await value<{ id: string; state: string }>('valuation', 'request', { caseId: c.id, assetId: flat.id });
    expect(asked.state).toBe('sent');
    await knobs({ lostAnswerRate: 0 });
    const again = await value<{ id: string }>('valuation', 'request', { caseId: c.id, assetId: flat.id });
    expect(again.id).toBe(asked.id);
    const done = await waitFor(async () => { const v = await latest(); return v.state === 'answered' ? v : undefined; });
    expect(done.id).toBe(asked.id);
  });

  it('the desk finds no 计税基准价: the request fails with its reason, the plan keeps the last price answered', async () => {
    const before = await value<FreezePlan>('measures', 'plan', { caseId: c.id });
    await knobs({ rejectRate: 1 });
    await value('valuation', 'request', { caseId: c.id, assetId: flat.id });
    const failed = await waitFor(async () => { const v = await latest(); return v.state === 'failed' ? v : undefined; });
    expect(failed.error?.zh).toContain('计税基准价');
    await knobs({ rejectRate: 0 });
    const after = await value<FreezePlan>('measures', 'plan', { caseId: c.id });
    expect(after.candidates.find((x) => x.asset.id === flat.id)!.asset.value).toBe(before.candidates.find((x) => x.asset.id === flat.id)!.asset.value);
  });
});

describe('one account frozen by two of the bureau\'s cases', () => {
  it('the judge\'s case and another judge\'s case freeze the same account: both cases see the duplicate, each case by its number', async () => {
    const docket = core.sandbox!.population.docket;
    const isEnforcement = (n: string) => /执\d/.test(n);
    const pair = docket.flatMap((a) => docket.filter((b) => a.assignee === JUDGE && b.assignee === OTHER_JUDGE && isEnforcement(a.number) && isEnforcement(b.number)
      && a.debtors.length === 1 && b.debtors.some((d) => d.idNumber === a.debtors[0]!.idNumber)
      && truth(a.debtors[0]!.idNumber).holdings.bankAccounts.some((x) => x.balance > 1_000 && x.freezes.length === 0)).map((b) => [a, b] as const))[0];
    expect(pair, 'two cases of two judges against one debtor holding money').toBeDefined();
    const local = async (number: string) => {
      const list = await value<{ items: CaseSummary[] }>('cases', 'list', { search: number, limit: 5 });
      return list.items.find((x) => x.number === number)!.id;
    };
    const account = truth(pair![0].debtors[0]!.idNumber).holdings.bankAccounts.find((x) => x.balance > 1_000 && x.freezes.length === 0)!;
    const freezeAccount = async (caseId: string) => {
      const view = await queried(caseId);
      const asset = view.assets.find((a) => a.kind === 'deposit' && a.identifier === account.accountNo)!;
      expect(asset, 'the account among the findings').toBeDefined();
      const plan = await value<FreezePlan>('measures', 'plan', { caseId });
      const cand = plan.candidates.find((x) => x.asset.id === asset.id)!;
      await value('measures', 'freeze', { caseId, items: [{ assetId: asset.id, amount: 100, endsOn: cand.maxEndDate }] });
    };
    const mine = await local(pair![0].number);
    await freezeAccount(mine);
    await signOut();
    await signIn(OTHER_JUDGE);
    const theirs = await local(pair![1].number);
    await freezeAccount(theirs);
    const seen = await value<DuplicateFreeze[]>('distribution', 'duplicates', { caseId: theirs });
    await signOut();
    await signIn(JUDGE);
    const dup = await value<DuplicateFreeze[]>('distribution', 'duplicates', { caseId: mine });
    expect(dup).toHaveLength(1);
    expect(dup[0]!.identifier).toBe(account.accountNo);
    expect(dup[0]!.cases.map((x) => x.caseNumber).sort()).toEqual([pair![0].number, pair![1].number].sort());
    expect(seen.map((g) => g.identifier)).toEqual([account.accountNo]);
  });
});

describe('personal data at rest', () => {
  it('no creditor, debtor or unit number lies in plaintext in the data folder', () => {
    const unit = (flat.particulars as { unitNumber?: string } | undefined)?.unitNumber;
    expectNoPlaintext(dir, ['贵阳某某小额贷款有限公司', '某银行贵阳分行', debtor.name, debtor.idNumber, ...(unit ? [unit] : [])]);
  });
});
