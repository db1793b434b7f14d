/**
 * Slow statements are logged (docs/architecture.md §6): a statement of the store slower than 40 ms
 * leaves a warning in the app's log with its time and its text, never the values bound to it; a
 * fast one leaves nothing. Through the real store (openSecureStore) and the real file logger.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger, type FileLogger } from '../../electron/log/logger';
import { openSecureStore, type SecureStore } from '../../electron/store';
import { SLOW_STATEMENT_MS } from '../../electron/store/slow-statements';

const ID = '11010519491231002X';
let dir: string;
let log: FileLogger;
let store: SecureStore;
/** the store's handle, as its repositories reach it */
const dbOf = (s: SecureStore) => (s as unknown as { dashboard: { conn: { db: import('../../electron/store/db').Db } } }).dashboard.conn.db;
const lines = () => fs.readFileSync(path.join(dir, 'logs', 'app.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-slow-'));
  log = createLogger({ dir });
  store = openSecureStore({ file: path.join(dir, 'store.db'), key: randomBytes(32), create: true, logger: log });
  // an artificially slow statement: a function that holds the thread for `ms`
  dbOf(store).function('hold', (ms: unknown) => {
    const until = Date.now() + Number(ms);
    while (Date.now() < until);
    return 1;
  });
});
afterEach(() => {
  store.close();
  log.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('statements over 40 ms', () => {
  it('are logged with their time and text, without the values bound to them', () => {
    const db = dbOf(store);
    db.prepare('SELECT hold(?) AS x WHERE ? IS NOT NULL').get(SLOW_STATEMENT_MS + 30, ID);
    const slow = lines().filter((l) => l.msg === 'slow statement');
    expect(slow).toHaveLength(1);
    expect(slow[0]).toMatchObject({ level: 'warn', sql: 'SELECT hold(?) AS x WHERE ? IS NOT NULL' });
    expect(slow[0]!.ms as number).toBeGreaterThan(SLOW_STATEMENT_MS);
    expect(fs.readFileSync(path.join(dir, 'logs', 'app.log'), 'utf8')).not.toContain(ID);
  });

  it('a slow exec and all() are timed too; fast statements leave nothing', () => {
    const db = dbOf(store);
    db.prepare('SELECT 1 WHERE ? IS NOT NULL').all(ID);
    store.cases.list({ status: 'all', limit: 10 });
    expect(lines().filter((l) => l.msg === 'slow statement')).toHaveLength(0);
    db.prepare('SELECT hold(?)').all(SLOW_STATEMENT_MS + 20);
    db.exec(`SELECT hold(${SLOW_STATEMENT_MS + 20})`);
    expect(lines().filter((l) => l.msg === 'slow statement').map((l) => l.sql)).toEqual(['SELECT hold(?)', `SELECT hold(${SLOW_STATEMENT_MS + 20})`]);
  });
});
