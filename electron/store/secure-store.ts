/**
 * The secure store as the services see it: one encrypted database, opened with a key the Vault
 * unwrapped, and its repositories. Plain Node; the key never leaves the main process.
 */
import type { CaseQueryView } from '../../shared/domain/types';
import type { EngineStore } from '../engine/types';
import type { Logger } from '../log/logger';
import { nullLogger } from '../log/logger';
import { AuditLog } from './audit';
import { CaseRepo } from './cases';
import { systemClock, type Clock } from './clock';
import { Connection } from './connection';
import { openEncryptedDb } from './db';
import { DEFAULT_SCRYPT, type ScryptParams } from './kdf';
import { MetaRepo } from './meta';
import { migrate, MIGRATIONS, schemaVersion, type Migration } from './migrations';
import { OfficerRepo } from './officers';
import { caseQueryView } from './query-view';
import { RequestRepo } from './requests';

export interface SecureStoreOptions {
  /** the database file, e.g. <dataDir>/store.db */
  file: string;
  /** the 32-byte database key; the store keeps no copy of this buffer */
  key: Buffer;
  /** create the file when missing (first setup only) */
  create?: boolean;
  /** schema migrations; tests inject extra ones */
  migrations?: readonly Migration[];
  clock?: Clock;
  /** scrypt cost for officer password verifiers (safeStorage mode) */
  scrypt?: ScryptParams;
  logger?: Logger;
}

export interface SecureStore {
  readonly cases: CaseRepo;
  /** the outbox, feedback and findings: exactly the EngineStore the connector engine needs */
  readonly requests: RequestRepo;
  readonly engine: EngineStore;
  readonly officers: OfficerRepo;
  readonly meta: MetaRepo;
  readonly audit: AuditLog;
  caseQueryView(caseId: string): CaseQueryView;
  /** several repository calls as one transaction (nested calls join it) */
  transaction<T>(fn: () => T): T;
  schemaVersion(): number;
  readonly isOpen: boolean;
  close(): void;
}

/** Opens (or creates), migrates and wraps the database. Throws WrongKeyError for a wrong key. */
export function openSecureStore(o: SecureStoreOptions): SecureStore {
  const clock = o.clock ?? systemClock;
  const log = o.logger ?? nullLogger;
  const started = Date.now();
  const db = openEncryptedDb(o.file, o.key, { create: o.create ?? false });
  try {
    const report = migrate(db, o.migrations ?? MIGRATIONS);
    if (report.applied.length) log.info('store migrated', { from: report.from, to: report.to, count: report.applied.length });
  } catch (e) {
    db.close();
    throw e;
  }
  const conn = new Connection(db);
  const requests = new RequestRepo(conn, clock);
  log.info('store opened', { version: schemaVersion(db), ms: Date.now() - started });
  return {
    cases: new CaseRepo(conn, clock),
    requests,
    engine: requests,
    officers: new OfficerRepo(conn, clock, o.scrypt ?? DEFAULT_SCRYPT),
    meta: new MetaRepo(conn),
    audit: new AuditLog(conn, clock),
    caseQueryView: (caseId) => caseQueryView(conn.db, requests, caseId),
    transaction: (fn) => conn.db.transaction(fn)(),
    schemaVersion: () => schemaVersion(conn.db),
    get isOpen() {
      return conn.isOpen;
    },
    close: () => {
      if (conn.isOpen) log.info('store closed');
      conn.close();
    },
  };
}
