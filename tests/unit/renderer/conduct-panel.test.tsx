// @vitest-environment jsdom
/**
 * 履行情况 as the judge sees it (docs/domain.md rule 8): the debtor's timeline with dates in China
 * Standard Time and money in yuan, the proposal with the facts it rests on and their records, and
 * his confirmation — an override without a reason is refused with main's words, nothing changed.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { CASE_DETAIL } from './fake-api';
import { renderApp, resetAll } from './render-app';
import { useAppStore } from '../../../renderer/src/store';

beforeEach(resetAll);
afterEach(resetAll);

async function openConduct() {
  const r = renderApp();
  fireEvent.click(await screen.findByTestId(`case-row-${CASE_DETAIL.number}`));
  await screen.findByTestId('case-header');
  fireEvent.click(screen.getByTestId('ws-tab-conduct'));
  await screen.findByTestId('conduct-timeline');
  return r;
}

describe('the conduct panel', () => {
  it('shows the timeline in CST and yuan, the proposal 失信 with each fact and its record', async () => {
    const { fake } = await openConduct();
    expect(fake.callsOf('conduct.timeline')).toEqual([{ caseId: CASE_DETAIL.id, partyId: 'p-1' }]);
    expect(screen.getByTestId('conduct-proposed').textContent).toContain('失信（有能力而拒不履行）');
    const rise = screen.getByTestId('conduct-event-balance-rise');
    // 16:30 UTC on 1 April is 00:30 on 2 April in Beijing
    expect(rise.textContent).toContain('2025-04-02 00:30');
    expect(rise.textContent).toContain('12,345.00元');
    expect(screen.getByTestId('conduct-event-report-missing').textContent).toContain('未报告财产');
    const grounds = screen.getByTestId('conduct-grounds');
    expect(within(grounds).getByTestId('conduct-source-asset-a2').textContent).toContain('查询结果');
    expect(within(grounds).getByTestId('conduct-source-notice-r1').textContent).toContain('通知书');
    expect(screen.getByTestId('conduct-unconfirmed').textContent).toContain('不会自动采取任何措施');
    // a finding opens where it is shown
    fireEvent.click(within(grounds).getByTestId('conduct-source-asset-a2'));
    expect(useAppStore.getState().workspaceTab).toBe('query');
  });

  it('an override without a reason is refused in the judge’s words; with one it is recorded', async () => {
    const { fake } = await openConduct();
    fireEvent.change(screen.getByTestId('conduct-choice'), { target: { value: 'unable' } });
    expect(screen.getByTestId('conduct-confirm').textContent).toBe('改变认定');
    fireEvent.click(screen.getByTestId('conduct-confirm'));
    expect((await screen.findByTestId('conduct-error')).textContent).toContain('须说明理由');
    expect(screen.queryByTestId('conduct-review')).toBeNull();

    fireEvent.change(screen.getByTestId('conduct-reason'), { target: { value: '到账款项系其母医疗费' } });
    fireEvent.click(screen.getByTestId('conduct-confirm'));
    const review = await screen.findByTestId('conduct-review');
    expect(review.textContent).toContain('失能（确无履行能力）');
    expect(review.textContent).toContain('到账款项系其母医疗费');
    expect(fake.callsOf('conduct.confirm').at(-1)).toEqual({ caseId: CASE_DETAIL.id, partyId: 'p-1', classification: 'unable', reason: '到账款项系其母医疗费' });
  });

  it('confirms the proposal as it stands, and speaks English', async () => {
    const { fake } = await openConduct();
    act(() => useAppStore.setState({ lang: 'en' }));
    expect(screen.getByTestId('conduct-confirm').textContent).toBe('Confirm the proposal');
    expect(screen.getByTestId('conduct-proposed').textContent).toContain('refusing (able but not paying)');
    fireEvent.click(screen.getByTestId('conduct-confirm'));
    await waitFor(() => expect(screen.getByTestId('conduct-review').textContent).toContain('decided by F520103001'));
    expect(fake.callsOf('conduct.confirm')).toEqual([{ caseId: CASE_DETAIL.id, partyId: 'p-1', classification: 'refusing' }]);
  });
});
