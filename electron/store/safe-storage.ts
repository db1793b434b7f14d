/**
 * The OS key store, as Electron's `safeStorage` offers it, passed in as a plain object so the store
 * never imports Electron. The Linux `basic_text` backend "encrypts" with a hard-coded password, so
 * a database key wrapped by it would be as good as plaintext on disk: refuse it (docs/architecture.md, principle 7, Signal's
 * getSQLKey). 'unknown' means the app was not ready yet; refusing it is the safe reading.
 */
import { AppFailure } from '../../shared/app-failure';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron: 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown' */
  getSelectedStorageBackend?(): string;
}

const REFUSED_BACKENDS = new Set(['basic_text', 'unknown']);

/** The backend name (undefined off Linux), or AppFailure('KEY_STORAGE_REFUSED'). */
export function checkSafeStorage(ss: SafeStorageLike | undefined): string | undefined {
  if (!ss || !ss.isEncryptionAvailable()) {
    throw new AppFailure('KEY_STORAGE_REFUSED', { zh: '系统密钥存储不可用', en: 'the system key storage is not available' });
  }
  const backend = ss.getSelectedStorageBackend?.();
  if (backend !== undefined && REFUSED_BACKENDS.has(backend)) {
    throw new AppFailure('KEY_STORAGE_REFUSED', {
      zh: `系统密钥存储为“${backend}”（无系统钥匙串），请改用口令保护`,
      en: `the key storage backend is "${backend}" (no system keyring); use passphrase protection instead`,
    });
  }
  return backend;
}
