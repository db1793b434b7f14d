/**
 * A deduction the agency refuses marks its ruling and notice 作废 (docs/documents.md), with the
 * reason and the time, in the list and the viewer the renderer reads, and in the exported copy;
 * an executed deduction's documents stay in force. The refusal is the bank's own: the money was to
 * go to an account the network does not hold for the court.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { startCore, type Core } from '../../electron/services/core';
import { appDriver, enrolAs, setUpAs, waitFor } from '../helpers/app-driver';
import type { AuditEntry, CaseDetail, CaseQueryView, CaseSummary } from '../../shared/domain/types';
import type { BureauSettings, CaseMeasures, CourtAccountProposal, DeductionPrep, FreezePlan } from '../../shared/domain/measure-views';
import type { DocumentRef, Measure } from '../../shared/domain/measures';

const JUDGE = 'F520103001';
const CHIEF_A = 'F520103003';
const CHIEF_B = 'F520103008';
const PASSWORD = 'officer-password-1';
const UNKNOWN_ACCOUNT = { id: 'ca-unregistered', bank: '贵阳银行云岩支行', accountNo: '1201000100000999', name: '贵阳市云岩区人民法院' };

let dir: string;
let core: Core;
const app = appDriver(() => core, 'tab-1');
const { value } = app;
const signIn = (officerCode: string) => value('session', 'signIn', { officerCode, password: PASSWORD });
const sandboxGet = async (p: string) => (await fetch(`${core.sandbox!.url}${p}`)).json();
const sha256 = (b64: string) => createHash('sha256').update(Buffer.from(b64, 'base64')).digest('hex');

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ck-deduction-void-'));
  core = await startCore({ dataDir: dir, mode: 'host', version: 'test', env: { CK_SANDBOX_LATENCY_SCALE: '0.01' } });
  await setUpAs(app, core.sandbox!, JUDGE, PASSWORD);
  await enrolAs(app, core.sandbox!, CHIEF_A, PASSWORD);
  await enrolAs(app, core.sandbox!, CHIEF_B, PASSWORD);
  // two chiefs add an account the network does not hold for the court
  await signIn(CHIEF_A);
  const current = (await value<BureauSettings>('settings', 'get', {})).courtAccounts;
  expect(current.length).toBeGreaterThan(0);
  const p = await value<CourtAccountProposal>('settings', 'proposeCourtAccounts', { accounts: [...current, UNKNOWN_ACCOUNT], reason: '测试未登记的专户' });
  await signIn(CHIEF_B);
  await value('settings', 'confirmCourtAccounts', { proposalId: p.id });
  await signIn(JUDGE);
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

async function frozenDeposit(): Promise<{ c: CaseDetail; freeze: Measure }> {
  const list = await value<{ items: CaseSummary[] }>('cases', 'list', { limit: 500, mine: true });
  for (const s of list.items) {
    const d = await value<CaseDetail>('cases', 'get', { caseId: s.id });
    const debtors = d.parties.filter((p) => p.role === 'debtor');
    if (debtors.length !== 1 || debtors[0]!.kind !== 'person' || !['执', '执恢'].includes(d.type) || d.performanceDueOn !== undefined) continue;
    const t = await sandboxGet(`/sandbox/v1/subjects/${debtors[0]!.idNumber}`);
    const free = t.holdings.bankAccounts.filter((a: any) => a.freezes.length === 0).reduce((n: number, a: any) => n + a.balance, 0);
    if (free < (d.amountOwed + d.costs) * 2 || d.amountOwed + d.costs >= 10_000_000) continue;
    await value('query', 'start', { caseId: d.id });
    await waitFor(async () => {
      const v = await value<CaseQueryView>('query', 'view', { caseId: d.id });
      return v.requests.every((r) => ['answered', 'failed', 'manual'].includes(r.state)) ? v : undefined;
    });
    const plan = await value<FreezePlan>('measures', 'plan', { caseId: d.id });
    const item = plan.suggestion.items.find((i) => plan.candidates.find((x) => x.asset.id === i.assetId)!.asset.kind === 'deposit');
    if (!item) continue;
    const endsOn = plan.candidates.find((x) => x.asset.id === item.assetId)!.maxEndDate;
    const { measures } = await value<{ measures: Measure[] }>('measures', 'freeze', { caseId: d.id, items: [{ ...item, endsOn }] });
    const freeze = await waitFor(async () => {
      const m = (await value<CaseMeasures>('measures', 'list', { caseId: d.id })).measures.find((x) => x.id === measures[0]!.id)!;
      return m.state === 'executed' ? m : undefined;
    });
    return { c: d, freeze };
  }
  throw new Error('no case with a debtor holding enough in deposits');
}

async function deduct(c: CaseDetail, freeze: Measure, accountId: string, final: Measure['state']): Promise<Measure> {
  const prep = await value<DeductionPrep>('deduction', 'prepare', { freezeId: freeze.id });
  const amount = Math.min(prep.suggested, prep.approvalThreshold, 10_000);
  const { measure } = await value<{ measure: Measure }>('deduction', 'submit', { freezeId: freeze.id, amount, courtAccountId: accountId, checkedAt: prep.checkedAt, pin: PASSWORD });
  return waitFor(async () => {
    const m = (await value<CaseMeasures>('measures', 'list', { caseId: c.id })).measures.find((x) => x.id === measure.id)!;
    if (['executed', 'rejected', 'cancelled', 'manual'].includes(m.state)) {
      expect(m.state).toBe(final);
      return m;
    }
    return undefined;
  });
}

describe('a deduction refused by the agency voids its documents', () => {
  let c: CaseDetail;
  let freeze: Measure;
  let refused: Measure;

  it('the bank refuses a deduction to an account the network does not hold: its ruling and notice are 作废, with the reason and the time', async () => {
    ({ c, freeze } = await frozenDeposit());
    refused = await deduct(c, freeze, UNKNOWN_ACCOUNT.id, 'rejected');
    expect(refused.outcome?.rejection?.code).toBe('COURT_ACCOUNT_INVALID');
    const ids = refused.documents.map((d) => d.id);
    expect(refused.documents.map((d) => d.type)).toEqual(['扣划裁定书', '协助扣划通知书']);

    const list = await value<DocumentRef[]>('documents', 'list', { caseId: c.id });
    for (const id of ids) {
      const d = list.find((x) => x.id === id)!;
      expect(d.voided?.reason).toContain('COURT_ACCOUNT_INVALID');
      expect(d.voided?.at).toBe(refused.updatedAt);
    }
    // the freeze's documents are in force
    for (const d of freeze.documents) expect(list.find((x) => x.id === d.id)!.voided).toBeUndefined();
    // the measure the renderer shows carries the voided refs too
    expect(refused.documents.every((d) => d.voided !== undefined)).toBe(true);

    const trail = await value<AuditEntry[]>('audit', 'list', { caseId: c.id, action: 'document.voided' });
    expect(trail).toHaveLength(2);
    expect(trail.every((e) => e.officer === JUDGE)).toBe(true);
    expect(trail.map((e) => JSON.parse(e.detail).documentId).sort()).toEqual([...ids].sort());
  });

  it('the viewer and the exported copy are stamped 作废; the stored original is kept unchanged', async () => {
    const id = refused.documents[0]!.id;
    const doc = await value<{ ref: DocumentRef; pdfBase64: string }>('documents', 'get', { documentId: id });
    expect(doc.ref.voided?.reason).toContain('拒绝扣划');
    expect(doc.ref.sha256).toBe(refused.documents[0]!.sha256);
    expect(Buffer.from(doc.pdfBase64, 'base64').subarray(0, 4).toString()).toBe('%PDF');
    expect(sha256(doc.pdfBase64)).not.toBe(doc.ref.sha256);
    const exported = await value<{ ref: DocumentRef; pdfBase64: string }>('documents', 'export', { documentId: id });
    expect(exported.ref.voided).toBeDefined();
    expect(sha256(exported.pdfBase64)).not.toBe(doc.ref.sha256);
    const entry = (await value<AuditEntry[]>('audit', 'list', { caseId: c.id, action: 'document.exported' })).at(-1)!;
    expect(JSON.parse(entry.detail)).toMatchObject({ voided: true, sha256: doc.ref.sha256 });
    // a document in force is handed out as stored
    const inForce = await value<{ ref: DocumentRef; pdfBase64: string }>('documents', 'get', { documentId: freeze.documents[0]!.id });
    expect(sha256(inForce.pdfBase64)).toBe(inForce.ref.sha256);
  });

  it('an executed deduction’s documents are not voided', async () => {
    const accounts = (await value<BureauSettings>('settings', 'get', {})).courtAccounts;
    const registered = accounts.find((a) => a.id !== UNKNOWN_ACCOUNT.id)!;
    const executed = await deduct(c, freeze, registered.id, 'executed');
    const list = await value<DocumentRef[]>('documents', 'list', { caseId: c.id });
    for (const d of executed.documents) expect(list.find((x) => x.id === d.id)!.voided).toBeUndefined();
    expect(await value<any>('audit', 'verify')).toMatchObject({ ok: true });
  });
});
