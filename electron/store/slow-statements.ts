/**
 * Statements slower than 40 ms are logged (docs/architecture.md §6): every statement the store
 * prepares on its handle, and every `exec`, is timed; one over the bound leaves a warning in the
 * app's log with its time and its text — the SQL as written, with its placeholders, never the
 * values bound to them (personal data stays out of the log; the logger masks what slips through).
 */
import { performance } from 'node:perf_hooks';
import type { Logger } from '../log/logger';
import type { Db } from './db';

export const SLOW_STATEMENT_MS = 40;

const RUNS = ['run', 'get', 'all'] as const;

/** The statement's text on one line, as the log keeps it. */
const textOf = (sql: string): string => sql.replace(/\s+/g, ' ').trim();

/** Times the handle's statements from now on; returns the handle. */
export function timeStatements(db: Db, log: Logger, slowMs: number = SLOW_STATEMENT_MS): Db {
  const slow = (sql: string, started: number) => {
    const ms = performance.now() - started;
    if (ms > slowMs) log.warn('slow statement', { ms: Math.round(ms), sql: textOf(sql) });
  };
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    const st = prepare(sql);
    for (const m of RUNS) {
      const run = st[m] as (...a: unknown[]) => unknown;
      (st as unknown as Record<string, unknown>)[m] = function timed(this: unknown, ...a: unknown[]) {
        const started = performance.now();
        try {
          return run.apply(this, a);
        } finally {
          slow(sql, started);
        }
      };
    }
    return st;
  }) as Db['prepare'];
  const exec = db.exec.bind(db);
  db.exec = (sql: string) => {
    const started = performance.now();
    try {
      return exec(sql);
    } finally {
      slow(sql, started);
    }
  };
  return db;
}
