// @vitest-environment jsdom
/**
 * 「批量生成告知书」 on a finished batch's page (docs/documents.md, "查询结果告知书"): shown only once the
 * batch is done; one click makes every case's notice and says how many; 「下载打印版 PDF」 asks first
 * (the copy holds personal data), fetches the batch's PDF only after yes and saves it; a refusal
 * shows its reason and makes nothing.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { err, ok } from '../../../shared/result';
import { appError } from '../../../shared/errors';
import type { BatchView } from '../../../shared/ipc/groups/batch';
import { jobView } from './fake-api';
import { renderApp, resetAll } from './render-app';

function batch(state: BatchView['job']['state']): BatchView {
  return {
    job: jobView('b-1', { kind: 'query.batch', caseId: undefined, state }),
    params: { officer: 'F520103001', force: false, freshDays: 7 },
    totals: { cases: 2, queued: 0, sent: state === 'done' ? 0 : 1, settled: state === 'done' ? 2 : 1, skipped: 0, found: 3 },
    channels: [{ channel: 'bank.icbc', planned: 2, sent: 2, answered: 2, failed: 0 }],
    items: [
      { seq: 0, caseId: 'case-1', caseNumber: '(2025)黔0103执1号', state: 'settled', fresh: 0, planned: 19, answered: 19, failed: 0, found: 3, asOf: '2026-12-02T02:00:00.000Z' },
      { seq: 1, caseId: 'case-2', caseNumber: '(2025)黔0103执2号', state: state === 'done' ? 'settled' : 'sent', fresh: 0, planned: 19, answered: 19, failed: 0, found: 0 },
    ],
  };
}

let saved: Blob[];
let clicked: HTMLAnchorElement[];

async function openBatch(state: BatchView['job']['state']) {
  const r = renderApp();
  r.fake.handle('batch.start', () => ok(batch(state)));
  r.fake.handle('batch.view', () => ok(batch(state)));
  await screen.findByTestId('case-search');
  fireEvent.click(screen.getByTestId('batch-open'));
  await waitFor(() => expect((screen.getByTestId('batch-start-go') as HTMLButtonElement).disabled).toBe(false));
  fireEvent.click(screen.getByTestId('batch-start-go'));
  await screen.findByTestId('batch-view');
  return r.fake;
}

describe('batch notices', () => {
  beforeEach(async () => {
    await resetAll();
    saved = [];
    clicked = [];
    Object.assign(URL, { createObjectURL: vi.fn((b: Blob) => { saved.push(b); return `blob:chakong/${saved.length}`; }), revokeObjectURL: vi.fn() });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { clicked.push(this); });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await resetAll();
  });

  it('is not offered while the batch is still running', async () => {
    await openBatch('running');
    expect(screen.queryByTestId('batch-notices-make')).toBeNull();
  });

  it('makes every case’s notice in one click, then prints them as one PDF only after the warning is accepted', async () => {
    const fake = await openBatch('done');
    fake.handle('notices.batchQueryResult', (i) => ok({ jobId: (i as { jobId: string }).jobId, notices: [{ caseId: 'case-1' }, { caseId: 'case-2' }] as never }));
    fake.handle('notices.batchPdf', () => ok({ jobId: 'b-1', count: 2, pdfBase64: btoa('%PDF-1.7 two notices') }));
    const make = await screen.findByTestId('batch-notices-make');
    expect(make.textContent).toBe('批量生成告知书');
    fireEvent.click(make);
    expect((await screen.findByTestId('batch-notices-made')).textContent).toContain('已生成查询结果告知书 2 份');
    expect(fake.callsOf('notices.batchQueryResult')).toEqual([{ jobId: 'b-1' }]);

    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false);
    fireEvent.click(screen.getByTestId('batch-notices-print'));
    expect(confirm.mock.calls[0]![0]).toContain('个人信息');
    expect(fake.callsOf('notices.batchPdf')).toEqual([]);
    expect(saved).toEqual([]);

    confirm.mockReturnValueOnce(true);
    fireEvent.click(screen.getByTestId('batch-notices-print'));
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(fake.callsOf('notices.batchPdf')).toEqual([{ jobId: 'b-1' }]);
    expect(saved[0]!.type).toBe('application/pdf');
    expect(saved[0]!.size).toBe('%PDF-1.7 two notices'.length);
    expect(clicked[0]!.download).toMatch(/^查询结果告知书_2.*\.pdf$/);
  });

  it('shows why the notices cannot be made, and offers no print', async () => {
    const fake = await openBatch('done');
    fake.handle('notices.batchQueryResult', () => err(appError('FORBIDDEN', { zh: '该批量查询不是您发起的，不能生成告知书', en: 'not your batch' })));
    fireEvent.click(await screen.findByTestId('batch-notices-make'));
    expect((await screen.findByTestId('batch-notices-error')).textContent).toContain('不是您发起的');
    expect(screen.queryByTestId('batch-notices-print')).toBeNull();
  });
});
