/**
 * The secure local cache (DESIGN "Secure local cache"): an encrypted SQLite database in the main
 * process, its key protected by officers' passwords or the OS key store, and an append-only,
 * hash-chained audit log. Services use the Vault for the lifecycle and the SecureStore it opens.
 */
export { Vault, type VaultOptions, type SetUpInput } from './vault';
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
