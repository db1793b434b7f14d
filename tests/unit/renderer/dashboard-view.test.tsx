// @vitest-environment jsdom
/**
 * The dashboard as an officer meets it (docs/dashboard.md): reached from the desk's navigation and
 * loaded on first use; its figures as main answers them; the indicators the program cannot count
 * say so; a click on a figure, or on a judge's number, opens the cases behind it, and a case of
 * that list opens in the workspace. A clerk has no dashboard button.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ok } from '../../../shared/result';
import { todayCst } from '../../../shared/dates';
import type { Dashboard, JudgeFigures } from '../../../shared/domain/dashboard';
import { qualityIndicators } from '../../../shared/rules/dashboard';
import { caseSummary, createFakeApi, OFFICER, OFFICER_2 } from './fake-api';
import { renderApp, resetAll } from './render-app';

const year = todayCst().slice(0, 4);
const figures = (judge: string, over: Partial<JudgeFigures> = {}): JudgeFigures => ({
  judge, recovered: 1_234_500, closed: 7, byWay: { completed: 4, terminal: 3, ended: 0, withdrawn: 0, 'not-enforced': 0 },
  avgClosingDays: 150.5, closedInLimit: 3, closedPastLimit: 1, nearLimit: 2, freezesLapsing: 1, listed: 1, removed: 0, ...over,
});
const dashboard = (over: Partial<Dashboard> = {}): Dashboard => ({
  scope: 'judge', period: { kind: 'year', of: year, from: `${year}-01-01`, to: `${year}-12-31` }, today: `${year}-12-04`, weekEnd: `${year}-12-06`,
  total: figures(''), judges: [{ ...figures(OFFICER.code), name: OFFICER.name }], byMonth: [{ month: `${year}-11`, recovered: 1_234_500, closed: 7 }],
  indicators: qualityIndicators({ actualInLimit: 3, actual: 4, overallDone: 6, overallFiled: 10 }), optimum: { low: 60, high: 120 }, ...over,
});
const closedCases = [caseSummary(1, { id: 'case-c1', status: 'closed', closedOn: `${year}-03-01`, closing: 'terminal' }), caseSummary(2, { id: 'case-c2', status: 'closed', closedOn: `${year}-04-02`, closing: 'completed' })];

async function openDashboard(fake = createFakeApi()) {
  fake.handle('dashboard.read', () => ok(dashboard()));
  fake.handle('dashboard.cases', () => ok({ total: closedCases.length, items: closedCases }));
  renderApp({ fake });
  fireEvent.click(await screen.findByTestId('nav-dashboard'));
  await screen.findByTestId('dashboard-tiles');
  return fake;
}

describe('dashboard view', () => {
  beforeEach(resetAll);
  afterEach(resetAll);

  it('shows this year’s figures for the judge’s own cases, and what the program cannot count', async () => {
    const fake = await openDashboard();
    expect(fake.callsOf('dashboard.read')).toEqual([{ period: { kind: 'year', of: year } }]);
    expect(screen.getByTestId('dashboard-scope').textContent).toBe('本人承办的案件');
    expect(screen.getByTestId('figure-recovered').textContent).toContain('¥12,345.00');
    expect(screen.getByTestId('figure-closed').textContent).toContain('7');
    expect(screen.getByTestId('avg-optimum').textContent).toContain('60–120');
    expect(screen.getByTestId('avg-optimum').textContent).toContain('不在区间内');
    expect(screen.getByTestId('indicator-inLimit').textContent).toContain('75.0%（3/4）');
    expect(screen.getByTestId('indicator-petitions-missing').textContent).toContain('本程序不记录信访案件');
  });

  it('a click on a figure opens the cases behind it, and a case of the list opens in the workspace', async () => {
    const fake = await openDashboard();
    fireEvent.click(screen.getByTestId('figure-closed'));
    const list = await screen.findByTestId('dashboard-drill-list');
    expect(fake.callsOf('dashboard.cases')).toEqual([{ period: { kind: 'year', of: year }, figure: 'closed' }]);
    expect(within(list).getAllByRole('row').slice(1).map((r) => r.dataset.testid)).toEqual(['drill-case-case-c1', 'drill-case-case-c2']);
    expect(screen.getByTestId('drill-case-case-c1').textContent).toContain('终结本次执行程序');
    expect(screen.getByTestId('dashboard-drill-title').textContent).toContain('结案数（2）');

    // a judge's number: his cases behind that figure
    fireEvent.click(screen.getByTestId(`judge-${OFFICER.code}-nearLimit`));
    await waitFor(() => expect(fake.callsOf('dashboard.cases').at(-1)).toEqual({ period: { kind: 'year', of: year }, figure: 'nearLimit', judge: OFFICER.code }));

    fireEvent.click(await screen.findByTestId('drill-open-case-c1'));
    await waitFor(() => expect(screen.queryByTestId('dashboard-view')).toBeNull());
    expect(fake.callsOf('cases.get')).toContainEqual({ caseId: 'case-c1' });
  });

  it('another period is asked for when the judge picks it', async () => {
    const fake = await openDashboard();
    fireEvent.change(screen.getByTestId('dashboard-period-kind'), { target: { value: 'quarter' } });
    fireEvent.change(screen.getByTestId('dashboard-period-of'), { target: { value: `${year}-Q2` } });
    fireEvent.click(screen.getByTestId('dashboard-show'));
    await waitFor(() => expect(fake.callsOf('dashboard.read').at(-1)).toEqual({ period: { kind: 'quarter', of: `${year}-Q2` } }));
  });

  it('a clerk has no dashboard in his navigation', async () => {
    const fake = createFakeApi();
    fake.handle('session.current', () => ok(OFFICER_2));
    renderApp({ fake });
    await screen.findByTestId('nav-audit');
    expect(screen.queryByTestId('nav-dashboard')).toBeNull();
  });
});
