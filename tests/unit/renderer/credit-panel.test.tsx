// @vitest-environment jsdom
/**
 * The 信用惩戒 tab and the chief's listing inbox (docs/domain.md rule 8), against the fake api: the
 * wizard shows what credit.check refuses in the judge's words and does not let him propose; a clerk
 * may draft but not propose, and is told why; the chief's wrong password is refused with the error;
 * the removal is offered once the case is paid in full and goes out once; the 失信 badge.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { ok } from '../../../shared/result';
import type { ListingApprovalItem } from '../../../shared/domain/listing';
import { listingRefusals } from '../../../shared/rules/listing';
import {
  CASE_DETAIL, DEBTOR_COMPANY_ID, DEBTOR_PERSON_ID, OFFICER, OFFICER_2, caseCredit, creditExchange, debtorCredit, docRef, fail, listing, notice, residentId, type FakeApi,
} from './fake-api';
import { createFakeApi } from './fake-api';
import { renderApp, resetAll } from './render-app';

const CHIEF = { ...OFFICER, code: 'F520103003', name: '张国华', role: 'chief' as const };
const type = (id: string, value: string) => fireEvent.change(screen.getByTestId(id), { target: { value } });
const button = (id: string) => screen.getByTestId(id) as HTMLButtonElement;

/** the refusals main's rules give for 张三 before the notice is served (the one rule source) */
const NOT_SERVED = listingRefusals({
  ground: 1, on: '2026-03-02', debtor: { kind: 'person', idNumber: DEBTOR_PERSON_ID }, subjectIdNumber: DEBTOR_PERSON_ID,
  secured: true, outstanding: 100_00, frozen: 0, evidence: { text: '', refs: 0 },
});

async function openCredit(setup?: (fake: FakeApi) => void) {
  // the handlers are in place before the app boots: its first calls go out together at once
  const fake = createFakeApi();
  setup?.(fake);
  const r = renderApp({ fake });
  fireEvent.click(await screen.findByTestId(`case-row-${CASE_DETAIL.number}`));
  await screen.findByTestId('case-header-number');
  fireEvent.click(screen.getByTestId('ws-tab-credit'));
  await screen.findByTestId('credit-panel');
  return r;
}

describe('信用惩戒 tab', () => {
  beforeEach(resetAll);
  afterEach(resetAll);

  it('the wizard shows each refusal of credit.check in Chinese, with its article, and propose cannot be reached', async () => {
    const { fake } = await openCredit((f) => f.handle('credit.check', () => ok({ refusals: NOT_SERVED, period: {}, outstanding: 100_00, frozen: 0 })));
    expect(screen.getByTestId('credit-stage-p-1').textContent).toBe('未纳入');
    fireEvent.click(screen.getByTestId('credit-start-p-1'));
    const list = await screen.findByTestId('credit-refusals');
    expect(list.textContent).toContain('执行通知书尚未送达被执行人');
    expect(list.textContent).toContain('已提供充分有效担保');
    expect(list.textContent).toContain('请记录纳入事由的证据');
    expect(screen.getByTestId('credit-refusal-SECURED').textContent).toContain('第三条第一项');
    expect(screen.getByTestId('credit-period').textContent).toContain('至被执行人履行完毕');
    expect(screen.getByTestId('credit-propose-hint').textContent).toBe('存在不得纳入的情形，不能提请审批');
    // the ground and evidence typed are what is checked
    fireEvent.click(screen.getByTestId('credit-ground-2'));
    type('credit-evidence', '被执行人以伪造的收据妨碍执行');
    await waitFor(() => expect(fake.callsOf('credit.check').at(-1)).toMatchObject({ partyId: 'p-1', ground: 2, evidence: { text: '被执行人以伪造的收据妨碍执行' } }));
    // a draft may be kept; its propose form stays disabled while the refusals stand
    fireEvent.click(screen.getByTestId('credit-draft'));
    await screen.findByTestId('credit-drafted');
    expect(button('credit-propose-submit').disabled).toBe(true);
    expect(screen.getByTestId('credit-propose-blocked').textContent).toBe('存在不得纳入的情形，不能提请审批');
    type('credit-propose-pin', 'officer-password-1');
    expect(button('credit-propose-submit').disabled).toBe(true);
    expect(fake.callsOf('credit.propose')).toHaveLength(0);
  });

  it('for a company debtor: its legal representative, property that covers the debt and a running grace period are refused', async () => {
    const LEGAL_REP = residentId('52010219700101123');
    const { fake } = await openCredit((f) => f.handle('credit.check', (i) => ok({
      refusals: listingRefusals({
        ground: i.ground, on: '2026-03-02', debtor: { kind: 'company', idNumber: DEBTOR_COMPANY_ID }, subjectIdNumber: i.subjectIdNumber ?? DEBTOR_COMPANY_ID,
        noticeServedOn: '2026-02-01', graceEndsOn: '2026-03-10', secured: false, outstanding: 100_00, frozen: 100_00,
        evidence: { text: i.evidence?.text ?? '', refs: i.evidence?.refs.length ?? 0 },
      }),
      period: {}, outstanding: 100_00, frozen: 100_00,
    })));
    fireEvent.click(screen.getByTestId('credit-start-p-2'));
    type('credit-evidence', '被执行人有履行能力而拒不履行');
    type('credit-subject', LEGAL_REP);
    const refusals = await screen.findByTestId('credit-refusal-NOT_THE_DEBTOR');
    expect(refusals.textContent).toContain('不得将其法定代表人或其他人员纳入');
    expect(screen.getByTestId('credit-refusal-COVERED').textContent).toContain('足以清偿债务');
    expect(screen.getByTestId('credit-refusal-GRACE_RUNNING').textContent).toContain('宽限期至2026-03-10届满');
    expect(fake.callsOf('credit.check').at(-1)).toMatchObject({ partyId: 'p-2', subjectIdNumber: LEGAL_REP });
  });

  it('a minor is refused by the birth date in his ID', async () => {
    const MINOR = residentId('52010220100312401');
    await openCredit((f) => f.handle('credit.check', (i) => ok({
      refusals: listingRefusals({
        ground: i.ground, on: '2026-03-02', debtor: { kind: 'person', idNumber: MINOR }, subjectIdNumber: MINOR, noticeServedOn: '2026-02-01',
        secured: false, outstanding: 100_00, frozen: 0, evidence: { text: i.evidence?.text ?? '', refs: 0 },
      }),
      period: {}, outstanding: 100_00, frozen: 0,
    })));
    fireEvent.click(screen.getByTestId('credit-start-p-1'));
    expect((await screen.findByTestId('credit-refusal-MINOR')).textContent).toContain('未满十八周岁');
  });

  it('what main refuses on propose (another judge’s case) is shown in his words', async () => {
    const { fake } = await openCredit((f) => {
      f.handle('credit.view', () => ok(caseCredit({ debtors: [debtorCredit('p-1', { listings: [{ ...listing('l-1'), published: 'none' }] }), debtorCredit('p-2')] })));
      f.handle('credit.propose', () => fail('FORBIDDEN', { zh: '本案不是本人或本团队承办的案件，只能查阅', en: 'read only' }));
    });
    type('credit-propose-l-1-pin', 'officer-password-1');
    fireEvent.click(button('credit-propose-l-1-submit'));
    expect((await screen.findByTestId('credit-propose-l-1-error')).textContent).toContain('只能查阅');
    expect(fake.callsOf('credit.propose')).toHaveLength(1);
  });

  it('with nothing refused the judge signs and proposes; the period and extension are shown', async () => {
    const { fake } = await openCredit((f) => f.handle('credit.check', (i) => ok({ refusals: [], period: { years: 2 + (i.extension?.years ?? 0), endsOn: '2029-03-01' }, outstanding: 100_00, frozen: 0 })));
    fireEvent.click(screen.getByTestId('credit-start-p-1'));
    fireEvent.click(await screen.findByTestId('credit-ground-2'));
    fireEvent.click(screen.getByTestId('credit-ext'));
    await waitFor(() => expect(screen.getByTestId('credit-period').textContent).toBe('纳入期限 3 年，至 2029-03-01 止'));
    expect(screen.getByTestId('credit-check-ok').textContent).toContain('可以提请审批');
    type('credit-evidence', '被执行人以暴力方法抗拒执行');
    fireEvent.click(screen.getByTestId('credit-draft'));
    await screen.findByTestId('credit-drafted');
    expect(fake.callsOf('credit.draft').at(-1)).toMatchObject({ ground: 2, extension: { years: 1, reason: 'multiple' } });
    type('credit-propose-pin', 'officer-password-1');
    fireEvent.click(button('credit-propose-submit'));
    await waitFor(() => expect(fake.callsOf('credit.propose')).toEqual([{ caseId: 'case-1', listingId: 'l-new', pin: 'officer-password-1' }]));
  });

  it('a clerk may draft but not propose, and is told why', async () => {
    await openCredit((f) => {
      f.handle('session.current', () => ok(OFFICER_2));
      f.handle('credit.view', () => ok(caseCredit({ debtors: [debtorCredit('p-1', { listings: [{ ...listing('l-1'), published: 'none' }], state: 'proposed' }), debtorCredit('p-2')] })));
    });
    expect(screen.getByTestId('credit-stage-p-1').textContent).toBe('草稿（未提请）');
    expect(button('credit-propose-l-1-submit').disabled).toBe(true);
    expect(screen.getByTestId('credit-propose-l-1-blocked').textContent).toContain('本人职务不能提请纳入失信名单');
  });

  it('issues and serves the execution notice; its document opens in the viewer', async () => {
    const served = notice('n-1', { servedOn: '2026-03-02', serviceMethod: 'direct' });
    let view = caseCredit();
    const { fake } = await openCredit((f) => {
      f.handle('credit.view', () => ok(view));
      f.handle('credit.issueNotice', () => {
        view = caseCredit({ debtors: [debtorCredit('p-1', { notices: [notice('n-1')] }), debtorCredit('p-2')], documents: [docRef('doc-n-1', '执行通知书')] });
        return ok({ notice: notice('n-1'), document: docRef('doc-n-1', '执行通知书') });
      });
      f.handle('credit.serveNotice', () => {
        view = { ...view, debtors: [debtorCredit('p-1', { notices: [served] }), debtorCredit('p-2')] };
        return ok(served);
      });
    });
    fireEvent.click(screen.getByTestId('credit-issue-execution-notice-p-1'));
    await screen.findByTestId('credit-serve-n-1');
    type('credit-serve-on-n-1', '2026-03-02');
    fireEvent.click(screen.getByTestId('credit-serve-submit-n-1'));
    expect((await screen.findByTestId('credit-served-n-1')).textContent).toBe('已于 2026-03-02 直接送达');
    expect(fake.callsOf('credit.serveNotice')).toEqual([{ caseId: 'case-1', noticeId: 'n-1', servedOn: '2026-03-02', method: 'direct' }]);
    fireEvent.click(screen.getByTestId('credit-doc-doc-n-1'));
    await waitFor(() => expect(fake.callsOf('documents.get').at(-1)).toEqual({ documentId: 'doc-n-1' }));
  });

  it('offers the removal only once the case is paid in full, confirms it with the PIN, and shows it went out once', async () => {
    const listed = { ...listing('l-1', { state: 'listed', listedOn: '2026-03-02', endsOn: '2028-03-01', approvedBy: 'F520103003' }), published: 'accepted' as const };
    const published = creditExchange('x-1');
    let view = caseCredit({ debtors: [debtorCredit('p-1', { listings: [listed], state: 'published' }), debtorCredit('p-2')], exchanges: [published] });
    const { fake } = await openCredit((f) => f.handle('credit.view', () => ok(view)));
    expect(screen.getByTestId('credit-stage-p-1').textContent).toBe('已公布');
    expect(screen.getByTestId('case-header-dishonest').textContent).toBe('失信');
    expect(screen.getByTestId('credit-exchange-x-1').textContent).toContain('平台已接收');
    expect(screen.getByTestId('credit-no-removal-l-1')).toBeTruthy();
    expect(screen.queryByTestId('credit-propose-removal-l-1')).toBeNull();

    // the debtor paid: the next view (after the platform event) owes nothing
    view = { ...view, outstanding: 0 };
    fake.emit('credit.exchange', { id: 'x-1', kind: 'listing.publish', recordId: 'l-1', state: 'accepted' });
    fireEvent.click(await screen.findByTestId('credit-propose-removal-l-1'));
    const removal = { id: 'rm-1', listingId: 'l-1', caseId: 'case-1', ground: 'paid' as const, factOn: '2026-03-02', dueOn: '2026-03-05', proposedAt: '2026-03-02T03:00:00.000Z' };
    view = { ...view, debtors: [debtorCredit('p-1', { listings: [{ ...listed, removal: { ...removal, overdue: false, removedOnPlatform: 'none' } }] }), debtorCredit('p-2')] };
    await waitFor(() => expect(fake.callsOf('credit.proposeRemoval')).toEqual([{ caseId: 'case-1', listingId: 'l-1' }]));
    fake.emit('credit.exchange', { id: 'x-1', kind: 'listing.publish', recordId: 'l-1', state: 'accepted' });
    expect((await screen.findByTestId('credit-removal-l-1')).textContent).toContain('应于 2026-03-05 前删除');
    expect(screen.getByTestId('credit-stage-p-1').textContent).toBe('待删除');

    fake.handle('credit.confirmRemoval', (i) => {
      view = {
        ...view,
        exchanges: [published, creditExchange('x-2', { kind: 'listing.remove', state: 'accepted' })],
        debtors: [debtorCredit('p-1', { listings: [{ ...listed, state: 'removed', removal: { ...removal, confirmedAt: '2026-03-02T04:00:00.000Z', confirmedBy: OFFICER.code, documentId: 'doc-rm', overdue: false, removedOnPlatform: 'accepted' } }] }), debtorCredit('p-2')],
      };
      return ok({ removal: { ...removal, confirmedAt: 't' }, document: docRef('doc-rm', '删除失信信息决定书'), i });
    });
    type('credit-confirm-removal-l-1-pin', 'officer-password-1');
    fireEvent.click(button('credit-confirm-removal-l-1-submit'));
    expect((await screen.findByTestId('credit-removal-sent-l-1')).textContent).toBe('删除已报送信用平台 1 次，平台已接收');
    expect(screen.getByTestId('credit-stage-p-1').textContent).toBe('已删除');
    expect(screen.queryByTestId('case-header-dishonest')).toBeNull();
    expect(fake.callsOf('credit.confirmRemoval')).toHaveLength(1);
  });
});

describe('the chief’s listing approvals', () => {
  beforeEach(resetAll);
  afterEach(resetAll);

  const ITEM: ListingApprovalItem = {
    listingId: 'l-9', caseId: 'case-1', caseNumber: CASE_DETAIL.number, subject: '张三（5201**********4011）', ground: 2,
    proposedBy: OFFICER.code, proposedAt: '2026-03-02T03:00:00.000Z', periodYears: 2,
  };

  it('a wrong PIN is refused with the error and nothing is decided; his own password approves', async () => {
    const fake = (await import('./fake-api')).createFakeApi();
    fake.handle('session.current', () => ok(CHIEF));
    fake.handle('approvals.inbox', () => ok([]));
    fake.handle('credit.approvals', () => ok([ITEM]));
    fake.handle('credit.approve', (i) => (i.pin === 'chief-password-3' ? ok({ listing: listing('l-9', { state: 'listed' }) }) : fail('BAD_CREDENTIALS')));
    renderApp({ fake });
    fireEvent.click(await screen.findByTestId('nav-approvals'));
    const row = await screen.findByTestId('listing-approval-l-9');
    expect(row.textContent).toContain('第一条第二项');
    expect(row.textContent).toContain('以伪造证据、暴力、威胁等方法妨碍、抗拒执行');
    expect(row.textContent).toContain('2 年');
    expect(row.textContent).not.toContain(DEBTOR_PERSON_ID);
    type('listing-pin-l-9', 'not-his-password');
    fireEvent.click(button('listing-approve-l-9'));
    const error = await screen.findByTestId('listing-error-l-9');
    expect(error.textContent).toMatch(/密码/);
    expect(screen.queryByTestId('listing-decided-l-9')).toBeNull();
    type('listing-pin-l-9', 'chief-password-3');
    fireEvent.click(button('listing-approve-l-9'));
    expect((await screen.findByTestId('listing-decided-l-9')).textContent).toContain('已批准纳入');
    expect(fake.callsOf('credit.approve')).toEqual([
      { caseId: 'case-1', listingId: 'l-9', decision: 'approve', pin: 'not-his-password' },
      { caseId: 'case-1', listingId: 'l-9', decision: 'approve', pin: 'chief-password-3' },
    ]);
  });
});
