/**
 * The audit log through the whole main-process stack on the embedded sandbox network
 * (docs/audit.md, docs/authority.md): the session anchors the chain at sign-out and at shutdown,
 * the gateway's book survives the embedded sandbox's restart, and the list shows each officer
 * only what his role allows — a clerk never another officer's acts across the bureau.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore, type Core } from '../../electron/services/core';
import { appDriver, enrolAs, setUpAs } from '../helpers/app-driver';
import type { AuditEntry, CaseSummary } from '../../shared/domain/types';
import type { AuditVerification } from '../../shared/domain/audit';

const JUDGE = 'F520103001';
const CLERK = 'F520103002'; // 陈晓雪, on 王立新's team
const CHIEF = 'F520103003';
const PASSWORD = 'judge-password-1';
const CLERK_PASSWORD = 'clerk-password-1';
const CHIEF_PASSWORD = 'chief-password-1';

let dir: string;
let core: Core;
const app = appDriver(() => core, 'tab-1');
const start = async () => {
  core = await startCore({ dataDir: dir, mode: 'host', version: 'test', env: { CK_SANDBOX_LATENCY_SCALE: '0.01' } });
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ck-audit-app-'));
  await start();
  await setUpAs(app, core.sandbox!, JUDGE, PASSWORD);
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the session anchors the chain', () => {
  let anchored = 0;

  it('at sign-out: signed in again, the log verifies as acknowledged by the gateway through the sign-out', async () => {
    const before = (await app.value<AuditEntry[]>('audit', 'list', { limit: 1 }))[0]!.seq;
    await app.value('session', 'signOut');
    await app.value('session', 'signIn', { officerCode: JUDGE, password: PASSWORD });
    const v = await app.value<AuditVerification>('audit', 'verify');
    expect(v).toMatchObject({ ok: true, gatewayChecked: true, problems: [] });
    expect(v.anchoredThrough).toBeGreaterThanOrEqual(before);
    expect(v.checkpoints).toBeGreaterThanOrEqual(1);
    anchored = v.anchoredThrough!;
  });

  it('at shutdown, and the embedded gateway keeps its key and its book across the restart', async () => {
    await core.close();
    expect(existsSync(path.join(dir, 'sandbox', 'checkpoints.json'))).toBe(true);
    await start();
    await app.value('session', 'signIn', { officerCode: JUDGE, password: PASSWORD });
    const v = await app.value<AuditVerification>('audit', 'verify');
    // a new key or an empty book would show here as GATEWAY_KEY_CHANGED or as nothing anchored
    expect(v).toMatchObject({ ok: true, gatewayChecked: true, problems: [] });
    expect(v.anchoredThrough).toBeGreaterThan(anchored);
  });
});

describe('who sees which entries', () => {
  let judgeCase: CaseSummary;

  beforeAll(async () => {
    await enrolAs(app, core.sandbox!, CLERK, CLERK_PASSWORD);
    await enrolAs(app, core.sandbox!, CHIEF, CHIEF_PASSWORD);
    const list = await app.value<{ items: CaseSummary[] }>('cases', 'list', { limit: 500 });
    judgeCase = list.items.find((s) => s.assignee === JUDGE)!;
    await app.value('cases', 'get', { caseId: judgeCase.id });
  });

  it('a clerk cannot list another officer’s entries across the bureau: refused with the reason, and recorded', async () => {
    await app.value('session', 'signIn', { officerCode: CLERK, password: CLERK_PASSWORD });
    const r = await app.call('audit', 'list', { officer: JUDGE });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    if (!r.ok) expect(r.error.detail?.zh).toContain('本人职务不能查阅全局审计记录');
    const own = await app.value<AuditEntry[]>('audit', 'list', { limit: 1000 });
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((e) => e.officer === CLERK)).toBe(true);
    const refusals = await app.value<AuditEntry[]>('audit', 'list', { action: 'authority.refused' });
    expect(JSON.parse(refusals[0]!.detail)).toMatchObject({ call: 'audit.list', act: 'audit.bureau', reason: 'role' });
    // his team's case: its whole trail, the judge's acts included
    const trail = await app.value<AuditEntry[]>('audit', 'list', { caseId: judgeCase.id });
    expect(trail.some((e) => e.officer === JUDGE && e.action === 'case.read')).toBe(true);
  });

  it('a chief lists any officer’s acts and any action across the bureau, newest first, page by page', async () => {
    await app.value('session', 'signIn', { officerCode: CHIEF, password: CHIEF_PASSWORD });
    const judges = await app.value<AuditEntry[]>('audit', 'list', { officer: JUDGE, limit: 1000 });
    expect(judges.length).toBeGreaterThan(2);
    expect(judges.every((e) => e.officer === JUDGE)).toBe(true);
    const sessions = await app.value<AuditEntry[]>('audit', 'list', { action: 'session' });
    expect(new Set(sessions.map((e) => e.officer))).toEqual(new Set([JUDGE, CLERK, CHIEF]));
    expect(sessions.every((e) => e.action.startsWith('session.'))).toBe(true);
    const p1 = await app.value<AuditEntry[]>('audit', 'list', { limit: 3 });
    const p2 = await app.value<AuditEntry[]>('audit', 'list', { limit: 3, offset: 3 });
    expect([...p1, ...p2].map((e) => e.seq)).toEqual([...Array(6).keys()].map((i) => p1[0]!.seq - i));
  });
});
