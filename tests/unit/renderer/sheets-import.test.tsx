// @vitest-environment jsdom
/**
 * 导入Excel as the judge meets it (docs/sheets.md): a file with bad rows shows each one with its row
 * number, 案号 and reason, and 确认导入 stays disabled; a good file imports, says how many cases,
 * and offers 批量查询 of exactly the cases imported; a file above the limit is refused before it is
 * read or sent.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { ok } from '../../../shared/result';
import type { CaseSheetImport, CaseSheetReport } from '../../../shared/ipc/groups/sheets';
import { MAX_SHEET_BYTES } from '../../../shared/sheets/limits';
import { alertView, createFakeApi } from './fake-api';
import { renderApp, resetAll } from './render-app';

const text = (id: string) => screen.getByTestId(id).textContent ?? '';
const confirmButton = () => screen.getByTestId('sheet-import-confirm') as HTMLButtonElement;
const sheet = (name = '执行案件清单.xlsx', bytes = 'PK\u0003\u0004 a workbook') => new File([bytes], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });

const BAD: CaseSheetReport = {
  fileName: '执行案件清单.xlsx', rows: 3, ready: 1,
  problems: [
    { row: 2, column: '被执行人证件号码', key: 'debtorIds', caseNumber: '(2026)黔0103执9001号', zh: '被执行人证件号码第 18 位校验码应为“5”', en: 'check character should be 5' },
    { row: 4, column: '承办人', key: 'officer', caseNumber: '(2026)黔0103执9003号', zh: '“张三”不是本院登记的承办法官', en: 'not a judge of this court' },
    { row: 4, column: '执行标的（元）', key: 'amount', caseNumber: '(2026)黔0103执9003号', zh: '执行标的不能为负数', en: 'negative amount' },
  ],
};
const GOOD: CaseSheetReport = { fileName: '执行案件清单.xlsx', rows: 3, ready: 3, problems: [] };
const DONE: CaseSheetImport = { report: GOOD, imported: 3, caseIds: ['case-a', 'case-b', 'case-c'], filing: { confirmed: 3, pending: 0, refused: 0 } };

async function openDialog() {
  await screen.findByTestId('case-search');
  fireEvent.click(screen.getByTestId('sheet-import-open'));
  return screen.getByTestId('sheet-import-file') as HTMLInputElement;
}

describe('导入Excel', () => {
  beforeEach(resetAll);
  afterEach(resetAll);

  it('shows every bad row with its 案号 and reason, and does not let the import go', async () => {
    const { fake } = renderApp();
    fake.handle('sheets.checkCases', () => ok(BAD));
    const input = await openDialog();
    fireEvent.change(input, { target: { files: [sheet()] } });
    await screen.findByTestId('sheet-report');
    const sent = fake.callsOf('sheets.checkCases')[0] as { fileName: string; base64: string };
    expect(sent.fileName).toBe('执行案件清单.xlsx');
    expect(atob(sent.base64)).toBe('PK\u0003\u0004 a workbook');
    expect(text('sheet-report-counts')).toBe('共 3 行：1 行无误，2 行有误');
    expect(text('sheet-problem-2')).toContain('(2026)黔0103执9001号');
    expect(text('sheet-problem-2')).toContain('被执行人证件号码：被执行人证件号码第 18 位校验码应为“5”');
    expect(text('sheet-problem-4')).toContain('“张三”不是本院登记的承办法官');
    expect(text('sheet-problem-4')).toContain('执行标的不能为负数');
    expect(screen.queryByTestId('sheet-problem-3')).toBeNull();
    expect(confirmButton().disabled).toBe(true);
    fireEvent.click(confirmButton());
    expect(fake.callsOf('sheets.importCases')).toHaveLength(0);
  });

  it('imports a good file and batch-queries the cases it entered', async () => {
    const { fake } = renderApp();
    fake.handle('sheets.checkCases', () => ok(GOOD));
    fake.handle('sheets.importCases', () => ok(DONE));
    const input = await openDialog();
    fireEvent.change(input, { target: { files: [sheet()] } });
    await screen.findByTestId('sheet-report-good');
    await waitFor(() => expect(confirmButton().disabled).toBe(false));
    fireEvent.click(confirmButton());
    await screen.findByTestId('sheet-import-done');
    expect(text('sheet-import-done')).toContain('已导入 3 件案件');
    expect(text('sheet-import-done')).toContain('案件管理系统已确认 3 件');
    expect(fake.callsOf('sheets.importCases')[0]).toEqual(fake.callsOf('sheets.checkCases')[0]);
    fireEvent.click(screen.getByTestId('sheet-import-batch'));
    expect(screen.queryByTestId('sheet-import')).toBeNull();
    expect(text('batch-start-count')).toBe('已选 3 件案件');
    let started: { caseIds: string[] } | undefined;
    fake.handle('batch.start', (i) => {
      started = i;
      return ok(null);
    });
    fireEvent.click(screen.getByTestId('batch-start-go'));
    await waitFor(() => expect(started?.caseIds).toEqual(['case-a', 'case-b', 'case-c']));
  });

  it('refuses a file above the limit in Chinese without reading or sending it', async () => {
    const { fake } = renderApp();
    const input = await openDialog();
    const big = sheet();
    Object.defineProperty(big, 'size', { value: MAX_SHEET_BYTES + 1 });
    fireEvent.change(input, { target: { files: [big] } });
    await waitFor(() => expect(text('sheet-import-error')).toBe('文件大小 5.0 MB，超过 5.0 MB 的上限：请分成几个文件导入'));
    expect(fake.callsOf('sheets.checkCases')).toHaveLength(0);
    expect(screen.queryByTestId('sheet-report')).toBeNull();
    expect(confirmButton().disabled).toBe(true);
  });

  it('keeps its keys: Enter does not open the case behind it, Escape closes it', async () => {
    const { fake } = renderApp();
    await waitFor(() => expect(document.querySelector('[data-testid^="case-row-"][aria-selected="true"]')).not.toBeNull());
    const input = await openDialog();
    expect(document.activeElement).toBe(input);
    fireEvent.keyDown(input, { key: 'Enter' });
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.callsOf('cases.get')).toHaveLength(0);
    expect(screen.getByTestId('sheet-import')).toBeTruthy();
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(screen.queryByTestId('sheet-import')).toBeNull();
  });

  it('导出Excel in the alerts asks for the alerts the officer sees', async () => {
    const { fake } = renderApp();
    fake.handle('alerts.list', () => ok([alertView('al-1')]));
    fake.handle('sheets.exportAlerts', () => ok({ fileName: '预警.xlsx', base64: btoa('PK'), rows: 1 }));
    await screen.findByTestId('case-search');
    fireEvent.click(await screen.findByTestId('alerts-toggle'));
    await waitFor(() => expect(screen.queryByTestId('sheet-export-alerts')).not.toBeNull());
    fireEvent.click(screen.getByTestId('sheet-export-alerts'));
    await waitFor(() => expect(text('sheet-export-alerts-note')).toBe('已导出 1 行'));
    expect(fake.callsOf('sheets.exportAlerts')).toEqual([{}]);
  });

  it('offers no import to a role that may not enter cases', async () => {
    // in place before the app boots: its first calls go out together at once
    const fake = createFakeApi();
    fake.handle('session.current', () => ok({ code: 'F520103003', name: '庭长', court: '贵阳市南明区人民法院', role: 'chief' }));
    renderApp({ fake });
    await screen.findByTestId('case-search');
    expect(screen.queryByTestId('sheet-import-open')).toBeNull();
    expect(screen.getByTestId('sheet-export-cases')).toBeTruthy();
  });

  it('导出Excel downloads the case list main made, under its file name', async () => {
    const { fake } = renderApp();
    fake.handle('sheets.exportCases', () => ok({ fileName: '案件清单.xlsx', base64: btoa('PK xlsx'), rows: 3 }));
    const blobs: Blob[] = [];
    const names: string[] = [];
    const had = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
    URL.createObjectURL = vi.fn((b: Blob) => (blobs.push(b), 'blob:sheet'));
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { names.push(this.download); });
    try {
      await screen.findByTestId('case-search');
      fireEvent.click(screen.getByTestId('case-mine-filter'));
      fireEvent.click(screen.getByTestId('sheet-export-cases'));
      await waitFor(() => expect(text('sheet-export-cases-note')).toBe('已导出 3 行'));
      expect(fake.callsOf('sheets.exportCases')[0]).toMatchObject({ status: 'open', mine: true });
      expect(names).toEqual(['案件清单.xlsx']);
      const content = await new Promise<string>((resolve) => {
        const r = new FileReader();
        r.onload = () => resolve(String(r.result));
        r.readAsText(blobs[0]!);
      });
      expect(content).toBe('PK xlsx');
      expect(blobs[0]!.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    } finally {
      click.mockRestore();
      URL.createObjectURL = had.create;
      URL.revokeObjectURL = had.revoke;
    }
  });
});
