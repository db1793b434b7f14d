/**
 * The bureau dashboard (docs/dashboard.md) through the whole stack against the sandbox court: the
 * docket import brings the court's closing history in; the director's and a chief's figures for a
 * year equal a SQL count over the very cases the case list shows (put into a plain SQLite table),
 * per judge and per way of closing; a click's cases are the cases counted; a judge sees his own
 * cases only, and asking for another judge's figures is refused with the reason and recorded; a
 * clerk is refused by his role; a debtor's payment shows in the month's 执行到位金额 to the fen.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore, type Core } from '../../electron/services/core';
import { appDriver, enrolAs, setUpAs } from '../helpers/app-driver';
import { OFFICERS, ownCaseWithOnePersonDebtor, PASSWORD, sessionOf } from '../helpers/officers';
import type { AuditEntry, CaseSummary } from '../../shared/domain/types';
import type { Dashboard, FigureKey, PeriodRef } from '../../shared/domain/dashboard';

const { JUDGE, CLERK, CHIEF, OTHER_JUDGE } = OFFICERS;
const DIRECTOR = 'F520103009';
vi.setConfig({ testTimeout: 120_000 });

let dir: string;
let core: Core;
const app = appDriver(() => core, 'tab-1');
const { call, value } = app;
const { signIn, signOut, as } = sessionOf(app);
/** the cases as the list shows them, in a plain SQLite table to count them with SQL */
const sql = new Database(':memory:');
const YEAR: PeriodRef = { kind: 'year', of: '2024' };

const read = (input: { period: PeriodRef; judge?: string }) => value<Dashboard>('dashboard', 'read', input);
const behind = async (input: { period: PeriodRef; judge?: string; figure: FigureKey; way?: string }) =>
  (await value<{ items: CaseSummary[] }>('dashboard', 'cases', input)).items.map((c) => c.id).sort();
const count = (where: string, ...p: unknown[]) => sql.prepare(`SELECT count(*) FROM cases WHERE ${where}`).pluck().get(...p) as number;
const ids = (where: string, ...p: unknown[]) => (sql.prepare(`SELECT id FROM cases WHERE ${where} ORDER BY id`).pluck().all(...p) as string[]);

async function loadCases(): Promise<void> {
  sql.exec('DROP TABLE IF EXISTS cases; CREATE TABLE cases (id TEXT, assignee TEXT, filed_on TEXT, status TEXT, closed_on TEXT, closing TEXT, recovered INTEGER)');
  const put = sql.prepare('INSERT INTO cases VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (let offset = 0; ; offset += 500) {
    const page = await value<{ total: number; items: CaseSummary[] }>('cases', 'list', { status: 'all', limit: 500, offset });
    for (const c of page.items) put.run(c.id, c.assignee ?? null, c.filedOn, c.status, c.closedOn ?? null, c.closing ?? null, c.recovered);
    if (offset + 500 >= page.total) break;
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ck-dashboard-app-'));
  core = await startCore({ dataDir: dir, mode: 'host', version: 'test', env: { CK_SANDBOX_LATENCY_SCALE: '0.01', CK_JOB_TICK_MS: '100' } });
  await setUpAs(app, core.sandbox!, JUDGE, PASSWORD);
  for (const o of [CLERK, CHIEF, OTHER_JUDGE, DIRECTOR]) await enrolAs(app, core.sandbox!, o, PASSWORD);
  await as(JUDGE, async () => {
    await value('cases', 'importFromCourt', {});
    await loadCases();
  });
});
afterAll(async () => {
  sql.close();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the closing history comes in with the docket', () => {
  it('the sandbox court’s 2024 cases arrive closed, with their day and way, for several judges', () => {
    expect(count("closed_on BETWEEN '2024-01-01' AND '2024-12-31'")).toBeGreaterThan(5);
    expect(count("status = 'closed' AND (closed_on IS NULL OR closing IS NULL)")).toBe(0);
    expect(sql.prepare("SELECT count(DISTINCT assignee) FROM cases WHERE status = 'closed'").pluck().get()).toBeGreaterThanOrEqual(3);
    expect(sql.prepare("SELECT count(DISTINCT closing) FROM cases WHERE status = 'closed'").pluck().get()).toBeGreaterThanOrEqual(3);
    // the open docket the other tests use is still there, every case of it open
    expect(count("status = 'open' AND assignee = ?", JUDGE)).toBeGreaterThan(50);
  });
});

describe('the director sees the bureau', () => {
  let d: Dashboard;
  beforeAll(async () => {
    d = await as(DIRECTOR, () => read({ period: YEAR }));
  });

  it('closings of the year equal a SQL count of the same cases, in total, per judge and per way', () => {
    const inYear = "closed_on BETWEEN '2024-01-01' AND '2024-12-31'";
    expect(d.scope).toBe('bureau');
    expect(d.period).toMatchObject({ from: '2024-01-01', to: '2024-12-31' });
    expect(d.total.closed).toBe(count(inYear));
    for (const way of ['completed', 'terminal'] as const) expect(d.total.byWay[way]).toBe(count(`${inYear} AND closing = ?`, way));
    const perJudge = sql.prepare(`SELECT assignee, count(*) AS n FROM cases WHERE ${inYear} GROUP BY assignee ORDER BY assignee`).all() as { assignee: string; n: number }[];
    expect(d.judges.filter((j) => j.closed > 0).map((j) => ({ assignee: j.judge, n: j.closed }))).toEqual(perJudge);
    const avg = sql.prepare(`SELECT avg(julianday(closed_on) - julianday(filed_on)) FROM cases WHERE ${inYear}`).pluck().get() as number;
    expect(d.total.avgClosingDays).toBeCloseTo(avg, 0);
    expect(d.optimum.low).toBeLessThan(d.optimum.high);
  });

  it('a click on a figure opens exactly the cases it counts', async () => {
    await as(DIRECTOR, async () => {
      expect(await behind({ period: YEAR, figure: 'closed' })).toEqual(ids("closed_on BETWEEN '2024-01-01' AND '2024-12-31'"));
      expect(await behind({ period: YEAR, figure: 'closed', way: 'terminal' })).toEqual(ids("closed_on BETWEEN '2024-01-01' AND '2024-12-31' AND closing = 'terminal'"));
      expect(await behind({ period: YEAR, figure: 'closed', judge: OTHER_JUDGE }))
        .toEqual(ids("closed_on BETWEEN '2024-01-01' AND '2024-12-31' AND assignee = ?", OTHER_JUDGE));
      for (const figure of ['closedInLimit', 'closedPastLimit', 'nearLimit', 'freezesLapsing', 'listed', 'removed'] as const) {
        expect((await behind({ period: YEAR, figure })).length, figure).toBe(d.total[figure]);
      }
    });
  });

  it('三个90%一个80%: the in-limit rate is counted from the closings, the two the program has no data for say so', () => {
    const inLimit = d.indicators.find((i) => i.key === 'inLimit')!;
    expect(inLimit.denominator).toBe(d.total.closedInLimit + d.total.closedPastLimit);
    expect(inLimit.denominator).toBe(d.total.byWay.completed + d.total.byWay.ended);
    expect(inLimit.value).toBeCloseTo(d.total.closedInLimit / inLimit.denominator!, 6);
    for (const key of ['terminalQuality', 'petitions'] as const) {
      const i = d.indicators.find((x) => x.key === key)!;
      expect(i.value).toBeNull();
      expect(i.missing?.zh).toMatch(/本程序/);
    }
    expect(d.indicators.find((i) => i.key === 'overall')!.goal).toBe(0.8);
  });

  it('a chief sees the same bureau (no divisions are kept)', async () => {
    const c = await as(CHIEF, () => read({ period: YEAR }));
    expect(c.scope).toBe('bureau');
    expect(c.total).toEqual(d.total);
  });
});

describe('a judge sees his own cases only', () => {
  it('his figures are his cases’ SQL count, and a click opens only his cases', async () => {
    await as(JUDGE, async () => {
      const d = await read({ period: YEAR });
      expect(d.scope).toBe('judge');
      expect(d.judges.map((j) => j.judge)).toEqual([JUDGE]);
      expect(d.total.closed).toBe(count("closed_on BETWEEN '2024-01-01' AND '2024-12-31' AND assignee = ?", JUDGE));
      expect(await behind({ period: YEAR, figure: 'closed' })).toEqual(ids("closed_on BETWEEN '2024-01-01' AND '2024-12-31' AND assignee = ?", JUDGE));
      // naming himself is the same
      expect((await read({ period: YEAR, judge: JUDGE })).total).toEqual(d.total);
    });
  });

  it('asking for another judge’s figures is refused with the reason, and recorded', async () => {
    await as(JUDGE, async () => {
      for (const [m, extra] of [['read', {}], ['cases', { figure: 'closed' }]] as const) {
        const r = await call('dashboard', m, { period: YEAR, judge: OTHER_JUDGE, ...extra });
        expect(r.ok).toBe(false);
        if (r.ok) return;
        expect(r.error.code).toBe('FORBIDDEN');
        expect(r.error.detail?.zh).toMatch(/本人职务不能查看全局及各法官的执行质效/);
      }
      const mine = await value<AuditEntry[]>('audit', 'list', { action: 'authority.refused' });
      const refused = mine.map((e) => ({ officer: e.officer, ...(JSON.parse(e.detail) as { call: string; act: string; reason: string }) }))
        .filter((e) => e.officer === JUDGE && e.act === 'dashboard.bureau');
      expect(refused.map((e) => e.call).sort()).toEqual(['dashboard.cases', 'dashboard.read']);
      expect(refused.every((e) => e.reason === 'role')).toBe(true);
    });
  });

  it('a clerk is refused by his role', async () => {
    const r = await as(CLERK, () => call('dashboard', 'read', { period: YEAR }));
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('a period that is not one is refused in the judge’s words', async () => {
    const r = await as(JUDGE, () => call('dashboard', 'read', { period: { kind: 'quarter', of: '2024-Q5' } }));
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!r.ok) expect(r.error.detail?.zh).toMatch(/统计期间“2024-Q5”无效/);
  });
});

describe('执行到位金额', () => {
  it('a debtor’s own payment recorded today shows in this month’s recovered, to the fen', async () => {
    await signIn(JUDGE);
    try {
      const found = await ownCaseWithOnePersonDebtor(app);
      expect(found).toBeDefined();
      const { c, debtor } = found!;
      const month = (await read({ period: YEAR })).today.slice(0, 7);
      const before = await read({ period: { kind: 'month', of: month } });
      const paidOn = before.today;
      await value('payments', 'record', { caseId: c.id, partyId: debtor.id, amount: 123_456, paidOn, method: 'court-account' });
      const after = await read({ period: { kind: 'month', of: month } });
      expect(after.total.recovered - before.total.recovered).toBe(123_456);
      expect(after.byMonth.find((m) => m.month === month)?.recovered).toBe(after.total.recovered);
      expect(await behind({ period: { kind: 'month', of: month }, figure: 'recovered' })).toContain(c.id);
      // the same money the case list shows as recovered, summed by SQL over the same cases
      await loadCases();
      expect(sql.prepare('SELECT sum(recovered) FROM cases WHERE assignee = ?').pluck().get(JUDGE)).toBe(after.total.recovered);
    } finally {
      await signOut();
    }
  });
});
