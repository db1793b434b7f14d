/**
 * Migration 27: the way a case was closed (`closed_as`) and its time limit's base (`limit_base`)
 * are stored columns, filled for the cases stored before and kept right by the store's writes —
 * filing, a changed filing day, closing here or in the case-management system, a closing taken
 * back — and the dashboard's passes read them from covering indexes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openEncryptedDb, type Db } from '../../electron/store/db';
import { migrate, MIGRATIONS } from '../../electron/store/migrations';
import { openSecureStore, type SecureStore } from '../../electron/store/secure-store';
import type { NewParty } from '../../electron/store/cases';
import { addDays, addMonths, holidayCalendarFrom } from '../../shared/dates';
import { caseTimeLimit } from '../../shared/rules/time-limits';
import holidayTable from '../../resources/holidays/cn-holidays.json';

const dirs: string[] = [];
const open: { close(): void }[] = [];
afterEach(() => {
  for (const d of open.splice(0)) d.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function fresh(): { file: string; key: Buffer } {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-mig27-'));
  dirs.push(d);
  return { file: path.join(d, 'store.db'), key: randomBytes(32) };
}
function db(): Db {
  const { file, key } = fresh();
  const d = openEncryptedDb(file, key, { create: true });
  open.push(d);
  return d;
}
/** a store, and a second connection on its file to read the columns the store does not show */
function store(): { s: SecureStore; d: Db } {
  const { file, key } = fresh();
  const s = openSecureStore({ file, key, create: true });
  const d = openEncryptedDb(file, key);
  open.push(d, s);
  return { s, d };
}

type Stored = { closed_as: string | null; limit_base: string | null };
const stored = (d: Db, id: string): Stored => d.prepare<[string], Stored>('SELECT closed_as, limit_base FROM cases WHERE id = ?').get(id)!;
const plan = (d: Db, sql: string) => (d.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');

const party: { applicant: NewParty; debtors: NewParty[] } = {
  applicant: { kind: 'company', name: '贵州某商贸有限公司', idNumber: '91350100M000100Y43' },
  debtors: [{ kind: 'person', name: '张三', idNumber: '11010519491231002X' }],
};

describe('migration 27 (stored closing way and time limit base)', () => {
  it('fills both columns for the cases stored before, from their closings and filing days', () => {
    expect(MIGRATIONS[26]).toMatchObject({ version: 27, name: 'stored closing way and time limit base' });
    const d = db();
    migrate(d, MIGRATIONS.slice(0, 26));
    d.pragma('foreign_keys=OFF');
    const put = d.prepare(`INSERT INTO cases (id, number, court, type, filed_on, status, cause, amount_owed, costs, recovered, created_at, updated_at, closed_on, closing, terminal_closing, cms_closing)
      VALUES (?, ?, '黔0103', ?, ?, ?, '借款', 100, 5, 0, 't', 't', ?, ?, ?, ?)`);
    put.run('open', '(2025)黔0103执1号', '执', '2025-08-31', 'open', null, null, null, null);
    put.run('paid', '(2025)黔0103执2号', '执', '2025-03-10', 'closed', '2025-06-01', 'completed', null, null);
    put.run('term', '(2025)黔0103执3号', '执恢', '2025-03-10', 'closed', '2025-06-01', null, 'tc-1', null);
    put.run('cms', '(2025)黔0103执异4号', '执异', '2025-03-10', 'closed', '2025-03-20', null, null, 'withdrawn');
    put.run('none', '(2025)黔0103执监5号', '执监', '2025-03-10', 'open', null, null, null, null);
    migrate(d, MIGRATIONS.slice(0, 27));
    // six months, the month's last day where the month is shorter (2025-08-31 → 2026-02-28); 15 days for 执异; none for 执监
    expect(stored(d, 'open')).toEqual({ closed_as: null, limit_base: '2026-02-28' });
    expect(stored(d, 'paid')).toEqual({ closed_as: 'completed', limit_base: '2025-09-10' });
    expect(stored(d, 'term')).toEqual({ closed_as: 'terminal', limit_base: '2025-09-10' });
    expect(stored(d, 'cms')).toEqual({ closed_as: 'withdrawn', limit_base: '2025-03-25' });
    expect(stored(d, 'none')).toEqual({ closed_as: null, limit_base: null });
    // real columns now, not generated ones (table_xinfo's hidden is 2 or 3 for a generated column)
    const cols = d.prepare<[], { name: string; hidden: number }>("SELECT name, hidden FROM pragma_table_xinfo('cases') WHERE name IN ('closed_as', 'limit_base')").all();
    expect(cols).toEqual([{ name: 'closed_as', hidden: 0 }, { name: 'limit_base', hidden: 0 }]);
    expect(() => d.prepare(`UPDATE cases SET cms_closing = 'paid' WHERE id = 'open'`).run()).toThrow(/CHECK/);
  });

  it('the dashboard’s passes (which name their index) read covering indexes', () => {
    const d = db();
    migrate(d);
    const scope = "c.court = '黔0103' AND c.assignee = 'F520103001'";
    expect(plan(d, `SELECT c.assignee, c.closed_as, c.type, c.filed_on, c.limit_base, c.id FROM cases c INDEXED BY cases_closed_on WHERE c.closed_on BETWEEN '2025-01-01' AND '2025-12-31' AND ${scope}`))
      .toMatch(/USING COVERING INDEX cases_closed_on/);
    // the closings grouped by month, judge and way straight from the index, with no sort
    const byMonth = plan(d, `SELECT substr(c.closed_on, 1, 7), c.assignee, c.closed_as, count(*), sum(c.limit_base > c.filed_on) FROM cases c INDEXED BY cases_closed_month
      WHERE c.court = '黔0103' AND substr(c.closed_on, 1, 7) BETWEEN '2025-01' AND '2025-12' AND c.closed_on BETWEEN '2025-01-01' AND '2025-12-31'
      GROUP BY substr(c.closed_on, 1, 7), c.assignee, c.closed_as`);
    expect(byMonth).toMatch(/USING COVERING INDEX cases_closed_month/);
    expect(byMonth).not.toMatch(/TEMP B-TREE/);
    expect(plan(d, `SELECT count(*) FROM cases c INDEXED BY cases_filed_window WHERE c.filed_on BETWEEN '2023-01-01' AND '2025-12-31' AND c.filing = 'confirmed' AND ${scope}`))
      .toMatch(/USING COVERING INDEX cases_filed_window/);
    expect(plan(d, `SELECT c.closed_as, c.type, c.limit_base FROM cases c INDEXED BY cases_filed_closed
      WHERE c.closed_on <= '2025-12-31' AND c.filed_on BETWEEN '2023-01-01' AND '2025-12-31' AND c.filing = 'confirmed' AND ${scope}`))
      .toMatch(/USING COVERING INDEX cases_filed_closed/);
  });
});

describe('the stored columns follow the case’s writes', () => {
  it('after filing, a new filing day, closing here or in the system, and a closing taken back', () => {
    const { s, d } = store();
    const made = s.cases.create({ number: '(2025)黔0103执10号', filedOn: '2025-03-10', cause: '借款', amountOwed: 100_000, costs: 500, ...party });
    expect(stored(d, made.id)).toEqual({ closed_as: null, limit_base: '2025-09-10' });
    // the docket's word on the filing day
    s.cases.upsertMany([{ number: '(2025)黔0103执10号', filedOn: '2025-04-30', cause: '借款', amountOwed: 100_000, costs: 500, ...party }]);
    expect(stored(d, made.id)).toEqual({ closed_as: null, limit_base: addMonths('2025-04-30', 6) });
    // a filing entered by hand, confirmed with the system's day
    const hand = s.cases.create({ number: '(2025)黔0103执异11号', filedOn: '2025-05-01', cause: '借款', amountOwed: 1, costs: 0, filing: 'pending', enteredBy: 'F520103002', ...party });
    expect(stored(d, hand.id).limit_base).toBe(addDays('2025-05-01', 15));
    s.cases.settleFiling(hand.id, { filing: 'confirmed', from: { cause: '借款', amountOwed: 1, costs: 0, filedOn: '2025-05-06' } });
    expect(stored(d, hand.id).limit_base).toBe('2025-05-21');
    // closed here, paid in full
    s.cases.close(made.id, { closedOn: '2025-10-01', closedBy: 'F520103001', closing: 'completed' });
    expect(stored(d, made.id).closed_as).toBe('completed');
    // set apart from its sources, the column is put back
    d.prepare(`UPDATE cases SET closed_as = 'terminal', limit_base = '2000-01-01' WHERE id = ?`).run(made.id);
    expect(stored(d, made.id)).toEqual({ closed_as: 'completed', limit_base: '2025-10-30' });
    // the closing taken back (the case reopened): no way any more
    d.prepare(`UPDATE cases SET status = 'open', closed_on = NULL, closed_by = NULL, closing = NULL WHERE id = ?`).run(made.id);
    s.cases.setStatus(made.id, 'open');
    expect(stored(d, made.id).closed_as).toBeNull();
    // the system's closing history, on import
    s.cases.upsertMany([{ number: '(2024)黔0103执恢12号', filedOn: '2024-08-31', cause: '借款', amountOwed: 1, costs: 0, closedOn: '2024-12-01', cmsClosing: 'terminal', ...party }]);
    const cms = s.cases.getByNumber('(2024)黔0103执恢12号')!;
    expect(stored(d, cms.id)).toEqual({ closed_as: 'terminal', limit_base: '2025-02-28' });
    expect(cms.closing).toBe('terminal');
  });
});

describe('the time limit read through the stored base', () => {
  it('counts a 实际执结 closing in time by the holiday table, as the rules do, around a limit that falls in a holiday', () => {
    const { s } = store();
    const cal = holidayCalendarFrom(holidayTable as Record<string, unknown>);
    // filed 2025-04-01: the base is 2025-10-01, in the National Day holiday; the limit rolls to 2025-10-09
    expect(caseTimeLimit('执', '2025-04-01', cal)?.deadline).toBe('2025-10-09');
    const closedOn = ['2025-09-30', '2025-10-01', '2025-10-05', '2025-10-09', '2025-10-10', '2025-11-10', '2025-11-11', '2025-12-01'];
    s.cases.upsertMany(closedOn.map((day, i) => ({
      number: `(2025)黔0103执${100 + i}号`, filedOn: '2025-04-01', cause: '借款', amountOwed: 1, costs: 0, assignee: 'F520103001',
      closedOn: day, cmsClosing: i % 2 === 0 ? 'completed' : 'ended', ...party,
    })));
    const days = { from: '2025-01-01', to: '2025-12-31', windowFrom: '2023-01-01', today: '2025-12-04', nearFrom: '2025-05-19', nearTo: '2025-07-04', warn: 30 };
    const groups = s.dashboard.closings({ court: '黔0103' }, days, cal);
    const inLimit = groups.reduce((t, g) => t + g.inLimit, 0);
    expect(groups.reduce((t, g) => t + g.actual, 0)).toBe(closedOn.length);
    expect(inLimit).toBe(closedOn.filter((d) => d <= '2025-10-09').length);
    expect(s.dashboard.window({ court: '黔0103' }, days, cal)).toEqual({ filed: closedOn.length, terminal: 0, doneInTime: 4 });
    const late = s.dashboard.casesOf({ court: '黔0103' }, days, cal, 'closedPastLimit');
    expect(late.map((id) => s.cases.get(id)!.closedOn).sort()).toEqual(['2025-10-10', '2025-11-10', '2025-11-11', '2025-12-01']);
  });
});
