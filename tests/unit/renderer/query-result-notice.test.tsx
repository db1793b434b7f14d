// @vitest-environment jsdom
/**
 * 「生成查询结果告知书」 in the case workspace's query panel (docs/documents.md, "查询结果告知书"): the
 * click makes the case's notice and opens it in the document viewer; a refusal shows its reason.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { err, ok } from '../../../shared/result';
import { appError } from '../../../shared/errors';
import { CASE_DETAIL, createFakeApi, type FakeApi } from './fake-api';
import { renderApp, resetAll } from './render-app';

const REF = { id: 'doc-qr-1', type: '查询结果告知书' as const, number: '（2026）黔0103执1号之二', sha256: 'a'.repeat(64), createdAt: '2026-12-04T08:00:00.000Z' };

async function openCase(fake: FakeApi) {
  renderApp({ fake });
  fireEvent.click(await screen.findByTestId(`case-row-${CASE_DETAIL.number}`));
  await screen.findByTestId('case-header-number');
}

describe('the query-results notice button', () => {
  beforeEach(resetAll);
  afterEach(resetAll);

  it('makes the notice of the open case and opens it in the viewer', async () => {
    const fake = createFakeApi();
    fake.handle('notices.queryResult', () => ok({ document: REF, reused: false }));
    fake.handle('documents.get', () => ok({ ref: REF, content: { type: '查询结果告知书', title: '查询结果告知书', court: '贵阳市云岩区人民法院', caseNumber: REF.number, number: REF.number, blocks: [], date: '2026-12-04', dateText: '二〇二六年十二月四日' }, pdfBase64: btoa('%PDF-1.7 fake') }));
    await openCase(fake);
    const button = screen.getByTestId('query-result-notice');
    expect(button.textContent).toBe('生成查询结果告知书');
    fireEvent.click(button);
    await waitFor(() => expect(fake.callsOf('documents.get').at(-1)).toEqual({ documentId: REF.id }));
    expect(fake.callsOf('notices.queryResult')).toEqual([{ caseId: CASE_DETAIL.id }]);
    expect(await screen.findByTestId('doc-viewer')).toBeTruthy();
  });

  it('shows the reason when the notice cannot be made', async () => {
    const fake = createFakeApi();
    fake.handle('notices.queryResult', () => err(appError('VALIDATION', { zh: '本案尚未进行网络查询，不能制作查询结果告知书', en: 'no query yet' }, 'caseId')));
    await openCase(fake);
    fireEvent.click(screen.getByTestId('query-result-notice'));
    expect((await screen.findByTestId('query-result-notice-error')).textContent).toContain('尚未进行网络查询');
    expect(fake.callsOf('documents.get')).toEqual([]);
  });
});
