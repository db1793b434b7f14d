/**
 * One asset frozen by two of the bureau's cases (docs/distribution.md): the store finds every such
 * asset in one query over the measures — a freeze under way or in force counts; one refused, one
 * released whole, or one past its end (its renewal's end when renewed) does not.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openEncryptedDb, type Db } from '../../electron/store/db';
import { migrate } from '../../electron/store/migrations';
import { openSecureStore, type SecureStore } from '../../electron/store';

const dirs: string[] = [];
const stores: SecureStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const T = '2026-03-01T02:00:00.000Z';
const ACCOUNT = '6222020200001234567';

function caseWithAsset(d: Db, n: number, identifier: string): void {
  d.prepare(`INSERT INTO cases (id, number, court, type, filed_on, status, cause, amount_owed, costs, recovered, created_at, updated_at)
    VALUES (?, ?, '黔0103', '执', '2026-01-02', 'open', '借款', 100000, 0, 0, ?, ?)`).run(`c${n}`, `(2026)黔0103执${n}号`, T, T);
  d.prepare(`INSERT INTO parties (id, case_id, position, role, kind, name, id_number) VALUES (?, ?, 1, 'debtor', 'person', '乙', '520102197001010027')`).run(`p${n}`, `c${n}`);
  d.prepare(`INSERT INTO requests (id, case_id, party_id, channel, kind, state, created_at, updated_at) VALUES (?, ?, ?, 'bank.icbc', 'query', 'answered', ?, ?)`).run(`r${n}`, `c${n}`, `p${n}`, T, T);
  d.prepare(`INSERT INTO feedback (request_id, raw, sha256, received_at) VALUES (?, '{}', 'h', ?)`).run(`r${n}`, T);
  d.prepare(`INSERT INTO assets (id, case_id, party_id, request_id, position, channel, kind, institution, identifier, description, value, available, found_at)
    VALUES (?, ?, ?, ?, 0, 'bank.icbc', 'deposit', '工商银行', ?, '活期', 5000, 5000, ?)`).run(`a${n}`, `c${n}`, `p${n}`, `r${n}`, identifier, T);
}

function measure(d: Db, id: string, n: number, kind: string, state: string, o: { endsOn?: string; freezeId?: string; amount?: number } = {}): void {
  d.prepare(`INSERT INTO measures (id, case_id, party_id, asset_id, channel, asset_kind, asset_identifier, kind, state, amount, ends_on, freeze_id, decided_by, created_at, updated_at)
    VALUES (?, ?, ?, ?, 'bank.icbc', 'deposit', (SELECT identifier FROM assets WHERE id = ?), ?, ?, ?, ?, ?, 'F520103001', ?, ?)`)
    .run(id, `c${n}`, `p${n}`, `a${n}`, `a${n}`, kind, state, o.amount ?? null, o.endsOn ?? null, o.freezeId ?? null, T, T);
}

function store(build: (d: Db) => void): SecureStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-dup-'));
  dirs.push(dir);
  const file = path.join(dir, 'store.db');
  const key = randomBytes(32);
  const d = openEncryptedDb(file, key, { create: true });
  migrate(d);
  build(d);
  d.close();
  const s = openSecureStore({ file, key, clock: () => new Date(T) });
  stores.push(s);
  return s;
}

describe('duplicate freezes of one asset across the bureau\'s cases', () => {
  it('the same account frozen in cases 1 and 2 is flagged with both; a refused, a released and a lapsed freeze in cases 3–5 are not counted', () => {
    const s = store((d) => {
      for (let n = 1; n <= 5; n++) caseWithAsset(d, n, ACCOUNT);
      caseWithAsset(d, 6, '6222020200009999999');
      measure(d, 'f1', 1, 'freeze', 'executed', { endsOn: '2027-01-01', amount: 3000 });
      measure(d, 'f2', 2, 'freeze', 'sent', { endsOn: '2027-01-01' });
      measure(d, 'f3', 3, 'freeze', 'rejected', { endsOn: '2027-01-01' });
      measure(d, 'f4', 4, 'freeze', 'executed', { endsOn: '2027-01-01' });
      measure(d, 'u4', 4, 'unfreeze', 'executed', { freezeId: 'f4' });
      measure(d, 'f5', 5, 'freeze', 'executed', { endsOn: '2026-02-01' });
      measure(d, 'f6', 6, 'freeze', 'executed', { endsOn: '2027-01-01' });
    });
    const rows = s.distribution.duplicateFreezes('2026-03-01');
    expect(rows.map((r) => [r.case_number, r.measure_id, r.amount])).toEqual([['(2026)黔0103执1号', 'f1', 3000], ['(2026)黔0103执2号', 'f2', null]]);
  });

  it('a lapsed freeze renewed until later still counts; one account frozen by one case alone is not flagged', () => {
    const s = store((d) => {
      for (let n = 1; n <= 2; n++) caseWithAsset(d, n, ACCOUNT);
      measure(d, 'f1', 1, 'freeze', 'executed', { endsOn: '2026-02-01' });
      measure(d, 'r1', 1, 'renew', 'executed', { freezeId: 'f1', endsOn: '2027-01-31' });
      measure(d, 'f2', 2, 'freeze', 'executed', { endsOn: '2027-01-01' });
    });
    expect(s.distribution.duplicateFreezes('2026-03-01').map((r) => r.measure_id)).toEqual(['f1', 'f2']);
    expect(s.distribution.duplicateFreezes('2027-02-01')).toEqual([]);
  });
});
