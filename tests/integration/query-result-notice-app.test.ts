/**
 * The 查询结果告知书 through the whole stack (docs/documents.md, "查询结果告知书"): a case queried,
 * one account frozen, the vehicle registry refusing; the notice read back from its PDF names the
 * applicant, the case number, each account found with its balance in yuan as stored, the freeze,
 * and the registry that did not answer as 未反馈; made again it is the same notice. A finished
 * batch query gives one notice per case and one PDF to print, each case's copy audited; another
 * judge's case is refused and recorded, per case and in a batch (naming the case).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox';
import { startCore, type Core } from '../../electron/services/core';
import { printedNumber } from '../../shared/documents/build';
import type { DocumentRef } from '../../shared/domain/measures';
import type { AuditEntry, CaseDetail, CaseQueryView, CaseSummary } from '../../shared/domain/types';
import type { BatchView } from '../../shared/ipc/groups/batch';
import type { BatchNoticeRow } from '../../shared/ipc/groups/notices';
import { formatYuan } from '../../shared/money';
import { appDriver, setUpAs, waitFor } from '../helpers/app-driver';
import { caseWithFrozenDeposit } from '../helpers/frozen-deposit';
import { OFFICERS, PASSWORD } from '../helpers/officers';
import { extractText } from '../helpers/pdf-text';

let dir: string;
let sandbox: SandboxHandle;
let core: Core;
const app = appDriver(() => core);
const { call, value } = app;
const detailOf = (e: AuditEntry) => JSON.parse(String(e.detail ?? '{}')) as Record<string, unknown>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ck-qrnotice-'));
  sandbox = await startSandbox({ knobs: { latencyScale: 0.01 } });
  core = await startCore({
    dataDir: dir, mode: 'host', version: 'test',
    env: { CK_GATEWAY_URL: sandbox.url, CK_STATION_ID: sandbox.stationId, CK_STATION_SECRET: sandbox.stationSecret, CK_COURT: sandbox.court, CK_COURT_NAME: '贵州省贵阳市云岩区人民法院', CK_JOB_TICK_MS: '100' },
  });
  await setUpAs(app, sandbox, OFFICERS.JUDGE, PASSWORD);
});
afterAll(async () => {
  await core?.close();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

const pdfOf = async (documentId: string) => {
  const d = await value<{ pdfBase64: string }>('documents', 'get', { documentId });
  return extractText(Buffer.from(d.pdfBase64, 'base64'));
};
const flat = (pages: string[]) => pages.join('\n').split('\n');

describe('查询结果告知书', () => {
  let c: CaseDetail;

  it('tells the applicant, channel by channel, what the query found, what was frozen, and what did not answer', { timeout: 90_000 }, async () => {
    sandbox.setKnobs({ channels: { 'vehicle.mps': { rejectRate: 1 } } });
    ({ c } = await caseWithFrozenDeposit(app, sandbox));
    sandbox.setKnobs({ channels: { 'vehicle.mps': { rejectRate: 0 } } });
    const view = await value<CaseQueryView>('query', 'view', { caseId: c.id });
    expect(view.requests.find((r) => r.channel === 'vehicle.mps')?.state).toBe('failed');

    const { document, reused } = await value<{ document: DocumentRef; reused: boolean }>('notices', 'queryResult', { caseId: c.id, phone: '0851-85551234' });
    expect(document.type).toBe('查询结果告知书');
    expect(reused).toBe(false);
    const lines = flat(await pdfOf(document.id));
    const text = lines.join('');
    expect(text).toContain('贵州省贵阳市云岩区人民法院');
    expect(text).toContain('查询结果告知书');
    expect(text).toContain(printedNumber(c.number));
    const applicant = c.parties.find((p) => p.role === 'applicant')!;
    expect(lines).toContain(`${applicant.name}：`);
    for (const d of c.parties.filter((p) => p.role === 'debtor')) expect(text).toContain(`被执行人${d.name}`);
    // every asset the answers found, with its account and its balance in yuan as stored
    const valued = view.assets.filter((a) => a.value !== undefined);
    expect(valued.length).toBeGreaterThan(0);
    for (const a of valued) {
      expect(text).toContain(a.identifier);
      expect(text).toContain(formatYuan(a.value!));
    }
    // the vehicle registry refused: 未反馈, in its row of the table
    expect(lines[lines.indexOf('机动车登记') + 1]).toBe('未反馈');
    expect(text).toContain('机动车登记尚未反馈查询结果');
    // an information channel's records name other people (a spouse, an insurer's policy): counted, not copied
    for (const r of view.info) expect(text).not.toContain(r.summary);
    expect(text).toMatch(/有相关记录\d+条/);
    // an answer that found nothing says so
    expect(lines).toContain('未查询到财产');
    // the freeze, the leads, the judge's telephone
    expect(text).toContain('本院已对被执行人的下列财产采取执行措施');
    expect(text).toMatch(/冻结被执行人.+冻结数额[\d,]+\.\d{2}元/);
    expect(text).toContain('财产线索');
    expect(text).toContain('0851-85551234');
    expect(text).toContain('特此告知');

    // the same facts again: the notice made is given back, not a second one numbered
    const again = await value<{ document: DocumentRef; reused: boolean }>('notices', 'queryResult', { caseId: c.id, phone: '0851-85551234' });
    expect(again).toMatchObject({ reused: true, document: { id: document.id } });
    const listed = await value<Array<{ type: string }>>('documents', 'list', { caseId: c.id });
    expect(listed.filter((x) => x.type === '查询结果告知书')).toHaveLength(1);
    // bad input: a clear message, nothing made
    const bad = await call('notices', 'queryResult', { caseId: c.id, phone: 'call me' });
    expect(!bad.ok && bad.error.code).toBe('VALIDATION');
  });

  it('refuses a notice in another judge’s case and records it', async () => {
    const theirs = (await value<{ items: CaseSummary[] }>('cases', 'list', { status: 'open', limit: 500 }))
      .items.find((x) => x.assignee && x.assignee !== OFFICERS.JUDGE && x.filing === 'confirmed')!;
    const r = await call('notices', 'queryResult', { caseId: theirs.id });
    expect(!r.ok && r.error.code).toBe('FORBIDDEN');
    const refusals = await value<AuditEntry[]>('audit', 'list', { action: 'authority.refused' });
    expect(refusals.some((e) => e.caseNumber === theirs.number && detailOf(e).call === 'notices.queryResult')).toBe(true);
  });

  it('a finished batch query: one notice per case, one PDF to print, each copy audited; a case no longer his refuses the whole', { timeout: 120_000 }, async () => {
    const mine = (await value<{ items: CaseSummary[] }>('cases', 'list', { mine: true, status: 'open', limit: 500 }))
      .items.filter((x) => x.filing === 'confirmed' && x.id !== c.id).slice(0, 4);
    expect(mine).toHaveLength(4);
    const started = await value<BatchView>('batch', 'start', { caseIds: mine.map((x) => x.id) });
    const early = await call('notices', 'batchQueryResult', { jobId: started.job.id });
    if (!early.ok) expect(early.error.code).toBe('VALIDATION');
    const done = await waitFor(async () => {
      const v = await value<BatchView>('batch', 'view', { jobId: started.job.id });
      return v.job.state === 'done' ? v : undefined;
    }, 90_000);
    expect(done.totals.settled).toBe(4);

    const made = await value<{ notices: BatchNoticeRow[] }>('notices', 'batchQueryResult', { jobId: started.job.id });
    expect(made.notices.map((n) => n.caseNumber).sort()).toEqual(mine.map((x) => x.number).sort());
    for (const n of made.notices) {
      expect(n.document.type).toBe('查询结果告知书');
      expect((await pdfOf(n.document.id)).join('')).toContain(printedNumber(n.caseNumber));
    }
    // a second click gives back the same notices
    const again = await value<{ notices: BatchNoticeRow[] }>('notices', 'batchQueryResult', { jobId: started.job.id });
    expect(again.notices.map((n) => n.document.id)).toEqual(made.notices.map((n) => n.document.id));
    expect(again.notices.every((n) => n.reused)).toBe(true);

    const print = await value<{ count: number; pdfBase64: string }>('notices', 'batchPdf', { jobId: started.job.id });
    expect(print.count).toBe(4);
    const pages = extractText(Buffer.from(print.pdfBase64, 'base64'));
    expect(pages.length).toBeGreaterThanOrEqual(4);
    for (const x of mine) expect(pages.join('')).toContain(printedNumber(x.number));
    const exported = (await value<AuditEntry[]>('audit', 'list', { action: 'document.exported' })).filter((e) => detailOf(e).jobId === started.job.id);
    expect(exported.map((e) => e.caseNumber).sort()).toEqual(mine.map((x) => x.number).sort());

    // one case of the batch given to another judge by the case-management system: the whole refused, naming it
    const moved = mine[1]!;
    const docket = sandbox.population.docket.find((x) => x.number === moved.number) as { assignee?: string };
    docket.assignee = OFFICERS.OTHER_JUDGE;
    await value('cases', 'importFromCourt', {});
    const before = (await value<Array<{ type: string }>>('documents', 'list', { caseId: mine[0]!.id })).length;
    const r = await call('notices', 'batchQueryResult', { jobId: started.job.id });
    expect(!r.ok && r.error.code).toBe('FORBIDDEN');
    if (!r.ok) expect(r.error.detail?.zh).toContain(moved.number);
    expect((await value<unknown[]>('documents', 'list', { caseId: mine[0]!.id })).length).toBe(before);
    const refusals = await value<AuditEntry[]>('audit', 'list', { action: 'authority.refused' });
    expect(refusals.some((e) => e.caseNumber === moved.number && detailOf(e).call === 'notices.batchQueryResult')).toBe(true);
  });
});
