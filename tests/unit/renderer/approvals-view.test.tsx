// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { ok } from '../../../shared/result';
import type { ApprovalInboxItem } from '../../../shared/ipc/contract';
import { OFFICER, createFakeApi, fail } from './fake-api';
import { renderApp, resetAll } from './render-app';

const CHIEF = { ...OFFICER, code: 'F520103003', name: '张国华', role: 'chief' as const };
const ITEM: ApprovalInboxItem = {
  id: 'm-77', caseNumber: '(2025)黔0103执1234号', decidedBy: 'F520103001', amount: 18_232_426, subject: '张三（52010319********12）',
  channel: 'bank.icbc', assetIdentifier: '2402000119200012345', offeredAt: '2026-12-01T02:00:00.000Z', status: 'pending',
};

function chiefApi() {
  const fake = createFakeApi();
  fake.handle('session.current', () => ok(CHIEF));
  fake.handle('approvals.inbox', () => ok([ITEM]));
  return fake;
}

describe('approvals inbox', () => {
  beforeEach(resetAll);
  afterEach(resetAll);

  it('is offered to a chief, lists what waits with amount, debtor and deciding judge, and approves with his password', async () => {
    const fake = chiefApi();
    fake.handle('approvals.decide', (i) => (i.pin === 'chief-password-3' ? ok({ ...ITEM, status: 'approved' }) : fail('BAD_CREDENTIALS')));
    renderApp({ fake });
    fireEvent.click(await screen.findByTestId('nav-approvals'));
    const row = await screen.findByTestId('inbox-row-m-77');
    expect(row.textContent).toContain('(2025)黔0103执1234号');
    expect(row.textContent).toContain('¥182,324.26');
    expect(row.textContent).toContain('F520103001');
    expect(row.textContent).toContain('工商银行');
    expect(row.textContent).not.toMatch(/520103\d{12}/);
    fireEvent.change(screen.getByTestId('inbox-pin-m-77'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByTestId('inbox-approve-m-77'));
    expect((await screen.findByTestId('inbox-error-m-77')).textContent).not.toBe('');
    fireEvent.change(screen.getByTestId('inbox-pin-m-77'), { target: { value: 'chief-password-3' } });
    fireEvent.click(screen.getByTestId('inbox-approve-m-77'));
    expect((await screen.findByTestId('inbox-decided-m-77')).textContent).toContain('已批准');
    expect(screen.queryByTestId('inbox-row-m-77')).toBeNull();
    expect(fake.callsOf('approvals.decide').at(-1)).toEqual({ id: 'm-77', decision: 'approve', pin: 'chief-password-3' });
  });

  it('sends a refusal with its reason, and says what the gateway answered', async () => {
    const fake = chiefApi();
    fake.handle('approvals.decide', (i) => (i.reason ? ok({ ...ITEM, status: 'refused' }) : fail('VALIDATION', { zh: '不予批准须说明理由', en: 'a refusal needs a reason' })));
    renderApp({ fake });
    fireEvent.click(await screen.findByTestId('nav-approvals'));
    await screen.findByTestId('inbox-row-m-77');
    fireEvent.change(screen.getByTestId('inbox-pin-m-77'), { target: { value: 'chief-password-3' } });
    fireEvent.click(screen.getByTestId('inbox-refuse-m-77'));
    expect((await screen.findByTestId('inbox-error-m-77')).textContent).toContain('不予批准须说明理由');
    fireEvent.change(screen.getByTestId('inbox-reason-m-77'), { target: { value: '冻结账户系案外人工资账户，待核实' } });
    fireEvent.click(screen.getByTestId('inbox-refuse-m-77'));
    expect((await screen.findByTestId('inbox-decided-m-77')).textContent).toContain('已不予批准');
    expect(fake.callsOf('approvals.decide').at(-1)).toMatchObject({ decision: 'refuse', reason: '冻结账户系案外人工资账户，待核实' });
  });

  it('is not offered to a judge', async () => {
    renderApp({ fake: createFakeApi() });
    await screen.findByTestId('nav-audit');
    expect(screen.queryByTestId('nav-approvals')).toBeNull();
  });

  it('says when the network is down', async () => {
    const fake = chiefApi();
    fake.handle('approvals.inbox', () => fail('NETWORK_DOWN', { zh: '查控网络不可用，审批待联网后进行', en: 'x' }));
    renderApp({ fake });
    fireEvent.click(await screen.findByTestId('nav-approvals'));
    await waitFor(() => expect(screen.getByTestId('approvals-error').textContent).toContain('查控网络不可用'));
  });
});
