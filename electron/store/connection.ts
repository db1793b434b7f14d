/**
 * The one open database handle. Repositories reach the database through it, so after lock() every
 * call fails as AppFailure('STORE_LOCKED') instead of touching a closed handle. The engine's writes
 * go through its writer (writer.ts), group-committed; any other use of the handle commits what the
 * writer holds first, so everything else sees, and writes after, what the engine wrote.
 */
import { AppFailure } from '../../shared/app-failure';
import type { Db } from './db';
import { Writer, type WriterOptions } from './writer';

export class Connection {
  #db: Db | undefined;
  #writer: Writer | undefined;

  constructor(db: Db, writer: WriterOptions = {}) {
    this.#db = db;
    this.#writer = new Writer(db, writer);
  }

  get db(): Db {
    if (!this.#db) throw new AppFailure('STORE_LOCKED');
    this.#writer?.flush();
    return this.#db;
  }

  /** the group-committing writer of the engine's writes */
  get writer(): Writer {
    if (!this.#writer) throw new AppFailure('STORE_LOCKED');
    return this.#writer;
  }

  get isOpen(): boolean {
    return this.#db !== undefined;
  }

  close(): void {
    const db = this.#db;
    // what the writer holds is committed before the handle goes
    this.#writer?.close();
    this.#writer = undefined;
    this.#db = undefined;
    // closing checkpoints the WAL into the (encrypted) main file
    db?.close();
  }
}
