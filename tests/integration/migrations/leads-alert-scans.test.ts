/**
 * Migration "property leads and alert scans": a case stored before it reads as before; after it a
 * creditor's lead is kept with its last day to check, found by the scan once overdue and unchecked,
 * and a check needs the officer who made it.
 */
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, schemaVersion } from '../../../electron/store/migrations';
import { AlertScanReader } from '../../../electron/store/alert-scans';
import { Connection } from '../../../electron/store/connection';
import { databasesAtVersion } from './migration-kit';

const at = MIGRATIONS.findIndex((m) => m.name === 'property leads and alert scans');
const before = databasesAtVersion(at);

describe('migration: property leads and alert scans', () => {
  it('keeps the cases stored before, and finds a lead past its day only while it is unchecked', () => {
    expect(at).toBeGreaterThan(0);
    const d = before();
    d.prepare(`INSERT INTO cases (id, number, court, type, filed_on, status, cause, amount_owed, costs, recovered, created_at, updated_at)
      VALUES ('c1', '(2026)黔0103执1号', '黔0103', '执', '2026-01-02', 'open', '借款', 100, 5, 0, 't', 't')`).run();
    migrate(d, MIGRATIONS.slice(0, at + 1));
    expect(schemaVersion(d)).toBe(at + 1);
    expect(d.prepare('SELECT number FROM cases WHERE id = ?').pluck().get('c1')).toBe('(2026)黔0103执1号');
    d.prepare(`INSERT INTO property_leads (id, case_id, text, asset_kind, urgent, received_on, check_by, recorded_by, recorded_at)
      VALUES ('l1', 'c1', '某银行账户', 'deposit', 1, '2026-03-02', '2026-03-05', 'F520103002', 't')`).run();
    const scans = new AlertScanReader(new Connection(d));
    expect(scans.leadsOverdue('2026-03-05')).toEqual([]);
    expect(scans.leadsOverdue('2026-03-06').map((l) => l.leadId)).toEqual(['l1']);
    expect(() => d.prepare(`UPDATE property_leads SET checked_on = '2026-03-06' WHERE id = 'l1'`).run()).toThrow(/CHECK/);
    d.prepare(`UPDATE property_leads SET checked_on = '2026-03-06', checked_by = 'F520103002', check_result = '无', found = 0 WHERE id = 'l1'`).run();
    expect(scans.leadsOverdue('2026-04-01')).toEqual([]);
  });
});
