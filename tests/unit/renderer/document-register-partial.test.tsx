// @vitest-environment jsdom
/**
 * The case's document register for a ruling over several accounts (docs/documents.md): while some
 * of its items stand it is 部分未执行, not 作废, and names each failed item with its reason; a
 * ruling none of whose items stand is 作废 alone.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { CaseDocuments } from '../../../renderer/src/features/documents/CaseDocuments.dom';
import { docRef } from './fake-api';
import { resetAll } from './render-app';

beforeEach(async () => {
  await resetAll();
});

const refused = { measureId: 'm-3', item: '中国农业银行 6228480000000003', reason: '协助执行单位拒绝冻结：账户已销户（ACCOUNT_CLOSED）' };

describe('the register of a ruling over several items', () => {
  it('says 部分未执行 and which account was refused, and keeps the rest in force', () => {
    render(<CaseDocuments docs={[
      { ...docRef('d-1', '冻结裁定书'), title: '执行裁定书', measureKind: 'freeze', measureIds: ['m-1', 'm-2', 'm-3'], amount: 30_000, failedItems: [refused] },
      { ...docRef('d-2', '协助冻结通知书'), title: '协助冻结通知书', addressee: '中国工商银行股份有限公司贵阳中华北路支行', measureKind: 'freeze', measureIds: ['m-1', 'm-2'], amount: 20_000 },
    ]} />);
    const ruling = screen.getByTestId('case-doc-row-d-1');
    expect(screen.getByTestId('case-doc-d-1-partial').textContent).toBe('部分未执行');
    expect(screen.queryByTestId('case-doc-d-1-voided')).toBeNull();
    expect(ruling.getAttribute('data-voided')).toBeNull();
    expect(screen.getByTestId('case-doc-d-1-failed-m-3').textContent).toBe('未执行：中国农业银行 6228480000000003（协助执行单位拒绝冻结：账户已销户（ACCOUNT_CLOSED））');
    expect(ruling.textContent).toContain('¥300.00');
    const notice = screen.getByTestId('case-doc-row-d-2').textContent!;
    expect(notice).toContain('有效');
    expect(notice).not.toContain('未执行');
  });

  it('a ruling none of whose items stand is 作废, with no partial mark', () => {
    const voided = { reason: '所列2项均未执行。…', at: '2026-03-02T03:04:05.000Z' };
    render(<CaseDocuments docs={[{ ...docRef('d-1', '冻结裁定书'), title: '执行裁定书', measureKind: 'freeze', voided }]} />);
    expect(screen.getByTestId('case-doc-d-1-voided').textContent).toBe('作废');
    expect(screen.queryByTestId('case-doc-d-1-partial')).toBeNull();
  });
});
