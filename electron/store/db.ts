/**
 * Opens the encrypted SQLite database: SQLCipher 4 format through better-sqlite3-multiple-ciphers,
 * keyed with the raw 256-bit key (no passphrase KDF inside SQLite: the key is already random).
 */
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { registerLimitBase } from './limit-base';

export type Db = Database.Database;

export const DB_FILE = 'store.db';

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * A statement prepared once per connection and kept: for reads the hot paths run per row (a
 * measure's documents), where preparing again each time costs more than the query itself.
 */
export function cachedStatement<P extends unknown[] | {} = unknown[], R = unknown>(db: Db, sql: string): Database.Statement<P, R> {
  let byDb = statements.get(db);
  if (!byDb) statements.set(db, (byDb = new Map()));
  let st = byDb.get(sql);
  if (!st) byDb.set(sql, (st = db.prepare(sql)));
  return st as unknown as Database.Statement<P, R>;
}

/** The key did not open the file (wrong key, or not one of our databases). */
export class WrongKeyError extends Error {
  readonly code = 'WRONG_KEY';
  constructor() {
    super('the database key does not open this file');
  }
}

export interface OpenDbOptions {
  /** create the file if missing (setup); otherwise it must exist */
  create?: boolean;
  busyTimeoutMs?: number;
}

/** pages (4 KiB each) the WAL may hold before a checkpoint: at most about 40 MiB beside the file */
const WAL_CHECKPOINT_PAGES = 10_000;

export function openEncryptedDb(file: string, key: Buffer, opts: OpenDbOptions = {}): Db {
  if (key.length !== 32) throw new RangeError('database key must be 32 bytes');
  if (opts.create && !fs.existsSync(file)) {
    // created 0600 before SQLite touches it: SQLite gives the -wal and -shm files the same mode
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
  }
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    // the hex string is an unavoidable immutable copy of the key; it lives only in this frame
    db.pragma(`key="x'${key.toString('hex')}'"`);
    verifyKey(db);
    // temporary tables and sort spills stay in memory: SQLite's temp files are not encrypted
    db.pragma('temp_store=MEMORY');
    db.pragma('journal_mode=WAL');
    // FULL: a measure or an audit entry acknowledged is on disk (docs/architecture.md §9)
    db.pragma('synchronous=FULL');
    db.pragma('foreign_keys=ON');
    // the WAL is copied back into the file every WAL_CHECKPOINT_PAGES pages, not SQLite's 1,000:
    // a page the writer's batches touch again and again (an index's) is encrypted and copied once
    // per checkpoint instead of ten times (docs/architecture.md §9)
    db.pragma(`wal_autocheckpoint=${WAL_CHECKPOINT_PAGES}`);
    db.pragma(`busy_timeout=${Math.trunc(opts.busyTimeoutMs ?? 5000)}`);
    // the triggers that keep cases.limit_base call it (migration 027)
    registerLimitBase(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** The first read decrypts page 1: a wrong key shows as SQLITE_NOTADB here, not later mid-query. */
function verifyKey(db: Db): void {
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').pluck().get();
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_NOTADB') throw new WrongKeyError();
    throw e;
  }
}
