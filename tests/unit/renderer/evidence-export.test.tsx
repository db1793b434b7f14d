// @vitest-environment jsdom
/**
 * 导出证据包 in the case workspace: the judge is told the package holds personal data in
 * plaintext, confirms with his password, and sees where main saved it and its hash; a refusal
 * or a wrong password is said in his words. Nothing is called before he confirms.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import { appError } from '../../../shared/errors';
import { err } from '../../../shared/result';
import { CASE_DETAIL } from './fake-api';
import { renderApp, resetAll } from './render-app';

beforeEach(resetAll);
afterEach(resetAll);

async function openCase() {
  const r = renderApp();
  fireEvent.click(await screen.findByTestId(`case-row-${CASE_DETAIL.number}`));
  await screen.findByTestId('case-header');
  return r;
}

describe('导出证据包', () => {
  it('warns, asks for the password, then shows the saved path and hash', async () => {
    const { fake } = await openCase();
    fireEvent.click(screen.getByTestId('evidence-export-open'));
    expect(screen.getByText(/以明文保存在本机加密存储之外/)).toBeTruthy();
    expect(fake.callsOf('evidence.export')).toEqual([]);
    fireEvent.change(screen.getByTestId('evidence-pin'), { target: { value: 'judge-password-1' } });
    fireEvent.click(screen.getByTestId('evidence-export-confirm'));
    expect((await screen.findByTestId('evidence-export-path')).textContent).toContain('证据包-');
    expect(screen.getByTestId('evidence-export-hash').textContent).toBe('ab'.repeat(32));
    expect(fake.callsOf('evidence.export')).toEqual([{ caseId: CASE_DETAIL.id, pin: 'judge-password-1' }]);
  });

  it('says why when refused', async () => {
    const { fake } = await openCase();
    fake.handle('evidence.export', () => err(appError('FORBIDDEN', { zh: '本案不是本人或本团队承办的案件，只能查阅', en: 'read only' })));
    fireEvent.click(screen.getByTestId('evidence-export-open'));
    fireEvent.change(screen.getByTestId('evidence-pin'), { target: { value: 'x' } });
    fireEvent.click(screen.getByTestId('evidence-export-confirm'));
    expect((await screen.findByTestId('evidence-export-error')).textContent).toContain('只能查阅');
  });
});
