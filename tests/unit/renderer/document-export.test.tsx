// @vitest-environment jsdom
/**
 * The document viewer prints, and exports a copy only when the judge has been told what it is: a
 * PDF with the parties' personal data in plaintext, outside the encrypted store. The copy comes
 * from the audited documents.export call, made only after he confirms; nothing is saved before.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { CaseDocuments } from '../../../renderer/src/features/documents/CaseDocuments.dom';
import { DocumentLinks } from '../../../renderer/src/features/documents/DocumentLinks.dom';
import { useAppStore } from '../../../renderer/src/store';
import { createFakeApi, docRef, fail, RULING } from './fake-api';
import { renderApp, resetAll } from './render-app';

let created: Blob[];
let clicked: HTMLAnchorElement[];

beforeEach(async () => {
  await resetAll();
  created = [];
  clicked = [];
  Object.assign(URL, {
    createObjectURL: vi.fn((b: Blob) => {
      created.push(b);
      return `blob:chakong/${created.length}`;
    }),
    revokeObjectURL: vi.fn(),
  });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push(this);
  });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await resetAll();
});

async function openViewer() {
  const r = renderApp();
  await screen.findByTestId('case-search');
  await act(() => useAppStore.getState().openDocument('doc-1'));
  await screen.findByTestId('doc-page');
  return r;
}

describe('document viewer: print, and an audited copy only after a warning', () => {
  it('打印 prints the page as laid out; nothing is downloaded', async () => {
    await openViewer();
    const print = vi.fn();
    vi.stubGlobal('print', print);
    window.print = print;
    fireEvent.click(screen.getByTestId('doc-print'));
    expect(print).toHaveBeenCalledOnce();
    expect(created).toEqual([]);
    expect(screen.getByTestId('doc-page').classList).toContain('print-area');
    vi.unstubAllGlobals();
  });

  it('导出副本 warns of plaintext personal data; cancelling calls nothing and saves nothing', async () => {
    const { fake } = await openViewer();
    fireEvent.click(screen.getByTestId('doc-export'));
    const warning = screen.getByTestId('doc-export-confirm');
    expect(warning.getAttribute('role')).toBe('alertdialog');
    expect(warning.textContent).toContain('个人信息');
    expect(warning.textContent).toContain('明文');
    expect(warning.textContent).toContain('审计');
    fireEvent.click(screen.getByTestId('doc-export-cancel'));
    expect(screen.queryByTestId('doc-export-confirm')).toBeNull();
    expect(fake.callsOf('documents.export')).toEqual([]);
    expect(created).toEqual([]);
    // Esc withdraws the question, not the viewer
    fireEvent.click(screen.getByTestId('doc-export'));
    fireEvent.keyDown(screen.getByTestId('doc-export-cancel'), { key: 'Escape' });
    expect(screen.queryByTestId('doc-export-confirm')).toBeNull();
    expect(screen.getByTestId('doc-viewer')).toBeTruthy();
    expect(fake.callsOf('documents.export')).toEqual([]);
  });

  it('confirmed, the copy comes from documents.export and is saved as a PDF named after the document', async () => {
    const { fake } = await openViewer();
    fireEvent.click(screen.getByTestId('doc-export'));
    await act(async () => {
      fireEvent.click(screen.getByTestId('doc-export-ok'));
    });
    expect(fake.callsOf('documents.export')).toEqual([{ documentId: 'doc-1' }]);
    expect(created).toHaveLength(1);
    expect(created[0]!.type).toBe('application/pdf');
    expect(clicked).toHaveLength(1);
    expect(clicked[0]!.download).toMatch(/^冻结裁定书.*\.pdf$/);
    expect(screen.queryByTestId('doc-export-confirm')).toBeNull();
  });

  it('a refused export says why and saves nothing', async () => {
    const { fake } = await openViewer();
    fake.handle('documents.export', () => fail('NOT_FOUND'));
    fireEvent.click(screen.getByTestId('doc-export'));
    await act(async () => {
      fireEvent.click(screen.getByTestId('doc-export-ok'));
    });
    expect(screen.getByTestId('doc-export-error').textContent).toContain('未找到');
    expect(created).toEqual([]);
  });

  it('a voided document shows 作废 on the page it prints, with the reason and the time', async () => {
    const fake = createFakeApi();
    const voided = { reason: '协助执行单位拒绝扣划：收款账户不是本院登记的执行款专户（COURT_ACCOUNT_INVALID）', at: '2026-03-02T03:04:05.000Z' };
    fake.handle('documents.get', (i) => ({ ok: true, value: { ref: { ...docRef(i.documentId, '扣划裁定书'), voided }, content: RULING, pdfBase64: btoa('%PDF-1.7 fake') } }));
    renderApp({ fake });
    await screen.findByTestId('case-search');
    await act(() => useAppStore.getState().openDocument('doc-9'));
    await screen.findByTestId('doc-page');
    expect(screen.getByTestId('doc-void-stamp').textContent).toBe('作废');
    expect(screen.getByTestId('doc-page').contains(screen.getByTestId('doc-void-stamp'))).toBe(true);
    expect(screen.getByTestId('doc-voided-badge').textContent).toBe('作废');
    expect(screen.getByTestId('doc-voided').textContent).toContain('COURT_ACCOUNT_INVALID');
    expect(screen.getByTestId('doc-voided').textContent).toContain('2026-03-02 03:04');
  });

  it('a document in force carries no stamp', async () => {
    await openViewer();
    expect(screen.queryByTestId('doc-void-stamp')).toBeNull();
    expect(screen.queryByTestId('doc-voided-badge')).toBeNull();
  });

  it('the case’s register shows number, document, addressee, amount, date and state, and opens the viewer', async () => {
    const fake = createFakeApi();
    fake.handle('documents.get', (i) => ({ ok: true, value: { ref: docRef(i.documentId, '冻结裁定书'), content: RULING, pdfBase64: btoa('%PDF-1.7 fake') } }));
    renderApp({ fake });
    await screen.findByTestId('case-search');
    const voided = { reason: '措施已撤回，未发出', at: '2026-03-02T03:04:05.000Z' };
    render(<CaseDocuments docs={[
      { ...docRef('d-1', '冻结裁定书'), number: '(2025)黔0103执1234号之一', title: '执行裁定书', measureKind: 'freeze', measureState: 'executed', amount: 1_234_500, createdAt: '2026-03-01T17:00:00.000Z' },
      { ...docRef('d-2', '协助冻结通知书'), number: '(2025)黔0103执1234号之二', title: '协助查封通知书', addressee: '贵阳市不动产登记中心', measureKind: 'freeze', measureState: 'cancelled', voided },
    ]} />);
    const first = screen.getByTestId('case-doc-row-d-1').textContent!;
    expect(first).toContain('(2025)黔0103执1234号之一');
    expect(first).toContain('执行裁定书');
    expect(first).toContain('¥12,345.00');
    expect(first).toContain('2026-03-02'); // the day in China Standard Time
    expect(first).toContain('有效');
    const second = screen.getByTestId('case-doc-row-d-2').textContent!;
    expect(second).toContain('协助查封通知书');
    expect(second).toContain('贵阳市不动产登记中心');
    expect(second).toContain('作废');
    expect(second).toContain('措施已撤回，未发出');
    fireEvent.click(screen.getByTestId('case-doc-d-1'));
    await waitFor(() => expect(fake.callsOf('documents.get').at(-1)).toEqual({ documentId: 'd-1' }));
  });

  it('the document list marks a voided document 作废 and leaves the others as they are', () => {
    const voided = { reason: '协助执行单位拒绝扣划', at: '2026-03-02T03:04:05.000Z' };
    render(<DocumentLinks docs={[{ ...docRef('d-1', '扣划裁定书'), voided }, docRef('d-2', '冻结裁定书')]} testPrefix="case-doc" />);
    expect(screen.getByTestId('case-doc-d-1-voided').textContent).toBe('作废');
    expect(screen.getByTestId('case-doc-d-1-voided').getAttribute('title')).toBe('协助执行单位拒绝扣划');
    expect(screen.queryByTestId('case-doc-d-2-voided')).toBeNull();
  });
});
