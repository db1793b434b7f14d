/**
 * The whole main-process stack in plain Node, as the renderer drives it: router → services →
 * encrypted store and connector engine → real HTTP → the sandbox network. Then the data folder is
 * scanned byte by byte for the personal data that went through it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore, type Core } from '../../electron/services/core';
import { appDriver, enrolmentCode, expectNoPlaintext, waitFor } from '../helpers/app-driver';
import type { CaseDetail, CaseQueryView, CaseSummary } from '../../shared/domain/types';
import { channelsFor } from '../../shared/domain/channels';

let dir: string;
let core: Core;
const events: [string, any][] = [];
const { call, value } = appDriver(() => core);


beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ck-flow-'));
  core = await startCore({ dataDir: dir, mode: 'host', version: 'test', env: { CK_SANDBOX_LATENCY_SCALE: '0.01' } });
  core.onEvent((e, p) => events.push([e, p]));
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a judge on the sandbox network', () => {
  let picked: CaseDetail;
  let view: CaseQueryView;

  it('sets up the workstation as a registered officer and gets the demo court docket', async () => {
    const info = await value<any>('app', 'info');
    expect(info).toMatchObject({ setUp: false, network: 'sandbox', mode: 'host', keyProtection: 'passphrase' });
    const officers = await value<any[]>('session', 'registeredOfficers');
    expect(officers.map((o) => o.code)).toContain('F520103001');

    const code = enrolmentCode(core.sandbox!, 'F520103001');
    const notRegistered = await call('session', 'setUp', { officerCode: 'F999999999', enrolmentCode: code, password: 'correct horse' });
    expect(notRegistered).toMatchObject({ ok: false, error: { code: 'OFFICER_NOT_REGISTERED' } });
    const weak = await call('session', 'setUp', { officerCode: 'F520103001', enrolmentCode: code, password: 'short' });
    expect(weak).toMatchObject({ ok: false, error: { code: 'WEAK_PASSWORD' } });
    const wrongCode = await call('session', 'setUp', { officerCode: 'F520103001', enrolmentCode: 'AAAA-BBBB', password: 'correct horse' });
    expect(wrongCode).toMatchObject({ ok: false, error: { code: 'ENROLMENT_REFUSED', field: 'enrolmentCode' } });
    expect(weak).toMatchObject({ ok: false, error: { code: 'WEAK_PASSWORD' } });

    const me = await value<any>('session', 'setUp', { officerCode: 'F520103001', enrolmentCode: code, password: 'correct horse' });
    expect(me.name).toBe('王立新');
    const list = await value<{ total: number; items: CaseSummary[] }>('cases', 'list', { limit: 500 });
    expect(list.total).toBeGreaterThanOrEqual(200);
  });

  it('queries every channel for every debtor of a demo case and sees what the agencies hold', async () => {
    const list = await value<{ items: CaseSummary[] }>('cases', 'list', { limit: 500, mine: true });
    // a case whose first debtor is a person with bank accounts in the sandbox
    let truth: any;
    for (const s of list.items) {
      const c = await value<CaseDetail>('cases', 'get', { caseId: s.id });
      const debtor = c.parties.find((p) => p.role === 'debtor' && p.kind === 'person');
      if (!debtor) continue;
      const t = await (await fetch(`${core.sandbox!.url}/sandbox/v1/subjects/${debtor.idNumber}`)).json();
      if (t.holdings.bankAccounts.length >= 2) {
        picked = c;
        truth = t;
        break;
      }
    }
    expect(picked).toBeDefined();
    expect(picked.deadline! > picked.filedOn).toBe(true);

    const { requests } = await value<any>('query', 'start', { caseId: picked.id });
    const debtors = picked.parties.filter((p) => p.role === 'debtor');
    const expected = debtors.reduce((n, p) => n + channelsFor(p.kind, 'property').length, 0);
    expect(requests).toHaveLength(expected);

    view = await waitFor(async () => {
      const v = await value<CaseQueryView>('query', 'view', { caseId: picked.id });
      return v.requests.every((r) => ['answered', 'failed', 'manual'].includes(r.state)) ? v : undefined;
    });
    expect(view.requests.filter((r) => r.state === 'answered')).toHaveLength(expected);

    const debtor = picked.parties.find((p) => p.idNumber === truth.idNumber)!;
    const deposits = view.assets.filter((a) => a.partyId === debtor.id && a.kind === 'deposit');
    const shown = deposits.map((a) => [a.identifier, a.value]).sort();
    const held = truth.holdings.bankAccounts.map((a: any) => [a.accountNo, a.balance]).sort();
    expect(shown).toEqual(held);
    expect(events.some(([e]) => e === 'query.findings')).toBe(true);
    expect(events.filter(([e]) => e === 'query.request').length).toBeGreaterThanOrEqual(expected * 2);
  });

  it('records who queried whom, for which case and on which basis, in a verifiable chain', async () => {
    const entries = await value<any[]>('audit', 'list', { caseId: picked.id });
    const q = entries.filter((e) => e.action === 'query.start');
    expect(q.length).toBe(picked.parties.filter((p) => p.role === 'debtor').length);
    expect(q[0]).toMatchObject({ officer: 'F520103001', caseNumber: picked.number });
    expect(q[0].legalBasis).toContain('民事诉讼法');
    expect(await value<any>('audit', 'verify')).toMatchObject({ ok: true });
  });

  it('refuses a malformed case and a wrong ID check digit with the reason, and keeps nothing', async () => {
    const base = {
      number: '(2026)黔0103执9999号', filedOn: '2026-03-02', cause: '民间借贷纠纷', amountOwed: 1_000_000, costs: 5_000,
      applicant: { kind: 'company', name: '贵州某某商贸有限公司', idNumber: '91350100M000100Y43' },
      debtors: [{ kind: 'person', name: '测试甲', idNumber: '11010519491231002X' }],
    };
    const badNumber = await call('cases', 'create', { ...base, number: '(2026)黔0103民初12号' });
    expect(badNumber).toMatchObject({ ok: false, error: { code: 'CASE_NUMBER_INVALID', field: 'number' } });
    const badId = await call('cases', 'create', { ...base, debtors: [{ kind: 'person', name: '测试甲', idNumber: '110105194912310021' }] });
    expect(badId).toMatchObject({ ok: false, error: { code: 'ID_NUMBER_INVALID', field: 'debtors.0.idNumber' } });
    if (!badId.ok) expect(badId.error.detail?.zh).toContain('校验码应为 X');
    const none = await value<any>('cases', 'list', { search: '9999号' });
    expect(none.total).toBe(0);
    const created = await value<CaseDetail>('cases', 'create', base);
    expect(created.number).toBe('(2026)黔0103执9999号');
    expect(created.deadline).toBe('2026-09-02');
    const dup = await call('cases', 'create', base);
    expect(dup).toMatchObject({ ok: false, error: { code: 'CASE_EXISTS' } });
  });

  it('leaves no personal data in plaintext anywhere in the data folder', async () => {
    const debtor = picked.parties.find((p) => p.role === 'debtor')!;
    expectNoPlaintext(dir, [debtor.name, debtor.idNumber, ...view.assets.slice(0, 5).map((a) => a.identifier)]);
  });

  it('locks on sign-out and refuses calls until signed in again with the right password', async () => {
    await value('session', 'signOut');
    expect(events.some(([e, p]) => e === 'session.locked' && p.reason === 'signout')).toBe(true);
    expect(await call('cases', 'list', {})).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(await call('session', 'signIn', { officerCode: 'F520103001', password: 'wrong password' })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    await value('session', 'signIn', { officerCode: 'F520103001', password: 'correct horse' });
    const v = await value<CaseQueryView>('query', 'view', { caseId: picked.id });
    expect(v.assets.length).toBe(view.assets.length);
  });

  it('a re-query replaces the earlier results per channel and debtor: nothing counted twice', async () => {
    await value('query', 'start', { caseId: picked.id });
    const again = await waitFor(async () => {
      const v = await value<CaseQueryView>('query', 'view', { caseId: picked.id });
      return v.requests.every((r) => r.state === 'answered') && v.requests.some((r) => !view.requests.find((o) => o.id === r.id)) ? v : undefined;
    });
    expect(again.requests).toHaveLength(view.requests.length);
    expect(again.assets.map((a) => a.identifier).sort()).toEqual(view.assets.map((a) => a.identifier).sort());
    expect(again.totals).toEqual(view.totals);
    expect(again.assets.every((a) => again.requests.some((r) => r.id === a.requestId))).toBe(true);
  });
});
