/**
 * The secure store as the services see it: one encrypted database, opened with a key the Vault
 * unwrapped, and its repositories. Plain Node; the key never leaves the main process.
 */
import type { CaseQueryView } from '../../shared/domain/types';
import type { MeasureStore } from '../engine/measure-store';
import type { EngineStore } from '../engine/types';
import type { Logger } from '../log/logger';
import { nullLogger } from '../log/logger';
import { ApprovalRepo } from './approvals';
import { AuditLog } from './audit';
import { AuditCheckpointRepo } from './audit-checkpoints';
import { WhereaboutsFindingRepo } from './whereabouts-findings';
import { ExemptionRepo } from './exemptions';
import { BalanceCheckRepo } from './balance-checks';
import { CaseRepo } from './cases';
import { systemClock, type Clock } from './clock';
import { Connection } from './connection';
import type { WriterOptions } from './writer';
import { TerminalRepo } from './terminal';
import { openEncryptedDb } from './db';
import { timeStatements } from './slow-statements';
import { DocumentRepo } from './documents';
import { CreditListingRepo } from './credit-listings';
import { RestrictionRepo } from './restrictions';
import { EnforcementNoticeRepo } from './enforcement-notices';
import { DEFAULT_SCRYPT, type ScryptParams } from './kdf';
import { MeasureRepo } from './measures';
import { MetaRepo } from './meta';
import { migrate, MIGRATIONS, schemaVersion, type Migration } from './migrations';
import { OfficerRepo } from './officers';
import { DashboardReader } from './dashboard';
import { BatchNoticeRepo } from './batch-notices';
import { caseQueryView } from './query-view';
import { ReminderRepo } from './reminders';
import { RequestRepo } from './requests';
import { SettingsRepo } from './settings';
import { CourtAccountProposalRepo } from './court-account-proposals';
import { PreservationNoticeRepo } from './preservation-notices';
import { AlertRepo } from './alerts';
import { WhereaboutsControlRepo } from './whereabouts-control';
import { JobRepo } from './jobs';
import { CreditExchangeRepo } from './credit-exchanges';
import { LeadRepo } from './leads';
import { ConductReader, ConductRepo } from './conduct';
import { DebtorPaymentRepo } from './debtor-payments';
import { BatchRepo } from './batches';
import { ChannelBoardReader } from './channel-board';
import { DistributionRepo } from './distribution';
import { ValuationRepo } from './valuations';
import { AlertScanReader } from './alert-scans';

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
  /** how the engine's writes are group-committed (electron/store/writer.ts) */
  writer?: WriterOptions;
}

export interface SecureStore {
  readonly cases: CaseRepo;
  /** the outbox, feedback and findings: exactly the EngineStore the connector engine needs */
  readonly requests: RequestRepo;
  readonly engine: EngineStore;
  readonly officers: OfficerRepo;
  readonly meta: MetaRepo;
  readonly audit: AuditLog;
  /** the audit chain's checkpoints acknowledged by the gateway, the store's id, the pinned gateway key */
  readonly auditCheckpoints: AuditCheckpointRepo;
  /** the measures outbox: freezes, renewals, releases and deductions, with their history */
  readonly measures: MeasureRepo;
  /** the same repository, as the MeasureStore the engine writes through */
  readonly measureStore: MeasureStore;
  /** rulings and assistance notices (PDF and content kept only inside the encrypted database) */
  readonly documents: DocumentRepo;
  readonly reminders: ReminderRepo;
  readonly approvals: ApprovalRepo;
  /** frozen amounts re-queried before deducting (docs/domain.md rule 6) */
  readonly balanceChecks: BalanceCheckRepo;
  readonly whereaboutsFindings: WhereaboutsFindingRepo;
  readonly whereaboutsControl: WhereaboutsControlRepo;
  /** dependants and only-home findings the judge records (docs/domain.md rule 5) */
  readonly exemptions: ExemptionRepo;
  /** approval threshold, reminder days, court accounts, exempt allowance, re-query age */
  readonly settings: SettingsRepo;
  readonly courtAccountProposals: CourtAccountProposalRepo;
  /** 执保: the applicant reminded of the 保全期限届满日 */
  readonly preservationNotices: PreservationNoticeRepo;
  /** active warnings, one per fact, kept across restarts */
  readonly alerts: AlertRepo;
  /** durable calendar work: re-queries, scans, repeats, batches */
  readonly jobs: JobRepo;
  readonly batches: BatchRepo;
  readonly batchNotices: BatchNoticeRepo;
  readonly channelBoard: ChannelBoardReader;
  /** listings and restrictions sent to the credit platform, exactly once */
  readonly creditExchanges: CreditExchangeRepo;
  /** 执行通知书 and 报告财产令 per debtor, their service, and the property reports filed */
  readonly enforcementNotices: EnforcementNoticeRepo;
  /** dishonest listings, their removal, and the credit steps (security, commitment, repair …) */
  readonly creditListings: CreditListingRepo;
  /** 终本 closings, re-query runs, conduct reviews (docs/domain.md rules 8, 12) */
  readonly terminal: TerminalRepo;
  /** a creditor's leads to the debtor's property, checked within 7 days (3 if urgent) */
  readonly leads: LeadRepo;
  /** the single-pass reads the alert scans make across cases */
  readonly alertScans: AlertScanReader;
  /** a debtor's conduct: the reads of his timeline and the judge's word on it (docs/domain.md rule 8) */
  readonly conductRecords: ConductReader;
  readonly conduct: ConductRepo;
  /** a debtor's own payments (自动履行): they count in the case's recovered amount */
  readonly debtorPayments: DebtorPaymentRepo;
  /** 参与分配: claims, plans, requests to transfer (docs/distribution.md) */
  readonly distribution: DistributionRepo;
  /** 定向询价 and the reference prices (docs/distribution.md) */
  readonly valuations: ValuationRepo;
  /** the bureau dashboard's single-pass reads across cases (docs/dashboard.md) */
  readonly dashboard: DashboardReader;
  /** consumption restriction orders, the persons they bind, their lift and single exemptions */
  readonly restrictions: RestrictionRepo;
  caseQueryView(caseId: string): CaseQueryView;
  /**
   * Re-encrypts the whole database under a new key (an officer removed: no old keyring copy opens
   * it any more). SQLCipher rekeys only outside WAL, so the journal is switched for the while.
   */
  rekey(key: Buffer): void;
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
  // from here on, a statement slower than 40 ms is logged (docs/architecture.md §6)
  const conn = new Connection(timeStatements(db, log), o.writer);
  const requests = new RequestRepo(conn, clock);
  const audit = new AuditLog(conn, clock);
  const settings = new SettingsRepo(conn, clock, audit);
  const jobs = new JobRepo(conn, clock, audit);
  const measures = new MeasureRepo(conn, clock, audit, settings);
  // decided under the earlier period count and not yet sent: withdrawn for a new decision (rule 2)
  const withdrawn = schemaVersion(db) >= MIGRATIONS.length ? measures.withdrawPastCap() : [];
  if (withdrawn.length) log.info('measures past the period cap withdrawn', { count: withdrawn.length });
  log.info('store opened', { version: schemaVersion(db), ms: Date.now() - started });
  return {
    cases: new CaseRepo(conn, clock),
    requests,
    engine: requests,
    officers: new OfficerRepo(conn, clock, o.scrypt ?? DEFAULT_SCRYPT),
    meta: new MetaRepo(conn),
    audit,
    auditCheckpoints: new AuditCheckpointRepo(conn),
    measures,
    measureStore: measures,
    documents: new DocumentRepo(conn, clock, audit),
    reminders: new ReminderRepo(conn, clock, audit),
    approvals: new ApprovalRepo(conn, clock, audit, measures),
    balanceChecks: new BalanceCheckRepo(conn, audit, settings),
    whereaboutsFindings: new WhereaboutsFindingRepo(conn, clock, audit),
    whereaboutsControl: new WhereaboutsControlRepo(conn, clock, audit),
    exemptions: new ExemptionRepo(conn, clock, audit),
    settings,
    courtAccountProposals: new CourtAccountProposalRepo(conn, clock, audit, settings),
    preservationNotices: new PreservationNoticeRepo(conn, clock, audit),
    alerts: new AlertRepo(conn, clock, audit),
    jobs,
    batches: new BatchRepo(conn, clock, jobs),
    batchNotices: new BatchNoticeRepo(conn, clock),
    channelBoard: new ChannelBoardReader(conn),
    creditExchanges: new CreditExchangeRepo(conn, clock, audit),
    enforcementNotices: new EnforcementNoticeRepo(conn, clock, audit),
    creditListings: new CreditListingRepo(conn, clock, audit),
    terminal: new TerminalRepo(conn, clock),
    leads: new LeadRepo(conn, clock, audit),
    alertScans: new AlertScanReader(conn),
    conductRecords: new ConductReader(conn),
    conduct: new ConductRepo(conn, clock, audit),
    debtorPayments: new DebtorPaymentRepo(conn, clock, audit),
    distribution: new DistributionRepo(conn, clock, audit),
    valuations: new ValuationRepo(conn, clock, audit),
    dashboard: new DashboardReader(conn),
    restrictions: new RestrictionRepo(conn, clock, audit),
    caseQueryView: (caseId) => caseQueryView(conn.db, requests, caseId),
    transaction: (fn) => conn.db.transaction(fn)(),
    rekey: (key) => {
      if (key.length !== 32) throw new RangeError('database key must be 32 bytes');
      const db = conn.db;
      db.pragma('journal_mode=DELETE');
      try {
        db.pragma(`rekey="x'${key.toString('hex')}'"`);
      } finally {
        db.pragma('journal_mode=WAL');
      }
      log.info('store rekeyed');
    },
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
