// @vitest-environment jsdom
/**
 * 参与分配 and 定向询价 as the judge meets them in the workspace (docs/distribution.md): the claim
 * typed in yuan goes to main in fen with its class; the plan's shares show in yuan; main's refusal
 * to make a plan is shown in its words; a plan served shows its last day to object; a flat's
 * reference price shows once answered and the ask button sends the flat's id.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { appError } from '../../../shared/errors';
import { err, ok } from '../../../shared/result';
import type { CaseDistribution, CaseValuations } from '../../../shared/domain/distribution';
import { CASE_DETAIL, TODAY } from './fake-api';
import { renderApp, resetAll } from './render-app';

beforeEach(resetAll);
afterEach(resetAll);

const distribution = (over: Partial<CaseDistribution> = {}): CaseDistribution => ({
  caseId: CASE_DETAIL.id, today: TODAY, recovered: 10_000, costs: 0, eligible: { ok: true, zh: '', en: '' }, plans: [],
  claims: [
    { id: 'p-app', caseId: CASE_DETAIL.id, source: 'applicant', creditor: '赵明', basis: CASE_DETAIL.number, amount: 10_000, priority: 'ordinary' },
    { id: 'cl-1', caseId: CASE_DETAIL.id, source: 'participant', creditor: '钱某', basis: '(2025)黔0102民初1号', amount: 20_000, priority: 'ordinary' },
  ],
  preview: {
    distributable: 10_000, costsPaid: 0, priorityPaid: 0, ordinaryPool: 10_000, ordinaryClaimed: 30_000, surplus: 0,
    shares: [
      { creditorId: 'p-app', priority: 'ordinary', claimed: 10_000, paid: 3_334, unpaid: 6_666 },
      { creditorId: 'cl-1', priority: 'ordinary', claimed: 20_000, paid: 6_666, unpaid: 13_334 },
    ],
  },
  ...over,
});

async function openTab(tab: 'deduct' | 'freeze', testId: string) {
  const r = renderApp();
  fireEvent.click(await screen.findByTestId(`case-row-${CASE_DETAIL.number}`));
  await screen.findByTestId('case-header');
  fireEvent.click(screen.getByTestId(`ws-tab-${tab}`));
  await screen.findByTestId(testId);
  return r;
}

describe('the distribution panel', () => {
  it('shows each creditor\'s share in yuan, and sends a claim typed in yuan as fen with its class and rank', async () => {
    const { fake } = renderApp();
    fake.handle('distribution.view', () => ok(distribution()));
    fireEvent.click(await screen.findByTestId(`case-row-${CASE_DETAIL.number}`));
    await screen.findByTestId('case-header');
    fireEvent.click(screen.getByTestId('ws-tab-deduct'));
    expect((await screen.findByTestId('share-p-app')).textContent).toContain('33.34');
    expect(screen.getByTestId('share-cl-1').textContent).toContain('66.66');
    fake.handle('distribution.addClaim', (i) => ok({ ...distribution().claims[1]!, id: 'cl-2', amount: i.amount }));
    fireEvent.change(screen.getByTestId('claim-creditor'), { target: { value: '某银行' } });
    fireEvent.change(screen.getByTestId('claim-basis'), { target: { value: '(2025)黔0103民初5号' } });
    fireEvent.change(screen.getByTestId('claim-amount'), { target: { value: '1,000.01' } });
    fireEvent.change(screen.getByTestId('claim-priority'), { target: { value: 'priority' } });
    fireEvent.change(screen.getByTestId('claim-rank'), { target: { value: '1' } });
    fireEvent.click(screen.getByTestId('claim-add'));
    await waitFor(() => expect(fake.callsOf('distribution.addClaim')).toHaveLength(1));
    expect(fake.callsOf('distribution.addClaim')[0]).toEqual({ caseId: CASE_DETAIL.id, creditor: '某银行', idNumber: '', basis: '(2025)黔0103民初5号', amount: 100_001, priority: 'priority', rank: 1 });
  });

  it('shows main\'s refusal to make the plan in its words; a served plan shows the last day to object', async () => {
    const { fake } = await openTab('deduct', 'distribution-panel');
    fake.handle('distribution.makePlan', () => err(appError('VALIDATION', { zh: '本案尚无执行到位的款项可供分配', en: 'nothing recovered' })));
    fireEvent.click(await screen.findByTestId('plan-make'));
    expect((await screen.findByTestId('plan-error')).textContent).toContain('本案尚无执行到位的款项可供分配');
    fake.handle('distribution.view', () => ok(distribution({
      plans: [{ id: 'pl-1', caseId: CASE_DETAIL.id, figures: distribution().preview, creditors: {}, document: { id: 'doc-1', type: '财产分配方案', number: '(2025)黔0103执1234号之三', sha256: 'a'.repeat(64), createdAt: '2026-03-02T02:00:00.000Z' } as never, servedOn: TODAY, objectionsUntil: '2026-03-17', objectionsOpen: true, madeBy: 'F520103001', madeAt: '2026-03-02T02:00:00.000Z' }],
    })));
    fake.handle('distribution.makePlan', () => ok(distribution().plans[0] as never));
    fireEvent.click(screen.getByTestId('plan-make'));
    expect((await screen.findByTestId('plan-objections-pl-1')).textContent).toContain('异议期至 2026-03-17');
  });
});

describe('the applicant\'s class', () => {
  it('the judge records the applicant as a mortgagee with its rank and the right it rests on', async () => {
    const { fake } = renderApp();
    fake.handle('distribution.view', () => ok(distribution()));
    fake.handle('distribution.setApplicantClass', () => ok({ ...distribution().claims[0]!, priority: 'priority', rank: 1 }));
    fireEvent.click(await screen.findByTestId(`case-row-${CASE_DETAIL.number}`));
    await screen.findByTestId('case-header');
    fireEvent.click(screen.getByTestId('ws-tab-deduct'));
    fireEvent.click(await screen.findByTestId('applicant-class'));
    fireEvent.change(screen.getByTestId('applicant-priority'), { target: { value: 'priority' } });
    fireEvent.change(screen.getByLabelText('优先顺位'), { target: { value: '1' } });
    fireEvent.change(screen.getByTestId('applicant-right'), { target: { value: '抵押权' } });
    fireEvent.click(screen.getByTestId('applicant-class-save'));
    await waitFor(() => expect(fake.callsOf('distribution.setApplicantClass')).toEqual([{ caseId: CASE_DETAIL.id, priority: 'priority', rank: 1, basis: '抵押权' }]));
  });
});

describe('the valuation panel', () => {
  it('shows the reference price answered and asks for a flat by its id', async () => {
    const { fake } = renderApp();
    const answered: CaseValuations = {
      caseId: CASE_DETAIL.id,
      properties: [{ assetId: 'flat-1', description: '住宅', identifier: '黔(2020)贵阳市不动产权第0001号', latest: { id: 'v-1', caseId: CASE_DETAIL.id, assetId: 'flat-1', state: 'answered', referencePrice: 123_456_78, validUntil: '2027-03-02', requestedBy: 'F520103001', requestedAt: '2026-03-02T02:00:00.000Z' } }],
    };
    fake.handle('valuation.list', () => ok(answered));
    fake.handle('valuation.request', () => ok(answered.properties[0]!.latest!));
    fireEvent.click(await screen.findByTestId(`case-row-${CASE_DETAIL.number}`));
    await screen.findByTestId('case-header');
    fireEvent.click(screen.getByTestId('ws-tab-freeze'));
    expect((await screen.findByTestId('valuation-price-flat-1')).textContent).toContain('123,456.78');
    fireEvent.click(screen.getByTestId('valuation-ask-flat-1'));
    await waitFor(() => expect(fake.callsOf('valuation.request')).toEqual([{ caseId: CASE_DETAIL.id, assetId: 'flat-1' }]));
  });
});
