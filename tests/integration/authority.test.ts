/**
 * Who may do what to whom (docs/authority.md), through the whole main-process stack as the
 * renderer drives it, on the sandbox network: the attacks of issue "authority" tried as a clerk and
 * as a judge would try them, each refused with its reason and left in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore, type Core } from '../../electron/services/core';
import { appDriver, enrolAs, setUpAs } from '../helpers/app-driver';
import type { AuditEntry, CaseDetail, CaseSummary } from '../../shared/domain/types';

const JUDGE = 'F520103001';
const CLERK = 'F520103002'; // 陈晓雪, on 王立新's team
const PASSWORD = 'judge-password-1';
const CLERK_PASSWORD = 'clerk-password-1';

let dir: string;
let core: Core;
const tab1 = appDriver(() => core, 'tab-1');
const tab2 = appDriver(() => core, 'tab-2');

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ck-authority-'));
  core = await startCore({ dataDir: dir, mode: 'host', version: 'test', env: { CK_SANDBOX_LATENCY_SCALE: '0.01' } });
  await setUpAs(tab1, core.sandbox!, JUDGE, PASSWORD);
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

async function anyCase(assigned: (s: CaseSummary) => boolean): Promise<CaseSummary> {
  const list = await tab1.value<{ items: CaseSummary[] }>('cases', 'list', { limit: 500 });
  const found = list.items.find(assigned);
  expect(found).toBeDefined();
  return found!;
}

describe('a judge and the other judges’ cases', () => {
  it('reads another judge’s case read-only: the read is recorded, a query is refused with the reason and recorded', async () => {
    const theirs = await anyCase((s) => s.assignee !== undefined && s.assignee !== JUDGE);
    const c = await tab1.value<CaseDetail>('cases', 'get', { caseId: theirs.id });
    expect(c.assignee).toBe(theirs.assignee);
    const q = await tab1.call('query', 'start', { caseId: theirs.id });
    expect(q).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    if (!q.ok) expect(q.error.detail?.zh).toContain('只能查阅');
    const trail = await tab1.value<AuditEntry[]>('audit', 'list', { caseId: theirs.id });
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['case.read', 'authority.refused']));
    const refused = trail.find((e) => e.action === 'authority.refused')!;
    expect(refused.officer).toBe(JUDGE);
    expect(JSON.parse(refused.detail)).toMatchObject({ call: 'query.start', act: 'query.property', reason: 'case' });
    expect(JSON.parse(trail.find((e) => e.action === 'case.read')!.detail)).toMatchObject({ readOnly: true, assignee: theirs.assignee });
  });

  it('records reads of personal data once per case and ten minutes, not once per click', async () => {
    const mine = await anyCase((s) => s.assignee === JUDGE);
    for (let i = 0; i < 5; i++) await tab1.value('cases', 'get', { caseId: mine.id });
    await tab1.value('query', 'view', { caseId: mine.id });
    const reads = (await tab1.value<AuditEntry[]>('audit', 'list', { caseId: mine.id })).filter((e) => e.action === 'case.read');
    expect(reads).toHaveLength(1);
  });

  it('may not move the bureau’s settings: only a chief or the director', async () => {
    const r = await tab1.call('settings', 'set', { exemptLivingAllowance: 0 });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const settings = await tab1.value<{ exemptLivingAllowance: number }>('settings', 'get', {});
    expect(settings.exemptLivingAllowance).toBeGreaterThan(0);
  });
});

describe('each window signs in for itself', () => {
  it('a second tab sees no session and cannot read a case until it signs in', async () => {
    expect(await tab2.value('session', 'current', {})).toBeNull();
    expect(await tab2.call('cases', 'list', {})).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });

  it('a wrong password for another officer in the second tab does not end the first tab’s session', async () => {
    const r = await tab2.call('session', 'signIn', { officerCode: 'F520103003', password: 'not his password' });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect((await tab1.value<{ code: string }>('session', 'current', {})).code).toBe(JUDGE);
    expect((await tab1.call('cases', 'list', {})).ok).toBe(true);
  });

  it('the same officer signing in on the second tab joins the session; the first keeps it', async () => {
    await tab2.value('session', 'signIn', { officerCode: JUDGE, password: PASSWORD });
    expect((await tab2.call('cases', 'list', {})).ok).toBe(true);
    expect((await tab1.call('cases', 'list', {})).ok).toBe(true);
  });
});

describe('a clerk prepares, the judge decides', () => {
  let mine: CaseSummary;
  let theirs: CaseSummary;

  beforeAll(async () => {
    await enrolAs(tab1, core.sandbox!, CLERK, CLERK_PASSWORD);
    mine = await anyCase((s) => s.assignee === JUDGE);
    theirs = await anyCase((s) => s.assignee !== undefined && s.assignee !== JUDGE);
    await tab1.value('session', 'signIn', { officerCode: CLERK, password: CLERK_PASSWORD });
  });

  it('sees only the cases of his team', async () => {
    const list = await tab1.value<{ total: number; items: CaseSummary[] }>('cases', 'list', { limit: 500 });
    expect(list.total).toBeGreaterThan(0);
    expect(list.items.every((s) => s.assignee === JUDGE)).toBe(true);
    expect(await tab1.call('cases', 'get', { caseId: theirs.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('queries his judge’s case on the judge’s behalf, recorded as such', async () => {
    const r = await tab1.call('query', 'start', { caseId: mine.id });
    expect(r.ok).toBe(true);
    const started = (await tab1.value<AuditEntry[]>('audit', 'list', { caseId: mine.id })).filter((e) => e.action === 'query.start');
    expect(started.at(0)).toMatchObject({ officer: CLERK });
    expect(JSON.parse(started.at(0)!.detail)).toMatchObject({ onBehalfOf: JUDGE });
  });

  it('may not freeze, deduct or change the court’s settings: refused in main with the reason', async () => {
    const freeze = await tab1.call('measures', 'freeze', { caseId: mine.id, items: [{ assetId: 'x', endsOn: '2027-01-01' }] });
    expect(freeze).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    if (!freeze.ok) expect(freeze.error.detail?.zh).toContain('本人职务不能');
    const accounts = await tab1.call('settings', 'proposeCourtAccounts', { accounts: [{ id: 'mine', bank: '某银行', accountNo: '6222000011112222', name: '陈晓雪' }], reason: '改到我的账户' });
    expect(accounts).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const trail = await tab1.value<AuditEntry[]>('audit', 'list', {});
    const refusals = trail.filter((e) => e.action === 'authority.refused' && e.officer === CLERK).map((e) => JSON.parse(e.detail).call);
    expect(refusals).toEqual(expect.arrayContaining(['measures.freeze', 'settings.proposeCourtAccounts']));
  });
});

describe('enrolment with the officer’s own credential', () => {
  const CHIEF = 'F520103003';

  beforeAll(async () => {
    await tab1.value('session', 'signIn', { officerCode: JUDGE, password: PASSWORD });
  });

  it('a judge cannot give the chief access with a password he chose: without the chief’s own code it is refused and recorded', async () => {
    const guess = await tab1.call('session', 'enrol', { officerCode: CHIEF, enrolmentCode: 'AAAA-AAAA', password: 'judge chose this' });
    expect(guess).toMatchObject({ ok: false, error: { code: 'ENROLMENT_REFUSED', field: 'enrolmentCode' } });
    expect((await tab1.value<{ code: string }[]>('session', 'enrolled', {})).map((o) => o.code)).not.toContain(CHIEF);
    expect(await tab1.call('session', 'signIn', { officerCode: CHIEF, password: 'judge chose this' })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    const trail = await tab1.value<AuditEntry[]>('audit', 'list', {});
    expect(trail.find((e) => e.action === 'officer.enrolRefused')).toMatchObject({ officer: JUDGE, subject: `officer:${CHIEF}` });
  });

  it('five wrong codes spend the officer’s code: the genuine one then fails too, until the register desk hands a new one', async () => {
    const genuine = core.sandbox!.register.currentCode(CHIEF)!;
    for (let i = 0; i < 4; i++) await tab1.call('session', 'enrol', { officerCode: CHIEF, enrolmentCode: `BBBB-000${i}`, password: 'whatever1' });
    expect(await tab1.call('session', 'enrol', { officerCode: CHIEF, enrolmentCode: genuine, password: 'chief password' })).toMatchObject({ ok: false, error: { code: 'ENROLMENT_REFUSED' } });
    const fresh = await (await fetch(`${core.sandbox!.url}/sandbox/v1/officers/${CHIEF}/enrolment-code`, { method: 'POST' })).json();
    await tab1.value('session', 'enrol', { officerCode: CHIEF, enrolmentCode: fresh.enrolmentCode, password: 'chief password' });
    // the same code twice: one enrolment
    expect(await tab1.call('session', 'enrol', { officerCode: CHIEF, enrolmentCode: fresh.enrolmentCode, password: 'chief password' })).toMatchObject({ ok: false, error: { code: 'ALREADY_ENROLLED' } });
    const enrolled = await tab1.value<{ code: string; keyId?: string }[]>('session', 'enrolled', {});
    expect(enrolled.find((o) => o.code === CHIEF)?.keyId).toMatch(/^K-/);
  });

  it('a demoted chief signs in as what the register says he is now; a removed clerk loses his access and the store is rekeyed', async () => {
    const admin = (code: string, change: object) => fetch(`${core.sandbox!.url}/sandbox/v1/officers/${code}`, { method: 'POST', body: JSON.stringify(change) });
    await admin(CHIEF, { role: 'judge' });
    const demoted = await tab1.value<{ role: string }>('session', 'signIn', { officerCode: CHIEF, password: 'chief password' });
    expect(demoted.role).toBe('judge');
    expect(await tab1.call('settings', 'set', { reminderDays: [30, 7] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await admin(CHIEF, { role: 'chief' });

    await admin(CLERK, { status: 'removed' });
    const r = await tab1.call('session', 'signIn', { officerCode: CLERK, password: CLERK_PASSWORD });
    expect(r).toMatchObject({ ok: false, error: { code: 'OFFICER_REMOVED' } });
    const again = await tab1.call('session', 'signIn', { officerCode: CLERK, password: CLERK_PASSWORD });
    expect(again).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    await tab1.value('session', 'signIn', { officerCode: JUDGE, password: PASSWORD });
    expect((await tab1.value<{ code: string }[]>('session', 'enrolled', {})).map((o) => o.code)).not.toContain(CLERK);
    // a judge's audit view holds his own acts; the chief sees the bureau's
    expect((await tab1.value<AuditEntry[]>('audit', 'list', { limit: 1000 })).every((e) => e.officer === JUDGE)).toBe(true);
    await tab1.value('session', 'signIn', { officerCode: CHIEF, password: 'chief password' });
    const trail = (await tab1.value<AuditEntry[]>('audit', 'list', { limit: 1000 })).map((e) => e.action);
    expect(trail).toEqual(expect.arrayContaining(['session.refused', 'officer.removed', 'officer.registerChanged']));
  });
});
