/**
 * The one open database handle. Repositories reach the database through it, so after lock() every
 * call fails as AppFailure('STORE_LOCKED') instead of touching a closed handle.
 */
import { AppFailure } from '../../shared/app-failure';
import type { Db } from './db';

export class Connection {
  #db: Db | undefined;

  constructor(db: Db) {
    this.#db = db;
  }

  get db(): Db {
    if (!this.#db) throw new AppFailure('STORE_LOCKED');
    return this.#db;
  }

  get isOpen(): boolean {
    return this.#db !== undefined;
  }

  close(): void {
    const db = this.#db;
    this.#db = undefined;
    // closing checkpoints the WAL into the (encrypted) main file
    db?.close();
  }
}
