// @vitest-environment jsdom
/**
 * 主动预警 and 后台任务 as the judge sees them: the header badge counts the open alerts loaded at
 * sign-in and those 'alert.raised' brings; the list shows each with its reason, its case and its one
 * action; 一键冻结 opens the case's freeze panel with the account that received the money ticked and
 * the sum proposed (nothing sent); 知道了 and 已处理 are recorded; the jobs list shows progress and
 * pauses, resumes and stops a job (asking first), and a refusal is shown with its reason.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { ok, err } from '../../../shared/result';
import { appError } from '../../../shared/errors';
import { alertView, asset, candidate, freezePlan, jobView } from './fake-api';
import { renderApp, resetAll } from './render-app';

const text = (id: string) => screen.getByTestId(id).textContent;

describe('the alert badge and list', () => {
  beforeEach(resetAll);
  afterEach(resetAll);

  it('counts the open alerts of sign-in and adds each raised one live', async () => {
    const { fake } = renderApp();
    fake.handle('alerts.list', () => ok([alertView('al-1'), alertView('al-2', { state: 'acknowledged', kind: 'lead.unchecked', action: 'check-lead' })]));
    await screen.findByTestId('case-search');
    await waitFor(() => expect(text('alerts-count')).toBe('1'));
    act(() => fake.emit('alert.raised', { alert: alertView('al-3', { kind: 'freeze.renewal-window', action: 'renew', raisedAt: '2026-12-02T05:00:00.000Z' }) }));
    expect(text('alerts-count')).toBe('2');
    // the same alert told twice is one
    act(() => fake.emit('alert.raised', { alert: alertView('al-3', { kind: 'freeze.renewal-window', action: 'renew', raisedAt: '2026-12-02T05:00:00.000Z' }) }));
    expect(text('alerts-count')).toBe('2');

    fireEvent.click(screen.getByTestId('alerts-toggle'));
    const items = screen.getByTestId('alerts-list').querySelectorAll('li');
    expect([...items].map((li) => li.dataset.testid)).toEqual(['alert-al-3', 'alert-al-1', 'alert-al-2']);
    expect(text('alert-reason-al-1')).toContain('到账 12,345.00元');
    expect(text('alert-source-al-1')).toBe('(2025)黔0103执1234号');
    expect(text('alert-action-al-1')).toBe('一键冻结');
    expect(text('alert-action-al-3')).toBe('续冻');
    expect(text('alert-action-al-2')).toBe('核查线索');
  });

  it('知道了 and 已处理 are recorded; a handled alert leaves the list', async () => {
    const { fake } = renderApp();
    fake.handle('alerts.list', () => ok([alertView('al-1'), alertView('al-2')]));
    await screen.findByTestId('case-search');
    await waitFor(() => expect(text('alerts-count')).toBe('2'));
    fireEvent.click(screen.getByTestId('alerts-toggle'));
    fireEvent.click(screen.getByTestId('alert-ack-al-1'));
    await waitFor(() => expect(text('alerts-count')).toBe('1'));
    expect(fake.callsOf('alerts.acknowledge')).toEqual([{ caseId: 'case-1', alertId: 'al-1' }]);
    fireEvent.click(screen.getByTestId('alert-done-al-2'));
    await waitFor(() => expect(screen.queryByTestId('alert-al-2')).toBeNull());
    expect(fake.callsOf('alerts.done')).toEqual([{ caseId: 'case-1', alertId: 'al-2' }]);
    expect(screen.queryByTestId('alerts-count')).toBeNull();
  });

  it('一键冻结 opens the freeze panel with the account that received the money ticked and the sum proposed, sending nothing', async () => {
    const { fake } = renderApp();
    const fresh = asset('a-icbc-new', 'deposit', 2_000_000, { identifier: '6222020200001', foundAt: '2026-12-02T02:00:00.000Z' });
    const other = asset('a-ccb', 'deposit', 900_000, { channel: 'bank.ccb', identifier: '6217000000009' });
    fake.handle('alerts.list', () => ok([alertView('al-1')]));
    fake.handle('measures.plan', () => ok(freezePlan({ candidates: [candidate(other), candidate(fresh)] })));
    await screen.findByTestId('case-search');
    await waitFor(() => expect(text('alerts-count')).toBe('1'));
    fireEvent.click(screen.getByTestId('alerts-toggle'));
    fireEvent.click(screen.getByTestId('alert-action-al-1'));
    const amount = await screen.findByTestId('freeze-amount-a-icbc-new');
    expect((amount as HTMLInputElement).value).toBe('12345.00');
    expect((screen.getByTestId('freeze-pick-a-icbc-new') as HTMLInputElement).checked).toBe(true);
    expect(fake.callsOf('measures.freeze')).toHaveLength(0);
    // seen: the badge goes down once the judge acts on it
    await waitFor(() => expect(screen.queryByTestId('alerts-count')).toBeNull());
  });
});

describe('the background jobs list', () => {
  beforeEach(resetAll);
  afterEach(resetAll);

  it('shows each job’s progress, pauses, resumes and stops it (asking first), live on job.updated', async () => {
    const { fake } = renderApp();
    fake.handle('jobs.list', () => ok([jobView('j-1'), jobView('j-2', { kind: 'alerts.scan', caseId: undefined, caseNumber: undefined, createdBy: 'system', manageable: false })]));
    await screen.findByTestId('case-search');
    fireEvent.click(screen.getByTestId('nav-jobs'));
    await screen.findByTestId('job-j-1');
    expect(text('job-j-1')).toContain('轮询冻结（至足额）');
    expect((screen.getByTestId('job-progress-j-1') as HTMLProgressElement).value).toBe(3);
    expect(screen.queryByTestId('job-pause-j-2')).toBeNull();

    fireEvent.click(screen.getByTestId('job-pause-j-1'));
    await waitFor(() => expect(text('job-state-j-1')).toContain('已暂停'));
    fireEvent.click(screen.getByTestId('job-resume-j-1'));
    await waitFor(() => expect(text('job-state-j-1')).toContain('等待执行'));
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);
    fireEvent.click(screen.getByTestId('job-cancel-j-1'));
    expect(fake.callsOf('jobs.cancel')).toHaveLength(0);
    fireEvent.click(screen.getByTestId('job-cancel-j-1'));
    await waitFor(() => expect(text('job-state-j-1')).toContain('已停止'));
    expect(fake.callsOf('jobs.cancel')).toEqual([{ jobId: 'j-1' }]);
    confirm.mockRestore();

    act(() => fake.emit('job.updated', { job: jobView('j-2', { kind: 'alerts.scan', state: 'running', caseId: undefined, caseNumber: undefined, manageable: false, updatedAt: '2026-12-02T09:00:00.000Z' }) }));
    expect(text('job-state-j-2')).toContain('执行中');
  });

  it('shows the refusal of another officer’s job with its reason', async () => {
    const { fake } = renderApp();
    fake.handle('jobs.list', () => ok([jobView('j-1')]));
    fake.handle('jobs.pause', () => err(appError('FORBIDDEN', { zh: '这是其他干警的后台任务，只能由其本人或承办该案的干警暂停、继续或取消', en: 'another officer’s job' })));
    await screen.findByTestId('case-search');
    fireEvent.click(screen.getByTestId('nav-jobs'));
    fireEvent.click(await screen.findByTestId('job-pause-j-1'));
    await waitFor(() => expect(text('job-j-1')).toContain('其他干警的后台任务'));
    expect(text('job-state-j-1')).toContain('等待执行');
  });
});
