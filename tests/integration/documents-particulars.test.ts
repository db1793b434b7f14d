/**
 * What a registry and a clerk read on the documents, through the whole stack: the parties' 住所 and
 * a company's 法定代表人 from the case-management system, the 坐落 and 不动产单元号 the registry
 * answered, kept in the encrypted store and printed on the ruling and the notice; a case entered
 * by hand with its own particulars; and a release of the excess citing 查扣冻规定 第十九条 while a
 * release of a case paid in full keeps 第二十八条 (docs/domain.md rule 1, "Documents").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore, type Core } from '../../electron/services/core';
import { representativeTitle } from '../../electron/sandbox/population/docket';
import type { CompanySubject, DocketCase, Subject } from '../../electron/sandbox/population/types';
import { appDriver, expectNoPlaintext, setUpAs, waitFor } from '../helpers/app-driver';
import type { AuditEntry, CaseDetail, CaseQueryView, CaseSummary } from '../../shared/domain/types';
import type { CaseMeasures, FreezePlan } from '../../shared/domain/measure-views';
import type { Measure } from '../../shared/domain/measures';
import type { DocumentModel } from '../../shared/documents';
import { creditCodeCheckChar } from '../../shared/ids/credit-code';
import { residentIdCheckChar } from '../../shared/ids/resident-id';
import { ARTICLES } from '../../shared/legal/basis';

const PERSON_ID = `52010319800101001${residentIdCheckChar('52010319800101001')}`;

let dir: string;
let core: Core;
const PASSWORD = 'correct horse';
const JUDGE = 'F520103001';
const app = appDriver(() => core);
const { call, value } = app;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ck-particulars-'));
  core = await startCore({ dataDir: dir, mode: 'host', version: 'test', env: { CK_SANDBOX_LATENCY_SCALE: '0.01' } });
  await setUpAs(app, core.sandbox!, JUDGE, PASSWORD);
});
afterAll(async () => {
  if (!closed) await core.close();
  rmSync(dir, { recursive: true, force: true });
});

/** particulars seen on the way, which must never be found in plaintext in the data folder */
const secrets: string[] = [];
let closed = false;

const truth = (id: string): Subject => core.sandbox!.population.byId.get(id)!;

/** Every line a document prints, joined. */
function textOf(m: DocumentModel): string {
  return m.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : b.kind === 'terms' ? b.rows.map((r) => `${r.label}：${r.value}`) : [])).join('\n');
}
const documentText = async (id: string) => textOf((await value<{ content: DocumentModel }>('documents', 'get', { documentId: id })).content);

async function localCase(number: string): Promise<CaseDetail> {
  const list = await value<{ items: CaseSummary[] }>('cases', 'list', { search: number, limit: 5 });
  return value<CaseDetail>('cases', 'get', { caseId: list.items.find((s) => s.number === number)!.id });
}

async function queried(c: CaseDetail): Promise<CaseQueryView> {
  await value('query', 'start', { caseId: c.id });
  return waitFor(async () => {
    const v = await value<CaseQueryView>('query', 'view', { caseId: c.id });
    return v.requests.length && v.requests.every((r) => ['answered', 'failed', 'manual'].includes(r.state)) ? v : undefined;
  });
}

const settled = (caseId: string, id: string) => waitFor(async () => {
  const l = await value<CaseMeasures>('measures', 'list', { caseId });
  const m = l.measures.find((x) => x.id === id);
  return m && m.state !== 'queued' && m.state !== 'sent' ? l : undefined;
});

describe('a case entered by hand', () => {
  const creditCode = `91520103MA6H7K8L2${creditCodeCheckChar('91520103MA6H7K8L2')}`;
  const input = (rep: object) => ({
    number: '(2026)黔0103执9901号', filedOn: '2026-11-02', cause: '买卖合同纠纷', amountOwed: 1_000_000, costs: 10_000,
    applicant: { kind: 'person', name: '张三', idNumber: '11010519491231002X', address: '北京市西城区金融大街1号' },
    debtors: [{ kind: 'company', name: '贵州某某建筑工程有限公司', idNumber: creditCode, address: '贵州省贵阳市南明区花果园大街18号', ...rep }],
  });

  it('keeps the 住所 and the company\'s 法定代表人 typed into the new-case dialog', async () => {
    const c = await value<CaseDetail>('cases', 'create', input({ legalRepresentative: { name: ' 李建国 ', title: '执行董事' } }));
    expect(c.parties.find((p) => p.role === 'applicant')).toMatchObject({ address: '北京市西城区金融大街1号' });
    expect(c.parties.find((p) => p.role === 'debtor')).toMatchObject({ address: '贵州省贵阳市南明区花果园大街18号', legalRepresentative: { name: '李建国', title: '执行董事' } });
    secrets.push('北京市西城区金融大街1号', '贵州省贵阳市南明区花果园大街18号');
  });

  it('refuses a 法定代表人 for a person, in Chinese and with the field', async () => {
    const r = await call('cases', 'create', {
      ...input({}), number: '(2026)黔0103执9902号',
      debtors: [{ kind: 'person', name: '李四', idNumber: PERSON_ID, legalRepresentative: { name: '王五' } }],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.field).toBe('debtors.0.legalRepresentative');
      expect(r.error.detail?.zh).toBe('自然人没有法定代表人，请删去或将当事人类型改为单位');
    }
  });
});

describe('a company debtor\'s flat, sealed', () => {
  let docket: DocketCase;
  let company: CompanySubject;

  it('comes from the case-management system with the company\'s 住所地 and 法定代表人', async () => {
    const found = core.sandbox!.courtSystem.casesOf(core.sandbox!.court).find((c) => c.assignee === JUDGE && c.number.includes('执') && !/执(保|恢)/.test(c.number)
      && c.debtors.length === 1 && c.debtors[0]!.kind === 'company' && truth(c.debtors[0]!.idNumber).holdings.realEstate.length > 0);
    expect(found).toBeDefined();
    docket = found!;
    company = truth(docket.debtors[0]!.idNumber) as CompanySubject;
    const c = await localCase(docket.number);
    const debtor = c.parties.find((p) => p.role === 'debtor')!;
    expect(debtor).toMatchObject({
      address: company.address,
      legalRepresentative: { name: company.legalRepresentative.name, title: representativeTitle(company.idNumber) },
    });
  });

  it('a real-estate ruling says 查封 with 坐落 and 不动产单元号, and the company with 住所地 and 法定代表人', async () => {
    const c = await localCase(docket.number);
    const view = await queried(c);
    const flat = view.assets.find((a) => a.kind === 'real_estate')!;
    const registry = company.holdings.realEstate.find((r) => r.certificate === flat.identifier)!;
    expect(flat.particulars).toEqual({ kind: 'real_estate', location: registry.address, unitNumber: registry.unitNumber, areaCentiM2: registry.areaCentiM2 });
    const plan = await value<FreezePlan>('measures', 'plan', { caseId: c.id });
    const cand = plan.candidates.find((x) => x.asset.id === flat.id)!;
    const { measures } = await value<{ measures: Measure[] }>('measures', 'freeze', {
      caseId: c.id, decisionId: crypto.randomUUID(), items: [{ assetId: flat.id, endsOn: cand.maxEndDate, overCapReason: '房产不可分割，整体查封' }],
    });
    const [ruling, notice] = measures[0]!.documents;
    const text = await documentText(ruling!.id);
    expect(text).toContain(`查封被执行人${company.name}坐落于${registry.address}的不动产（不动产单元号：${registry.unitNumber}，不动产权证号：${registry.certificate}）`);
    expect(text).toContain(`被执行人：${company.name}，住所地${company.address}，统一社会信用代码${company.idNumber}。`);
    expect(text).toContain(`法定代表人：${company.legalRepresentative.name}，${representativeTitle(company.idNumber)}。`);
    expect(await documentText(notice!.id)).toContain(`不动产单元号：${registry.unitNumber}`);
    secrets.push(registry.unitNumber, registry.address, company.legalRepresentative.name);
  });
});

describe('releases cite the ground they rest on', () => {
  let docket: DocketCase;
  let c: CaseDetail;
  let freeze: Measure;

  it('freezes a debtor\'s deposits up to what is owed', async () => {
    const cases = core.sandbox!.courtSystem.casesOf(core.sandbox!.court).filter((x) => x.assignee === JUDGE && /执\d/.test(x.number) && x.debtors.length === 1);
    docket = cases.find((x) => {
      const s = truth(x.debtors[0]!.idNumber);
      const free = s.holdings.bankAccounts.filter((a) => a.freezes.length === 0).reduce((n, a) => n + a.balance, 0);
      return free > (x.amountOwed + x.costs) * 2 && x.amountOwed + x.costs < 10_000_000;
    })!;
    expect(docket).toBeDefined();
    c = await localCase(docket.number);
    await queried(c);
    const plan = await value<FreezePlan>('measures', 'plan', { caseId: c.id });
    const first = plan.suggestion.items[0]!;
    const { measures } = await value<{ measures: Measure[] }>('measures', 'freeze', {
      caseId: c.id, decisionId: crypto.randomUUID(), items: [{ ...first, endsOn: plan.candidates.find((x) => x.asset.id === first.assetId)!.maxEndDate }],
    });
    freeze = measures[0]!;
    const l = await settled(c.id, freeze.id);
    expect(l.measures.find((m) => m.id === freeze.id)?.state).toBe('executed');
  });

  it('a release of the excess cites 第十九条', async () => {
    // the case-management system records that the applicant was paid part directly
    core.sandbox!.courtSystem.find(docket.number)!.amountOwed = Math.floor(docket.amountOwed / 2);
    await value('cases', 'importFromCourt', {});
    const l = await value<CaseMeasures>('measures', 'list', { caseId: c.id });
    const proposal = l.releaseProposals.find((p) => p.freezeId === freeze.id)!;
    expect(proposal.reason.zh).toContain('超过尚未执行的金额');
    const { measure } = await value<{ measure: Measure }>('measures', 'release', {
      freezeId: freeze.id, decisionId: crypto.randomUUID(), reason: proposal.reason.zh, ...(proposal.amount !== undefined ? { amount: proposal.amount } : {}),
    });
    const text = await documentText(measure.documents[0]!.id);
    expect(text).toContain('依照《最高人民法院关于人民法院民事执行中查封、扣押、冻结财产的规定》第十九条的规定，裁定如下：');
    expect(text).not.toContain('第二十八条');
    expect(await documentText(measure.documents[1]!.id)).toContain('冻结财产的规定》第十九条的规定');
    // the request to the bank and the audit log give the same ground as the documents
    expect(measure.legalBasis).toBe(ARTICLES.seizure19);
    const audit = (await value<AuditEntry[]>('audit', 'list', { caseId: c.id })).filter((e) => e.action.startsWith('measure.unfreeze.'));
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.map((e) => e.legalBasis)).toEqual(audit.map(() => ARTICLES.seizure19));
    await settled(c.id, measure.id);
  });

  it('a release because the case is paid in full keeps 第二十八条', async () => {
    const cms = core.sandbox!.courtSystem.find(docket.number)!;
    cms.amountOwed = 0;
    cms.costs = 0;
    await value('cases', 'importFromCourt', {});
    const l = await value<CaseMeasures>('measures', 'list', { caseId: c.id });
    const proposal = l.releaseProposals.find((p) => p.freezeId === freeze.id)!;
    expect(proposal.reason.zh).toContain('全部执行到位');
    const { measure } = await value<{ measure: Measure }>('measures', 'release', { freezeId: freeze.id, decisionId: crypto.randomUUID(), reason: proposal.reason.zh });
    const text = await documentText(measure.documents[0]!.id);
    expect(text).toContain('冻结财产的规定》第二十八条的规定，裁定如下：');
    expect(text).not.toContain('第十九条');
  });
});

describe('kept in the encrypted store only', () => {
  it('leaves no 不动产单元号, 坐落 or 法定代表人 in plaintext in the data folder', async () => {
    expect(secrets.length).toBeGreaterThan(0);
    await core.close();
    closed = true;
    expectNoPlaintext(dir, secrets);
  });
});
