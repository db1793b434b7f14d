/**
 * The secure local cache (docs/architecture.md §9): an encrypted SQLite database in the main
 * process, its key protected by officers' passwords or the OS key store, and an append-only,
 * hash-chained audit log. Services use the Vault for the lifecycle and the SecureStore it opens.
 */
export { Vault, type VaultOptions, type SetUpInput, type Unlocked, type EnrolledOfficer } from './vault';
export type { OfficerCredential, OfficerKeys } from './credential';
export { openSecureStore, type SecureStore, type SecureStoreOptions } from './secure-store';
export type { SafeStorageLike } from './safe-storage';
export type { KeyProtection } from './keyring';
export { DEFAULT_SCRYPT, MIN_PASSWORD_CHARS, type ScryptParams } from './kdf';
export { WrongKeyError, DB_FILE } from './db';
export { MIGRATIONS, migrate, SchemaTooNewError, type Migration, type MigrationReport } from './migrations';
export type { CaseRepo, NewCase, NewParty, StoredCase, CaseListQuery, CaseList } from './cases';
export type { RequestRepo, RequestPatch } from './requests';
export type { OfficerRepo } from './officers';
export type { MetaRepo } from './meta';
export { auditSubject, verifyExport, type AuditLog, type AuditInput, type VerifyReport } from './audit';
export {
  MeasureRepo, MeasureExistsError, MeasureStateError, MEASURE_TRANSITIONS, MEASURE_KINDS, INITIAL_MEASURE_STATES, OUTBOX_STATES,
  type MeasureEvent, type MeasureExchange, type MeasureListQuery,
} from './measures';
export { freezeViews, frozenTotal, PENDING_FREEZE_STATES, type LiveFreeze } from './freeze-views';
export { DocumentRepo, type NewDocument, type StoredDocument } from './documents';
export { ReminderRepo, reminderKey, type DeliveredReminder, type ReminderDelivery } from './reminders';
export { ApprovalRepo, type Approval, type ApprovalDecision, type ApprovalInput } from './approvals';
export { BalanceCheckRepo, type FrozenBalanceCheck } from './balance-checks';
export { SettingsRepo, DEFAULT_SETTINGS, validateSetting, type MeasureSettings, type BureauSettings, type CourtAccount, type SettingKey } from './settings';
export { MEASURE_LEGAL_BASIS } from './legal-basis';
