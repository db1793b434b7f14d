/**
 * documents.export through the whole main-process stack: the copy of a ruling's PDF is handed out
 * only through the router's policy (document.export on the document's case), and each copy is an
 * audit entry `document.exported` naming the case number and the document number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore, type Core } from '../../electron/services/core';
import { appDriver, setUpAs, waitFor } from '../helpers/app-driver';
import type { CaseDetail, CaseQueryView, CaseSummary } from '../../shared/domain/types';
import type { FreezePlan } from '../../shared/domain/measure-views';
import type { Measure } from '../../shared/domain/measures';

let dir: string;
let core: Core;
const app = appDriver(() => core);
const { call, value } = app;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ck-export-'));
  core = await startCore({ dataDir: dir, mode: 'host', version: 'test', env: { CK_SANDBOX_LATENCY_SCALE: '0.01' } });
  await setUpAs(app, core.sandbox!, 'F520103001', 'correct horse');
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('documents.export', () => {
  it('hands out the PDF and records document.exported with the case and document numbers', async () => {
    const list = await value<{ items: CaseSummary[] }>('cases', 'list', { limit: 50, mine: true });
    let c: CaseDetail | undefined;
    let plan: FreezePlan | undefined;
    for (const s of list.items) {
      const d = await value<CaseDetail>('cases', 'get', { caseId: s.id });
      await value('query', 'start', { caseId: d.id });
      await waitFor(async () => {
        const v = await value<CaseQueryView>('query', 'view', { caseId: d.id });
        return v.requests.every((r) => ['answered', 'failed', 'manual'].includes(r.state)) ? v : undefined;
      });
      const p = await value<FreezePlan>('measures', 'plan', { caseId: d.id });
      if (p.suggestion.items.length > 0) {
        c = d;
        plan = p;
        break;
      }
    }
    expect(c && plan).toBeTruthy();
    const first = plan!.suggestion.items[0]!;
    const endsOn = plan!.candidates.find((x) => x.asset.id === first.assetId)!.maxEndDate;
    const { measures } = await value<{ measures: Measure[] }>('measures', 'freeze', { caseId: c!.id, items: [{ ...first, endsOn }] });
    const ref = measures[0]!.documents[0]!;

    const copy = await value<{ ref: { number: string }; pdfBase64: string }>('documents', 'export', { documentId: ref.id });
    expect(Buffer.from(copy.pdfBase64, 'base64').subarray(0, 4).toString()).toBe('%PDF');
    expect(copy.ref.number).toBe(ref.number);

    const entries = await value<any[]>('audit', 'list', { caseId: c!.id });
    const exported = entries.filter((e) => e.action === 'document.exported');
    expect(exported).toHaveLength(1);
    expect(exported[0]).toMatchObject({ caseNumber: c!.number, officer: 'F520103001' });
    expect(JSON.stringify(exported[0])).toContain(ref.number);
    // reading it in the viewer is no export
    await value('documents', 'get', { documentId: ref.id });
    expect((await value<any[]>('audit', 'list', { caseId: c!.id })).filter((e) => e.action === 'document.exported')).toHaveLength(1);
    expect(await value<any>('audit', 'verify')).toMatchObject({ ok: true });

    // another page that has not signed in gets nothing
    const stranger = appDriver(() => core, 'another-tab');
    expect(await stranger.call('documents', 'export', { documentId: ref.id })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(await call('documents', 'export', { documentId: 'no-such-document' })).toMatchObject({ ok: false });
  });
});
