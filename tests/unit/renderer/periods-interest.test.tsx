// @vitest-environment jsdom
/**
 * What a judge reads about periods and interest (docs/domain.md rules 1, 2): the late-performance
 * interest as its own line in the case header and under the freeze cap, the 保全期限届满日 of a 执保
 * case, a freeze withdrawn for an end date past the cap offered to be decided again, and the 执保
 * reminder answered by the notice to the applicant.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { ok } from '../../../shared/result';
import type { ReminderView } from '../../../shared/domain/measure-views';
import { CASE_DETAIL, asset, candidate, caseMeasures, docRef, freezePlan, measure } from './fake-api';
import { renderApp, resetAll } from './render-app';

const INTEREST = { amount: 525_00, from: '2026-01-11', days: 30 };
const LINE = '迟延履行期间的债务利息：¥525.00（自2026-01-11起至今30日，日万分之一点七五）';

async function openCase(detail: Partial<typeof CASE_DETAIL>, setup?: (fake: ReturnType<typeof renderApp>['fake']) => void) {
  const r = renderApp();
  r.fake.handle('cases.get', () => ok({ ...CASE_DETAIL, ...detail }));
  setup?.(r.fake);
  fireEvent.click(await screen.findByTestId(`case-row-${CASE_DETAIL.number}`));
  await screen.findByTestId('case-header-number');
  return r;
}

describe('periods and interest as the judge sees them', () => {
  beforeEach(resetAll);
  afterEach(async () => {
    vi.restoreAllMocks();
    await resetAll();
  });

  it('shows the late-performance interest in the case header and under the cap of the freeze panel', async () => {
    const plan = freezePlan({ cap: 102_825_00, lateInterest: INTEREST, candidates: [candidate(asset('a1', 'deposit', 50_000_00))] });
    await openCase({ lateInterest: INTEREST }, (f) => f.handle('measures.plan', () => ok(plan)));
    expect(screen.getByTestId('case-header-late-interest').textContent).toBe(LINE);
    fireEvent.click(screen.getByTestId('ws-tab-freeze'));
    await screen.findByTestId('freeze-cap');
    expect(screen.getByTestId('freeze-cap').textContent).toBe('¥102,825.00');
    expect(screen.getByTestId('freeze-late-interest').textContent).toBe(LINE);
  });

  it('a case without a performance deadline, or whose deadline has not passed, shows no interest line', async () => {
    await openCase({});
    expect(screen.queryByTestId('case-header-late-interest')).toBeNull();
    await resetAll();
    await openCase({ lateInterest: { amount: 0, from: '2099-01-02', days: 0 } });
    expect(screen.queryByTestId('case-header-late-interest')).toBeNull();
  });

  it('a 执保 case shows its 保全期限届满日 in the header and above the measures', async () => {
    await openCase({ type: '执保', preservationEndsOn: '2027-03-10' }, (f) => f.handle('measures.list', () => ok(caseMeasures([measure('f1')]))));
    expect(screen.getByTestId('case-header-preservation-ends').textContent).toBe('2027-03-10');
    fireEvent.click(screen.getByTestId('ws-tab-freeze'));
    expect((await screen.findByTestId('measures-preservation-ends')).textContent).toBe('保全期限届满日：2027-03-10');
  });

  it('a freeze withdrawn for an end date past the cap says so and opens the freeze panel to decide it again', async () => {
    const withdrawn = measure('f-old', {
      state: 'cancelled', endsOn: '2027-11-20', documents: [docRef('doc-9', '冻结裁定书')],
      error: { code: 'PAST_LEGAL_CAP', message: '冻结期限超过法定上限，须重新决定：所定截止日 2027-11-20，依法最迟至 2027-11-19', messageEn: 'past the cap' },
    });
    const plan = freezePlan({ cap: 100_000_00, candidates: [candidate(asset('a1', 'deposit', 50_000_00))] });
    await openCase({}, (f) => {
      f.handle('measures.list', () => ok(caseMeasures([withdrawn])));
      f.handle('measures.plan', () => ok(plan));
    });
    fireEvent.click(screen.getByTestId('ws-tab-freeze'));
    expect((await screen.findByTestId('measure-past-cap-f-old')).textContent).toContain('依法最迟至 2027-11-19');
    fireEvent.click(screen.getByTestId('measure-redecide-f-old'));
    // the asset is ticked with the lawful date the plan offers
    await waitFor(() => expect((screen.getByTestId('freeze-ends-a1') as HTMLInputElement).value).toBe(plan.candidates[0]!.maxEndDate));
  });

  it('a 执保 reminder is answered by making the notice to the applicant, not by dismissing it', async () => {
    const r: ReminderView = {
      key: 'preservation:case-1@2027-03-10', kind: 'preservation', measureId: 'f1', freezeId: 'f1', caseId: 'case-1', caseNumber: CASE_DETAIL.number,
      assetDescription: '中国工商银行 6222', endsOn: '2027-03-10', daysBefore: 7, dueOn: '2027-03-03', missed: false,
      debtor: '张三', assetKind: 'deposit', renewal: { start: '2027-03-11', end: '2028-03-10' }, frozen: 0,
    };
    const calls: unknown[] = [];
    const app = renderApp();
    app.fake.handle('reminders.due', () => ok([r]));
    app.fake.handle('reminders.notifyApplicant', (i) => {
      calls.push(i);
      return ok({ endsOn: '2027-03-10', document: docRef('doc-n', '保全期限届满提醒通知书') });
    });
    fireEvent.click(await screen.findByTestId('reminders-toggle'));
    expect((await screen.findByTestId(`reminder-preservation-${r.key}`)).textContent).toBe('提醒申请人申请续行保全');
    expect(screen.queryByTestId(`reminder-ack-${r.key}`)).toBeNull();
    fireEvent.click(screen.getByTestId(`reminder-notify-${r.key}`));
    await waitFor(() => expect(screen.queryByTestId(`reminder-${r.key}`)).toBeNull());
    expect(calls).toEqual([{ caseId: 'case-1' }]);
  });
});
