/**
 * The consumption restriction through the whole stack, against the sandbox over HTTP (docs/domain.md
 * rules 7, 9, 14): the order drafted by the clerk but never proposed by him, proposed by the judge,
 * never approved by the judge, approved by the chief with his own signature — issued on the credit
 * platform once although the answer was lost; the debtor's G-train booking refused by the ticketing
 * platform and one alert raised for it; one flight allowed for medical care; the lift refused while
 * money is owed and sent once after payment, after which the debtor may book again.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore, type Core } from '../../electron/services/core';
import { appDriver, enrolAs, setUpAs, waitFor } from '../helpers/app-driver';
import { OFFICERS, PASSWORD, sessionOf } from '../helpers/officers';
import { caseWithFrozenDeposit } from '../helpers/frozen-deposit';
import type { AlertView } from '../../shared/ipc/groups/alerts';
import type { BureauSettings, CaseMeasures, DeductionPrep } from '../../shared/domain/measure-views';
import type { Measure } from '../../shared/domain/measures';
import type { CaseRestrictions, RestrictionApprovalItem, RestrictionOrder } from '../../shared/domain/restriction';
import type { AuditEntry, CaseDetail, CaseQueryView, CaseSummary } from '../../shared/domain/types';
import type { BoundPerson } from '../../shared/rules/restriction';
import { addDays, todayCst } from '../../shared/dates';

const { JUDGE, CLERK, CHIEF } = OFFICERS;
vi.setConfig({ testTimeout: 180_000 });

let dir: string;
let core: Core;
const app = appDriver(() => core, 'tab-1');
const { call, value } = app;
const { signIn, signOut } = sessionOf(app);
const refusal = async (g: string, m: string, input: unknown) => {
  const r = await call(g, m, input);
  expect(r.ok, `${g}.${m} must be refused`).toBe(false);
  return (r as { ok: false; error: { code: string; field?: string; message: string } }).error;
};
const faults = (k: Record<string, number>) => core.sandbox!.setKnobs({ channels: { 'credit.ccp': k } });
const book = async (body: Record<string, unknown>) => {
  const r = await fetch(`${core.sandbox!.url}/sandbox/v1/ticketing/bookings`, { method: 'POST', body: JSON.stringify(body) });
  expect(r.status).toBe(200);
  return (await r.json()) as { bookingRef: string; result: 'booked' | 'refused'; kind?: string; restrictionRef?: string };
};
const view = (caseId: string) => value<CaseRestrictions>('restriction', 'view', { caseId });
const accepted = (caseId: string, pick: (o: CaseRestrictions['orders'][number]) => boolean) => waitFor(async () => {
  const o = (await view(caseId)).orders[0]!;
  return pick(o) ? o : undefined;
});
const breaches = async (caseId: string) => (await value<AlertView[]>('alerts', 'list', { states: ['open', 'acknowledged', 'done'] }))
  .filter((a) => a.caseId === caseId && a.kind === 'restriction.breach');

let c: CaseDetail;
let debtor: CaseDetail['parties'][number];
let freeze: Measure;
let order: RestrictionOrder;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ck-restriction-app-'));
  core = await startCore({ dataDir: dir, mode: 'host', version: 'test', env: { CK_SANDBOX_LATENCY_SCALE: '0.01', CK_JOB_TICK_MS: '100' } });
  core.sandbox!.inflows.rate = 0;
  await setUpAs(app, core.sandbox!, JUDGE, PASSWORD);
  for (const o of [CLERK, CHIEF]) await enrolAs(app, core.sandbox!, o, PASSWORD);
  await signIn(JUDGE);
  const settings = await value<BureauSettings>('settings', 'get', {});
  // a case the judge can pay in full alone later: its cap within his deduction threshold
  ({ c, freeze } = await caseWithFrozenDeposit(app, core.sandbox!, settings.approvalThreshold));
  debtor = c.parties.find((p) => p.role === 'debtor')!;
  await signOut();
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a 限制消费令 on a person debtor', () => {
  it('the clerk drafts it but may not propose it; the judge proposes', async () => {
    await signIn(CLERK);
    const draft = await value<RestrictionOrder>('restriction', 'draft', { caseId: c.id, partyId: debtor.id, kinds: ['cabin', 'bullet-train', 'venue'], bound: [] });
    expect(draft.state).toBe('draft');
    expect((await refusal('restriction', 'propose', { caseId: c.id, orderId: draft.id, pin: PASSWORD })).code).toBe('FORBIDDEN');
    await signOut();
    await signIn(JUDGE);
    // a person's order binds him alone
    const bad = await refusal('restriction', 'draft', { caseId: c.id, partyId: debtor.id, kinds: ['cabin'], bound: [{ role: 'principal', name: '某某', idNumber: '52010319800101001X' }] });
    expect(bad.code).toBe('RESTRICTION_REFUSED');
    order = await value<RestrictionOrder>('restriction', 'propose', { caseId: c.id, orderId: draft.id, pin: PASSWORD });
    expect(order.state).toBe('proposed');
    const audit = await value<AuditEntry[]>('audit', 'list', { caseId: c.id, limit: 500 });
    expect(audit.some((a) => a.action === 'authority.refused' && a.officer === CLERK)).toBe(true);
  });

  it('the judge cannot approve it; the chief approves, and it is issued once although the answer was lost', async () => {
    expect((await refusal('restriction', 'approve', { caseId: c.id, orderId: order.id, decision: 'approve', pin: PASSWORD })).code).toBe('FORBIDDEN');
    await signOut();
    await signIn(CHIEF);
    const inbox = await value<RestrictionApprovalItem[]>('restriction', 'approvals', {});
    expect(inbox.map((i) => i.orderId)).toContain(order.id);
    expect((await refusal('restriction', 'approve', { caseId: c.id, orderId: order.id, decision: 'approve', pin: 'not-his-password' })).code).toBe('BAD_CREDENTIALS');
    faults({ lostAnswerRate: 1 });
    const { document } = await value<{ document?: { type: string } }>('restriction', 'approve', { caseId: c.id, orderId: order.id, decision: 'approve', pin: PASSWORD });
    expect(document?.type).toBe('限制消费令');
    await call('restriction', 'approve', { caseId: c.id, orderId: order.id, decision: 'approve', pin: PASSWORD });
    const o = await accepted(c.id, (x) => x.exchanges.some((e) => e.kind === 'restriction.issue' && e.state === 'accepted'));
    faults({ lostAnswerRate: 0 });
    const issue = o.exchanges.filter((e) => e.kind === 'restriction.issue');
    expect(issue).toHaveLength(1);
    expect(issue[0]!.signatures.map((s) => [s.role, s.officer])).toEqual([['decision', JUDGE], ['approval', CHIEF]]);
    expect(core.sandbox!.credit.exchanges.get(issue[0]!.id)!.submits).toBe(1);
    const onPlatform = core.sandbox!.credit.restrictionsOf(debtor.idNumber);
    expect(onPlatform).toHaveLength(1);
    expect(onPlatform[0]!.kinds).toEqual(['cabin', 'bullet-train', 'venue']);
    await signOut();
  });

  it('the debtor’s G-train booking is refused by the platform, and one alert asks for control', async () => {
    await signIn(JUDGE);
    const g = await book({ idNumber: debtor.idNumber, mode: 'rail', trainNo: 'G1234', seat: '二等座' });
    expect(g).toMatchObject({ result: 'refused', kind: 'bullet-train' });
    expect((await book({ idNumber: debtor.idNumber, mode: 'rail', trainNo: 'K571', seat: '硬座' })).result).toBe('booked');
    const [alert] = await waitFor(async () => {
      const a = await breaches(c.id);
      return a.length ? a : undefined;
    });
    expect(alert).toMatchObject({ source: { kind: 'booking', id: g.bookingRef }, action: 'control', actionInput: { partyId: debtor.id, bookingRef: g.bookingRef } });
    expect(alert!.reason.zh).toContain('G1234');
    // the feed is read again on every tick: still one alert for the one attempt
    await new Promise((r) => setTimeout(r, 600));
    expect(await breaches(c.id)).toHaveLength(1);
  });

  it('one flight is allowed for medical care; the G train stays refused', async () => {
    const today = todayCst(new Date(core.sandbox!.clock.now()));
    const tooLong = await refusal('restriction', 'exempt', { caseId: c.id, orderId: order.id, kind: 'cabin', reason: 'medical', note: '赴北京就医', from: today, until: addDays(today, 40), pin: PASSWORD });
    expect(tooLong.code).toBe('RESTRICTION_REFUSED');
    const { document } = await value<{ document: { type: string } }>('restriction', 'exempt', { caseId: c.id, orderId: order.id, kind: 'cabin', reason: 'medical', note: '赴北京就医', from: today, until: addDays(today, 3), pin: PASSWORD });
    expect(document.type).toBe('暂时解除限制消费决定书');
    await accepted(c.id, (x) => x.exchanges.some((e) => e.kind === 'restriction.lift' && e.state === 'accepted'));
    expect((await book({ idNumber: debtor.idNumber, mode: 'air', flightNo: 'CA1234' })).result).toBe('booked');
    expect((await book({ idNumber: debtor.idNumber, mode: 'rail', trainNo: 'G88' })).result).toBe('refused');
  });

  it('is not lifted while money is owed; after payment in full it is lifted once and the debtor may book', async () => {
    const notPaid = await refusal('restriction', 'lift', { caseId: c.id, orderId: order.id, ground: 'paid', pin: PASSWORD });
    expect(notPaid).toMatchObject({ code: 'RESTRICTION_REFUSED', field: 'NOT_PAID' });
    const prep = await value<DeductionPrep>('deduction', 'prepare', { freezeId: freeze.id });
    const { measure } = await value<{ measure: Measure }>('deduction', 'submit', { freezeId: freeze.id, amount: prep.suggested, courtAccountId: prep.courtAccounts[0]!.id, checkedAt: prep.checkedAt, pin: PASSWORD });
    await waitFor(async () => ((await value<CaseMeasures>('measures', 'list', { caseId: c.id })).measures.find((m) => m.id === measure.id)?.state === 'executed' ? true : undefined));
    const { document } = await value<{ document: { type: string } }>('restriction', 'lift', { caseId: c.id, orderId: order.id, ground: 'paid', pin: PASSWORD });
    expect(document.type).toBe('解除限制消费令决定书');
    await call('restriction', 'lift', { caseId: c.id, orderId: order.id, ground: 'paid', pin: PASSWORD });
    const o = await accepted(c.id, (x) => x.exchanges.filter((e) => e.kind === 'restriction.lift').every((e) => e.state === 'accepted') && x.state === 'lifted'
      && x.exchanges.filter((e) => e.kind === 'restriction.lift').length === 2);
    // one lift and the one exemption: no second lift from the second click
    expect(o.exchanges.filter((e) => e.kind === 'restriction.lift' && !('exemption' in e.payload))).toHaveLength(1);
    expect(core.sandbox!.credit.restrictionsOf(debtor.idNumber)[0]!.liftedAt).toBeDefined();
    expect((await book({ idNumber: debtor.idNumber, mode: 'rail', trainNo: 'G1234', seat: '二等座' })).result).toBe('booked');
    await signOut();
  });
});

describe('a 限制消费令 on a company', () => {
  it('binds the legal representative the business registry names, confirmed by the judge; his G-train booking is refused', async () => {
    await signIn(JUDGE);
    const list = await value<{ items: CaseSummary[] }>('cases', 'list', { limit: 500, mine: true });
    let co: CaseDetail | undefined;
    for (const s of list.items) {
      const d = await value<CaseDetail>('cases', 'get', { caseId: s.id });
      if (d.id !== c.id && d.status === 'open' && d.type === '执' && d.parties.some((p) => p.role === 'debtor' && p.kind === 'company')) {
        co = d;
        break;
      }
    }
    expect(co, 'a case of the judge with a company debtor').toBeDefined();
    const company = co!.parties.find((p) => p.role === 'debtor' && p.kind === 'company')!;
    // before the registry answered, nobody is proposed: the judge would enter the persons himself
    expect(await value<BoundPerson[]>('restriction', 'registryPersons', { caseId: co!.id, partyId: company.id })).toEqual([]);
    await value('query', 'start', { caseId: co!.id });
    await waitFor(async () => {
      const v = await value<CaseQueryView>('query', 'view', { caseId: co!.id });
      return v.requests.every((r) => ['answered', 'failed', 'manual'].includes(r.state)) ? v : undefined;
    });
    const truth = core.sandbox!.population.byId.get(company.idNumber) as { legalRepresentative: { name: string; idNumber: string } };
    const persons = await value<BoundPerson[]>('restriction', 'registryPersons', { caseId: co!.id, partyId: company.id });
    expect(persons.map((p) => [p.role, p.name, p.idNumber, p.source.kind])).toEqual([['legal-representative', truth.legalRepresentative.name, truth.legalRepresentative.idNumber, 'registry']]);
    // without him the order on a company is refused
    const bare = await value<RestrictionOrder>('restriction', 'draft', { caseId: co!.id, partyId: company.id, kinds: ['bullet-train'], bound: [] });
    expect((await refusal('restriction', 'propose', { caseId: co!.id, orderId: bare.id, pin: PASSWORD })).field).toBe('COMPANY_NO_REPRESENTATIVE');
    const bound = persons.map((p) => ({ role: p.role, name: p.name, idNumber: p.idNumber, ...(p.source.kind === 'registry' ? { requestId: p.source.requestId } : {}) }));
    const draft = await value<RestrictionOrder>('restriction', 'draft', { caseId: co!.id, partyId: company.id, kinds: ['cabin', 'bullet-train'], bound });
    expect(draft.bound[0]!.source.kind).toBe('registry');
    const proposed = await value<RestrictionOrder>('restriction', 'propose', { caseId: co!.id, orderId: draft.id, pin: PASSWORD });
    await signOut();
    await signIn(CHIEF);
    await value('restriction', 'approve', { caseId: co!.id, orderId: proposed.id, decision: 'approve', pin: PASSWORD });
    await accepted(co!.id, (x) => x.exchanges.some((e) => e.kind === 'restriction.issue' && e.state === 'accepted'));
    await signOut();
    expect(core.sandbox!.credit.restrictionsOf(truth.legalRepresentative.idNumber)).toHaveLength(1);
    expect((await book({ idNumber: truth.legalRepresentative.idNumber, mode: 'rail', trainNo: 'G2', seat: '二等座' })).result).toBe('refused');
  });
});
