import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openEncryptedDb, type Db } from '../../electron/store/db';
import { migrate, MIGRATIONS, schemaVersion, SchemaTooNewError, type Migration } from '../../electron/store/migrations';
import { openSecureStore } from '../../electron/store/secure-store';

const dirs: string[] = [];
const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function fresh(): { file: string; key: Buffer } {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-mig-'));
  dirs.push(d);
  return { file: path.join(d, 'store.db'), key: randomBytes(32) };
}
function db(file: string, key: Buffer, create = false): Db {
  const d = openEncryptedDb(file, key, { create });
  open.push(d);
  return d;
}
const tables = (d: Db) => d.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();

/** A throwaway migration for the tests only, one above the program's latest: the way later versions add tables */
const NEXT = MIGRATIONS.length + 1;
const V2: Migration = {
  version: NEXT,
  name: 'test: case notes',
  up: (d) => void d.exec('CREATE TABLE case_notes (case_id TEXT NOT NULL REFERENCES cases (id), note TEXT NOT NULL) STRICT'),
};

describe('migrations', () => {
  it('run from an empty database to the latest version; re-running is a no-op', () => {
    const { file, key } = fresh();
    const d = db(file, key, true);
    expect(schemaVersion(d)).toBe(0);
    const first = migrate(d);
    expect(first).toMatchObject({ from: 0, to: MIGRATIONS.length });
    expect(first.applied).toHaveLength(MIGRATIONS.length);
    expect(tables(d)).toEqual(expect.arrayContaining([
      'meta', 'officers', 'cases', 'parties', 'requests', 'exchanges', 'feedback', 'assets', 'whereabouts', 'info_records', 'audit_log',
    ]));
    const before = d.prepare('SELECT sql FROM sqlite_master ORDER BY name').all();
    expect(migrate(d)).toEqual({ from: MIGRATIONS.length, to: MIGRATIONS.length, applied: [] });
    expect(d.prepare('SELECT sql FROM sqlite_master ORDER BY name').all()).toEqual(before);
  });

  it('upgrades a database with data in it to the next version, keeping the data', () => {
    const { file, key } = fresh();
    const s1 = openSecureStore({ file, key, create: true });
    const c = s1.cases.create({
      number: '(2024)黔01执5号', filedOn: '2024-05-05', cause: '民间借贷纠纷', amountOwed: 500_000, costs: 1_000,
      applicant: { kind: 'person', name: '甲', idNumber: '520102197001010019' }, debtors: [{ kind: 'person', name: '乙', idNumber: '520102197001010027' }],
    });
    expect(s1.schemaVersion()).toBe(MIGRATIONS.length);
    s1.close();

    const s2 = openSecureStore({ file, key, migrations: [...MIGRATIONS, V2] });
    expect(s2.schemaVersion()).toBe(NEXT);
    expect(s2.cases.get(c.id)?.parties).toHaveLength(2);
    s2.close();
    const d = db(file, key);
    expect(tables(d)).toContain('case_notes');
    d.prepare('INSERT INTO case_notes VALUES (?, ?)').run(c.id, 'x');
    expect(migrate(d, [...MIGRATIONS, V2]).applied).toEqual([]);
  });

  it('a failing migration rolls back whole, version included', () => {
    const { file, key } = fresh();
    const d = db(file, key, true);
    migrate(d);
    const broken: Migration = { version: NEXT, name: 'broken', up: (x) => { x.exec('CREATE TABLE half (a)'); throw new Error('boom'); } };
    expect(() => migrate(d, [...MIGRATIONS, broken])).toThrow('boom');
    expect(schemaVersion(d)).toBe(MIGRATIONS.length);
    expect(tables(d)).not.toContain('half');
  });

  it('refuses a database newer than the program, and a misnumbered list', () => {
    const { file, key } = fresh();
    const d = db(file, key, true);
    migrate(d, [...MIGRATIONS, V2]);
    expect(() => migrate(d)).toThrow(SchemaTooNewError);
    expect(() => migrate(d, [...MIGRATIONS, { ...V2, version: NEXT + 1 }])).toThrow(`expected version ${NEXT}`);
  });
});
