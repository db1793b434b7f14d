/** A fresh encrypted database at a given schema version, for the tests of the next migration; removed after each test. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach } from 'vitest';
import { openEncryptedDb, type Db } from '../../../electron/store/db';
import { migrate, MIGRATIONS } from '../../../electron/store/migrations';

export function databasesAtVersion(version: number): () => Db {
  const dirs: string[] = [];
  const dbs: Db[] = [];
  afterEach(() => {
    for (const d of dbs.splice(0)) if (d.open) d.close();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ck-m${version + 1}-`));
    dirs.push(dir);
    const d = openEncryptedDb(path.join(dir, 'store.db'), randomBytes(32), { create: true });
    dbs.push(d);
    migrate(d, MIGRATIONS.slice(0, version));
    return d;
  };
}
