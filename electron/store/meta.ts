/** Settings and bookkeeping values of this workstation (court, network, last docket import …). */
import type { Db } from './db';
import type { Connection } from './connection';

/** sets a meta value (key, value) */
export const UPSERT_META_SQL = 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value';

export class MetaRepo {
  constructor(private readonly conn: Connection) {}

  private get db(): Db {
    return this.conn.db;
  }

  get(key: string): string | undefined {
    return this.db.prepare<[string], string>('SELECT value FROM meta WHERE key = ?').pluck().get(key);
  }

  set(key: string, value: string): void {
    this.db.prepare(UPSERT_META_SQL).run(key, value);
  }

  delete(key: string): void {
    this.db.prepare('DELETE FROM meta WHERE key = ?').run(key);
  }
}
