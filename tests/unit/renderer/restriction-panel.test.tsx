// @vitest-environment jsdom
/**
 * The 限消 tab as a judge and a chief use it (docs/domain.md rule 9): the nine kinds ticked, the
 * company's legal representative from the business registry confirmed, the draft, the judge's
 * proposal with his password, the chief's approval (offered to him only), the lift refused with the
 * reason in the judge's words, and the same panel in English.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ok } from '../../../shared/result';
import type { CaseRestrictions } from '../../../shared/domain/restriction';
import { RESTRICTION_KINDS } from '../../../shared/rules/restriction';
import { useAppStore } from '../../../renderer/src/store';
import { CASE_DETAIL, OFFICER, createFakeApi, fail, type FakeApi } from './fake-api';
import { renderApp, resetAll } from './render-app';

const CHIEF = { ...OFFICER, code: 'F520103003', name: '张国华', role: 'chief' as const };
const REP = { role: 'legal-representative' as const, name: '李建国', idNumber: '52010319800101001X', source: { kind: 'registry' as const, requestId: 'r-equity.samr-p-2' } };
type Order = CaseRestrictions['orders'][number];

/** a fake main that keeps the orders it is told of */
function withOrders(fake: FakeApi, start: Order[] = []) {
  const orders = [...start];
  fake.handle('restriction.view', () => ok({ orders }));
  fake.handle('restriction.registryPersons', (i) => ok(i.partyId === 'p-2' ? [REP] : []));
  fake.handle('restriction.draft', (i) => {
    const o: Order = {
      id: `o-${i.partyId}`, caseId: 'case-1', partyId: i.partyId, debtor: { name: '贵州黔丰建材有限公司', idNumber: 'x', kind: 'company' }, kinds: i.kinds,
      bound: i.bound.map((b: Record<string, string>) => ({ ...b, source: { kind: 'judge' } })), state: 'draft', draftedBy: OFFICER.code,
      createdAt: 't', updatedAt: 't', exchanges: [], exemptions: [],
    };
    orders.push(o);
    return ok(o);
  });
  fake.handle('restriction.propose', (i) => {
    if (i.pin !== 'officer-password-1') return fail('BAD_CREDENTIALS');
    const o = orders.find((x) => x.id === i.orderId)!;
    o.state = 'proposed';
    return ok(o);
  });
  return orders;
}

async function openTab(fake: FakeApi) {
  renderApp({ fake });
  fireEvent.click(await screen.findByTestId(`case-row-${CASE_DETAIL.number}`));
  await screen.findByTestId('case-header-number');
  fireEvent.click(screen.getByTestId('ws-tab-restrict'));
  return screen.findByTestId('restriction-panel');
}

describe('the consumption restriction panel', () => {
  beforeEach(resetAll);
  afterEach(resetAll);

  it('a judge ticks the kinds, confirms the company’s legal representative from the registry, drafts and proposes with his password', async () => {
    const fake = createFakeApi();
    withOrders(fake);
    await openTab(fake);
    const company = await screen.findByTestId('restriction-draft-p-2');
    // all nine kinds offered, ticked by default, in the article's words
    for (const k of RESTRICTION_KINDS) expect((within(company).getByTestId(`restriction-kind-${k}`) as HTMLInputElement).checked).toBe(true);
    expect(company.textContent).toContain('乘坐G字头动车组列车全部座位');
    expect(await within(company).findByDisplayValue('李建国')).toBeTruthy();
    expect(within(company).getByTestId('restriction-bound').textContent).toContain('来自工商登记');
    // the person debtor's order binds him alone: no persons to confirm
    expect(within(screen.getByTestId('restriction-draft-p-1')).queryByTestId('restriction-bound')).toBeNull();
    fireEvent.click(within(company).getByTestId('restriction-kind-school'));
    fireEvent.click(within(company).getByTestId('restriction-save-draft'));
    await waitFor(() => expect(fake.callsOf('restriction.draft')).toHaveLength(1));
    const sent = fake.callsOf('restriction.draft')[0];
    expect(sent.kinds).not.toContain('school');
    expect(sent.kinds).toHaveLength(8);
    expect(sent.bound).toEqual([{ role: 'legal-representative', name: '李建国', idNumber: '52010319800101001X', requestId: 'r-equity.samr-p-2' }]);
    const card = await screen.findByTestId('restriction-order-o-p-2');
    expect(within(card).getByTestId('restriction-state').textContent).toBe('草稿');
    fireEvent.change(within(card).getByTestId('restriction-pin-o-p-2'), { target: { value: 'wrong' } });
    fireEvent.click(within(card).getByTestId('restriction-propose'));
    expect((await screen.findByTestId('restriction-error')).textContent).not.toBe('');
    fireEvent.change(within(card).getByTestId('restriction-pin-o-p-2'), { target: { value: 'officer-password-1' } });
    fireEvent.click(within(card).getByTestId('restriction-propose'));
    await waitFor(() => expect(within(screen.getByTestId('restriction-order-o-p-2')).getByTestId('restriction-state').textContent).toBe('待审批'));
    // the judge is never offered the approval of his own proposal
    expect(screen.queryByTestId('restriction-approve')).toBeNull();
  });

  it('the chief approves with his password; on an issued order the lift is refused with the reason in the judge’s words', async () => {
    const fake = createFakeApi();
    fake.handle('session.current', () => ok(CHIEF));
    fake.handle('session.signIn', () => ok(CHIEF));
    const base: Order = {
      id: 'o-1', caseId: 'case-1', partyId: 'p-1', debtor: { name: '张三', idNumber: 'x', kind: 'person' }, kinds: ['cabin', 'bullet-train'], bound: [],
      state: 'proposed', draftedBy: OFFICER.code, proposedBy: OFFICER.code, createdAt: 't', updatedAt: 't', exchanges: [], exemptions: [],
    };
    const orders = withOrders(fake, [base]);
    fake.handle('restriction.approve', () => {
      orders[0]!.state = 'issued';
      return ok({ order: orders[0], document: { id: 'd1', type: '限制消费令', number: 'n', sha256: 's', createdAt: 't' } });
    });
    fake.handle('restriction.lift', () => fail('RESTRICTION_REFUSED', { zh: '案款尚未全部执行到位，不能以履行完毕为由解除', en: 'not paid in full' }));
    await openTab(fake);
    const card = await screen.findByTestId('restriction-order-o-1');
    fireEvent.change(within(card).getByTestId('restriction-pin-o-1'), { target: { value: 'chief-password-3' } });
    fireEvent.click(within(card).getByTestId('restriction-approve'));
    await waitFor(() => expect(within(screen.getByTestId('restriction-order-o-1')).getByTestId('restriction-state').textContent).toBe('已签发'));
    expect(fake.callsOf('restriction.approve').at(-1)).toEqual({ caseId: 'case-1', orderId: 'o-1', decision: 'approve', pin: 'chief-password-3' });
    const issued = screen.getByTestId('restriction-order-o-1');
    // one journey may be allowed only for the travel kinds the order restricts
    const kinds = within(issued).getByTestId('restriction-ex-kind') as HTMLSelectElement;
    expect([...kinds.options].map((o) => o.value)).toEqual(['cabin', 'bullet-train']);
    fireEvent.change(within(issued).getByTestId('restriction-pin-o-1'), { target: { value: 'chief-password-3' } });
    fireEvent.click(within(issued).getByTestId('restriction-lift'));
    expect((await screen.findByTestId('restriction-error')).textContent).toContain('案款尚未全部执行到位');
  });

  it('speaks English when the judge chose it', async () => {
    const fake = createFakeApi();
    withOrders(fake);
    useAppStore.getState().setLang('en', { persist: false });
    await openTab(fake);
    const company = await screen.findByTestId('restriction-draft-p-2');
    expect(company.textContent).toContain('any seat on a G train');
    expect(await within(company).findByText('Persons bound')).toBeTruthy();
    expect(screen.getByTestId('ws-tab-restrict').textContent).toContain('Restrict');
  });
});
