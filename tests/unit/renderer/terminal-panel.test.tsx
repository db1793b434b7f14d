// @vitest-environment jsdom
/**
 * The 终本 tab as the judge and the chief use it (docs/domain.md rule 12): each of the five conditions
 * with what it rests on and what is missing; the judge proposes with his password; the chief
 * approves; the re-query runs with their 查询结果告知书; one-click 执恢 on a 终本 case; a refusal
 * shown with its reason.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { ok, err } from '../../../shared/result';
import { appError } from '../../../shared/errors';
import type { Officer } from '../../../shared/domain/types';
import type { TerminalClosing, TerminalView } from '../../../shared/domain/terminal';
import type { TerminalChecklist } from '../../../shared/rules/terminal';
import { CASE_DETAIL, OFFICER, alertView, createFakeApi, type FakeApi } from './fake-api';
import { renderApp, resetAll } from './render-app';

const CHIEF: Officer = { code: 'F520103003', name: '陈庭长', court: OFFICER.court, role: 'chief' };

function checklist(ready: boolean): TerminalChecklist {
  const cond = (id: 'notices' | 'credit' | 'investigation' | 'time' | 'search', met: boolean) => ({
    id, met, title: { zh: `条件${id}`, en: `condition ${id}` },
    facts: id === 'notices' ? [{ zh: '张三：执行通知书已于2026-01-06送达', en: 'served', source: { kind: 'notice' as const, id: 'n1' } }] : [],
    missing: met ? [] : [{ zh: '尚未对张三发出限制消费令（或信用平台尚未接收）', en: 'no restriction' }],
  });
  return { caseId: 'case-1', ready, basis: '《最高人民法院关于严格规范终结本次执行程序的规定（试行）》第一条', conditions: [cond('notices', true), cond('credit', ready), cond('investigation', true), cond('time', true), cond('search', true)] };
}
const closing = (o: Partial<TerminalClosing> = {}): TerminalClosing => ({
  id: 'cl-1', caseId: 'case-1', state: 'proposed', checklist: checklist(true), proposedBy: OFFICER.code, proposedAt: '2026-05-01T02:00:00.000Z',
  signatures: [{ role: 'decision', officer: OFFICER.code, keyId: 'k1', signature: 's' }], ...o,
});
const view = (o: Partial<TerminalView> = {}): TerminalView => ({ checklist: checklist(false), runs: [], caseStatus: 'open', ...o });

async function openTab(fake: FakeApi) {
  renderApp({ fake });
  fireEvent.click(await screen.findByTestId(`case-row-${CASE_DETAIL.number}`));
  await screen.findByTestId('case-header-number');
  fireEvent.click(screen.getByTestId('ws-tab-terminal'));
  await screen.findByTestId('terminal-panel');
}

describe('the 终本 tab', () => {
  beforeEach(resetAll);
  afterEach(resetAll);

  it('shows each condition with its source and what is missing; a refused proposal shows the reason', async () => {
    const fake = createFakeApi();
    fake.handle('terminal.view', () => ok(view()));
    fake.handle('terminal.propose', () => err(appError('VALIDATION', { zh: '不符合终结本次执行程序的条件：尚未对张三发出限制消费令', en: 'not met' }, 'caseId')));
    await openTab(fake);
    expect(screen.getByTestId('terminal-ready').textContent).toContain('尚不具备终本条件');
    expect(screen.getByTestId('terminal-cond-notices').dataset.met).toBe('true');
    expect(screen.getByTestId('terminal-source-notices-0').textContent).toContain('送达记录');
    expect(screen.getByTestId('terminal-cond-credit').dataset.met).toBe('false');
    expect(screen.getByTestId('terminal-missing-credit-0').textContent).toContain('限制消费令');
    const propose = screen.getByTestId('terminal-propose') as HTMLButtonElement;
    expect(propose.disabled).toBe(true);
    fireEvent.change(screen.getByTestId('terminal-pin'), { target: { value: 'officer-password-1' } });
    fireEvent.click(propose);
    expect((await screen.findByTestId('terminal-error')).textContent).toContain('尚未对张三发出限制消费令');
    expect(fake.callsOf('terminal.propose')).toEqual([{ caseId: 'case-1', pin: 'officer-password-1' }]);
  });

  it('the judge proposes; he is offered no approval of his own proposal', async () => {
    const fake = createFakeApi();
    let v = view({ checklist: checklist(true) });
    fake.handle('terminal.view', () => ok(v));
    fake.handle('terminal.propose', () => {
      v = view({ checklist: checklist(true), closing: closing() });
      return ok(closing());
    });
    await openTab(fake);
    fireEvent.change(screen.getByTestId('terminal-pin'), { target: { value: 'pw' } });
    fireEvent.click(screen.getByTestId('terminal-propose'));
    await waitFor(() => expect(screen.getByTestId('terminal-closing-state').textContent).toContain('待审批'));
    expect(screen.queryByTestId('terminal-propose')).toBeNull();
    expect(screen.queryByTestId('terminal-approve')).toBeNull();
  });

  it('the chief approves with his password; the ruling can be opened', async () => {
    const fake = createFakeApi();
    fake.handle('session.current', () => ok(CHIEF));
    fake.handle('session.signIn', () => ok(CHIEF));
    let v = view({ checklist: checklist(true), closing: closing() });
    fake.handle('terminal.view', () => ok(v));
    fake.handle('terminal.approve', () => {
      const c = closing({ state: 'approved', decidedBy: CHIEF.code, documentId: 'doc-ruling' });
      v = view({ checklist: checklist(true), closing: c, caseStatus: 'terminal', job: { id: 'job-1', state: 'queued', runAt: '2026-11-01T01:00:00.000Z', runs: 0 } });
      return ok({ closing: c, jobId: 'job-1' });
    });
    await openTab(fake);
    expect(screen.queryByTestId('terminal-propose')).toBeNull();
    fireEvent.change(screen.getByTestId('terminal-pin'), { target: { value: 'chief-pw' } });
    fireEvent.click(screen.getByTestId('terminal-approve'));
    await waitFor(() => expect(screen.getByTestId('terminal-closing-state').textContent).toContain('已终本'));
    expect(fake.callsOf('terminal.approve')).toEqual([{ caseId: 'case-1', closingId: 'cl-1', decision: 'approve', pin: 'chief-pw' }]);
    expect(screen.getByTestId('terminal-job').textContent).toContain('2026-11-01');
    expect(screen.getByTestId('terminal-ruling')).toBeTruthy();
    // a chief does not resume a case: that is the judge's
    expect(screen.queryByTestId('terminal-resume')).toBeNull();
  });

  it('shows the re-query history and resumes a 终本 case in one click', async () => {
    const fake = createFakeApi();
    const approved = closing({ state: 'approved', decidedBy: CHIEF.code, documentId: 'doc-ruling' });
    let v = view({
      checklist: checklist(true), closing: approved, caseStatus: 'terminal', job: { id: 'job-1', state: 'queued', runAt: '2027-05-01T01:00:00.000Z', runs: 1 },
      runs: [{ id: 'run-1', caseId: 'case-1', jobId: 'job-1', run: 1, ranAt: '2026-11-01T01:00:00.000Z', requests: [], newAssets: [{ assetId: 'a1', partyId: 'p-1', description: '工商银行 6222 0000 0001 ¥12,345.00', value: 1_234_500 }], documentId: 'doc-notice' }],
    });
    fake.handle('terminal.view', () => ok(v));
    fake.handle('terminal.resume', () => {
      v = { ...v, job: { ...v.job!, state: 'cancelled' }, resumed: { caseId: 'case-9', number: '(2026)黔0103执恢12号' } };
      return ok({ view: v, resumed: { id: 'case-9', number: '(2026)黔0103执恢12号', status: 'open', amountOwed: 100 } });
    });
    await openTab(fake);
    expect(screen.getByTestId('terminal-run-1').textContent).toContain('工商银行 6222 0000 0001');
    expect(screen.getByTestId('terminal-run-1').textContent).toContain('查询结果告知书');
    fireEvent.click(screen.getByTestId('terminal-resume'));
    await waitFor(() => expect(screen.getByTestId('terminal-resumed').textContent).toContain('(2026)黔0103执恢12号'));
    expect(fake.callsOf('terminal.resume')).toEqual([{ caseId: 'case-1' }]);
    expect(screen.queryByTestId('terminal-resume')).toBeNull();
    expect(screen.getByTestId('terminal-job').textContent).toContain('已停止');
  });

  it('the alert of new property after 终本 opens the case on the 终本 tab, with 执恢 at hand', async () => {
    const fake = createFakeApi();
    fake.handle('alerts.list', () => ok([alertView('al-t', { kind: 'terminal.new-property', action: 'resume-case', source: { kind: 'job', id: 'job-1' }, reason: { zh: '终本后第1次复查发现新的财产', en: 'new property' } })]));
    fake.handle('terminal.view', () => ok(view({ checklist: checklist(true), closing: closing({ state: 'approved' }), caseStatus: 'terminal' })));
    renderApp({ fake });
    await screen.findByTestId('case-search');
    await waitFor(() => expect(screen.getByTestId('alerts-count').textContent).toBe('1'));
    fireEvent.click(screen.getByTestId('alerts-toggle'));
    expect(screen.getByTestId('alert-action-al-t').textContent).toBe('恢复执行');
    fireEvent.click(screen.getByTestId('alert-action-al-t'));
    await screen.findByTestId('terminal-panel');
    expect(screen.getByTestId('terminal-resume')).toBeTruthy();
  });

  it('where the listing condition is unmet the judge records why the dishonest list does not apply, and the condition rests on it', async () => {
    const fake = createFakeApi();
    const unmet = checklist(false);
    unmet.conditions[1] = { ...unmet.conditions[1]!, missing: [{ zh: '张三尚未纳入失信名单，也未记录不适用的理由', en: 'neither listed nor a reason', listingReasonFor: 'p-1' }] };
    const met = checklist(true);
    met.conditions[1] = { ...met.conditions[1]!, facts: [{ zh: '张三：不适用纳入失信名单——被执行人系低保户', en: 'does not apply', source: { kind: 'listing-reason', id: 'lr-1' } }] };
    let v = view({ checklist: unmet });
    fake.handle('terminal.view', () => ok(v));
    fake.handle('terminal.recordListingReason', () => {
      v = view({ checklist: met });
      return ok(v);
    });
    await openTab(fake);
    const save = screen.getByTestId('terminal-listing-reason-save-p-1') as HTMLButtonElement;
    expect(save.textContent).toBe('记录理由');
    fireEvent.change(screen.getByTestId('terminal-listing-reason-input-p-1'), { target: { value: '低保' } });
    expect(save.disabled).toBe(true);
    fireEvent.change(screen.getByTestId('terminal-listing-reason-input-p-1'), { target: { value: '  被执行人系低保户  ' } });
    fireEvent.click(save);
    await waitFor(() => expect(screen.getByTestId('terminal-cond-credit').dataset.met).toBe('true'));
    expect(fake.callsOf('terminal.recordListingReason')).toEqual([{ caseId: 'case-1', partyId: 'p-1', reason: '被执行人系低保户' }]);
    expect(screen.getByTestId('terminal-source-credit-0').textContent).toContain('不适用失信的理由');
    expect(screen.queryByTestId('terminal-listing-reason-p-1')).toBeNull();
  });

  it('offers no listing reason to the chief, nor once the proposal is made', async () => {
    const fake = createFakeApi();
    fake.handle('session.current', () => ok(CHIEF));
    fake.handle('session.signIn', () => ok(CHIEF));
    const unmet = checklist(false);
    unmet.conditions[1] = { ...unmet.conditions[1]!, missing: [{ zh: '张三尚未纳入失信名单，也未记录不适用的理由', en: 'x', listingReasonFor: 'p-1' }] };
    fake.handle('terminal.view', () => ok(view({ checklist: unmet })));
    await openTab(fake);
    expect(screen.getByTestId('terminal-missing-credit-0').textContent).toContain('尚未纳入失信名单');
    expect(screen.queryByTestId('terminal-listing-reason-p-1')).toBeNull();
  });

  it('a case closed as 终本 says so, not that 终本 may be proposed; the ruling link stands apart from the approver', async () => {
    const fake = createFakeApi();
    const approved = closing({ state: 'approved', decidedBy: CHIEF.code, documentId: 'doc-ruling' });
    fake.handle('terminal.view', () => ok(view({ checklist: checklist(true), closing: approved, caseStatus: 'terminal' })));
    await openTab(fake);
    const ready = screen.getByTestId('terminal-ready').textContent ?? '';
    expect(ready).toMatch(/^本案已终结本次执行程序 · /);
    expect(ready).not.toContain('可以提请终本');
    expect(screen.getByTestId('terminal-closing-state').textContent).toBe(`已终本 · 提请人 ${OFFICER.code} · 审批人 ${CHIEF.code} 终本裁定书`);
  });

  it('an open case still ready says 终本 may be proposed', async () => {
    const fake = createFakeApi();
    fake.handle('terminal.view', () => ok(view({ checklist: checklist(true) })));
    await openTab(fake);
    expect(screen.getByTestId('terminal-ready').textContent).toMatch(/^五项条件均已具备，可以提请终本 · /);
  });
});

describe('the case header of a closed case', () => {
  beforeEach(resetAll);
  afterEach(resetAll);

  it('counts no days left once the case is closed; an open case still counts them', async () => {
    const fake = createFakeApi();
    fake.handle('cases.get', () => ok({ ...CASE_DETAIL, status: 'closed', closing: 'terminal', closedOn: '2025-08-01', closedBy: CHIEF.code }));
    fake.handle('terminal.view', () => ok(view({ caseStatus: 'terminal' })));
    renderApp({ fake });
    fireEvent.click(await screen.findByTestId(`case-row-${CASE_DETAIL.number}`));
    await screen.findByTestId('case-header-number');
    expect(screen.queryByTestId('case-days-left')).toBeNull();
    expect(screen.queryByTestId('case-header-limit')).toBeNull();
    expect(screen.getByTestId('case-header-filed').textContent).toBe(CASE_DETAIL.filedOn);
  });

  it('an open case shows its countdown', async () => {
    renderApp({ fake: createFakeApi() });
    fireEvent.click(await screen.findByTestId(`case-row-${CASE_DETAIL.number}`));
    await screen.findByTestId('case-header-number');
    expect(screen.getByTestId('case-days-left').textContent).toBe('剩余 21 天');
  });
});
