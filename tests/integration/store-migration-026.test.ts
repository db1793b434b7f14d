/** Migration 26: a batch's 查询结果告知书, one per case, naming a stored document of that batch's case. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openEncryptedDb, type Db } from '../../electron/store/db';
import { migrate, MIGRATIONS } from '../../electron/store/migrations';

const dirs: string[] = [];
const open: Db[] = [];
afterEach(() => {
  for (const d of open.splice(0)) if (d.open) d.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function db(): Db {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-mig26-'));
  dirs.push(d);
  const x = openEncryptedDb(path.join(d, 'store.db'), randomBytes(32), { create: true });
  open.push(x);
  return x;
}

describe('migration 26 (batch query notices)', () => {
  it('is version 26 and adds batch_notices, keyed by batch and case', () => {
    expect(MIGRATIONS[25]).toMatchObject({ version: 26, name: 'batch query notices' });
    const d = db();
    migrate(d, MIGRATIONS.slice(0, 25));
    expect(d.prepare("SELECT name FROM sqlite_master WHERE name = 'batch_notices'").get()).toBeUndefined();
    migrate(d, MIGRATIONS.slice(0, 26));
    const cols = d.prepare<[], { name: string; pk: number; notnull: number }>("SELECT name, pk, [notnull] FROM pragma_table_info('batch_notices')").all();
    expect(cols.map((c) => c.name)).toEqual(['job_id', 'case_id', 'document_id', 'made_at', 'made_by']);
    expect(cols.filter((c) => c.pk > 0).map((c) => c.name)).toEqual(['job_id', 'case_id']);
    expect(cols.every((c) => c.notnull === 1 || c.pk > 0)).toBe(true);
    const fks = d.prepare<[], { table: string; from: string }>("SELECT [table], [from] FROM pragma_foreign_key_list('batch_notices')").all();
    expect(fks.map((f) => `${f.from}>${f.table}`).sort()).toEqual(['case_id>cases', 'document_id>documents', 'job_id>jobs']);
  });
});
