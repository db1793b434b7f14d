/**
 * The store's one writer (docs/architecture.md §6): the connector engine's writes — request state
 * changes and poll counts, exchanges kept as evidence, feedback and findings — group-committed,
 * one transaction per batch instead of one durable commit (WAL frames and an fsync) per write.
 *
 * The first write of a turn of the event loop opens the batch (BEGIN IMMEDIATE). Each write runs at
 * once inside it under its own savepoint: its caller gets its result, or its error with nothing of
 * it kept while the others' writes stay. The batch commits when the turn ends (setImmediate; or
 * `delayMs` after its first write), after `maxItems` writes, or before anyone else uses the
 * connection (Connection.db), so every other write — measures in the outbox, audit entries, a
 * judge's act — is committed on its own, at once and in order, as before. `committed()` resolves once everything written so far is on
 * disk: whatever tells the rest of the app about a write waits for it (acknowledged = on disk,
 * with synchronous=FULL). A commit that fails fails the whole batch: it is rolled back and every
 * `committed()` of it rejects with that error; nobody is told.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from './db';

export interface WriterOptions {
  /** writes after which a batch commits without waiting for the turn to end */
  maxItems?: number;
  /** how long a batch stays open after its first write, in ms; 0 (the default): until the turn ends */
  delayMs?: number;
}

interface Batch {
  readonly done: Promise<void>;
  resolve(): void;
  reject(e: unknown): void;
}

const NOTHING_PENDING: Promise<void> = Promise.resolve();

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const done = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // a batch nobody waits on must not fail the process; those who wait get the error
  done.catch(() => undefined);
  return { done, resolve, reject };
}

export class Writer {
  readonly #db: Db;
  readonly #maxItems: number;
  readonly #delayMs: number;
  readonly #stmts = new Map<string, Database.Statement>();
  #batch: Batch | undefined;
  #items = 0;
  #writing = false;
  #cancel: (() => void) | undefined;

  constructor(db: Db, o: WriterOptions = {}) {
    this.#db = db;
    this.#maxItems = Math.max(1, o.maxItems ?? 500);
    this.#delayMs = Math.max(0, o.delayMs ?? 0);
  }

  /** A statement prepared once on this connection and kept. */
  stmt(sql: string): Database.Statement {
    let s = this.#stmts.get(sql);
    if (!s) {
      s = this.#db.prepare(sql);
      this.#stmts.set(sql, s);
    }
    return s;
  }

  /** whether writes are waiting for their commit */
  get pending(): boolean {
    return this.#batch !== undefined;
  }

  /**
   * Runs `fn` in the open batch (opening one if none is), under its own savepoint. A write inside a
   * caller's own transaction joins that transaction instead: its commit is the caller's.
   */
  write<T>(fn: () => T): T {
    if (this.#writing) return fn();
    if (!this.#batch) {
      if (this.#db.inTransaction) return this.#db.transaction(fn)();
      this.#begin();
    }
    this.#writing = true;
    try {
      return this.#underSavepoint(fn);
    } finally {
      this.#writing = false;
      this.#items += 1;
      if (this.#items >= this.#maxItems) this.flush();
    }
  }

  /** Resolves once every write made so far is on disk; rejects if their batch failed to commit. */
  committed(): Promise<void> {
    return this.#batch?.done ?? NOTHING_PENDING;
  }

  /** Commits the open batch now (never from inside a write). Never throws: the batch's waiters get the error. */
  flush(): void {
    const batch = this.#batch;
    if (!batch || this.#writing) return;
    this.#end();
    try {
      this.stmt('COMMIT').run();
    } catch (e) {
      this.#rollback();
      batch.reject(e);
      return;
    }
    batch.resolve();
  }

  /** Commits what is pending and forgets the statements (the connection closes). */
  close(): void {
    this.flush();
    this.#stmts.clear();
  }

  #begin(): void {
    this.stmt('BEGIN IMMEDIATE').run();
    this.#batch = newBatch();
    this.#items = 0;
    if (this.#delayMs > 0) {
      const t = setTimeout(() => this.flush(), this.#delayMs);
      this.#cancel = () => clearTimeout(t);
    } else {
      const t = setImmediate(() => this.flush());
      this.#cancel = () => clearImmediate(t);
    }
  }

  #end(): void {
    this.#cancel?.();
    this.#cancel = undefined;
    this.#batch = undefined;
    this.#items = 0;
  }

  #underSavepoint<T>(fn: () => T): T {
    this.stmt('SAVEPOINT w').run();
    try {
      const out = fn();
      this.stmt('RELEASE w').run();
      return out;
    } catch (e) {
      if (this.#db.inTransaction) {
        this.stmt('ROLLBACK TO w').run();
        this.stmt('RELEASE w').run();
      } else {
        // SQLite rolled the whole transaction back (disk full, I/O error): the batch is lost
        const batch = this.#batch;
        this.#end();
        batch?.reject(e);
      }
      throw e;
    }
  }

  #rollback(): void {
    try {
      if (this.#db.inTransaction) this.stmt('ROLLBACK').run();
    } catch {
      /* nothing more to undo */
    }
  }
}
