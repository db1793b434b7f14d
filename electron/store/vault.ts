/**
 * The lifecycle of the secure store: first setup, sign-in (unlock), officers' key slots, lock.
 *
 * The database key is 32 random bytes. It is protected either
 *  - by passphrase (field laptops, host mode): one key slot per officer, the officer's password
 *    through scrypt wrapping the key with AES-256-GCM; or
 *  - by the OS key store (Electron safeStorage on the workstation), refusing Linux 'basic_text'
 *    (STYLE 7); officers then sign in with a password checked against a verifier inside the
 *    encrypted database.
 * The key stays in this object's buffer, is never returned, and is zeroed on lock().
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Officer } from '../../shared/domain/types';
import { AppFailure } from '../../shared/app-failure';
import type { Logger } from '../log/logger';
import { nullLogger } from '../log/logger';
import { systemClock, type Clock } from './clock';
import { DB_FILE, WrongKeyError } from './db';
import { DEFAULT_SCRYPT, deriveKey, KEY_BYTES, newSalt, type ScryptParams } from './kdf';
import {
  keyringPath, makeSlot, openSlot, readKeyring, writeKeyring, type KeyProtection, type Keyring, type KeySlot,
} from './keyring';
import type { Migration } from './migrations';
import { assertStrongPassword } from './officers';
import { checkSafeStorage, type SafeStorageLike } from './safe-storage';
import { openSecureStore, type SecureStore } from './secure-store';

export interface VaultOptions {
  /** the data folder of this workstation (never a global path): keyring.json, store.db, logs/ */
  dataDir: string;
  /** Electron's safeStorage, passed in (the store never imports Electron) */
  safeStorage?: SafeStorageLike;
  /** scrypt cost; lowered only by tests, the default is memory-hard */
  scrypt?: ScryptParams;
  migrations?: readonly Migration[];
  clock?: Clock;
  logger?: Logger;
}

export interface SetUpInput {
  /** the first officer, from the network's officer register */
  officer: Officer;
  password: string;
  protection: KeyProtection;
  /** overrides VaultOptions.safeStorage */
  safeStorage?: SafeStorageLike;
}

const keyAsHex = /^[0-9a-f]{64}$/;

export class Vault {
  readonly dataDir: string;
  readonly #scrypt: ScryptParams;
  readonly #clock: Clock;
  readonly #log: Logger;
  #safeStorage: SafeStorageLike | undefined;
  #key: Buffer | undefined;
  #store: SecureStore | undefined;
  #officer: string | undefined;
  /** one key operation at a time: a double click must not set up twice */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: VaultOptions) {
    this.dataDir = path.resolve(opts.dataDir);
    this.#scrypt = opts.scrypt ?? DEFAULT_SCRYPT;
    this.#clock = opts.clock ?? systemClock;
    this.#log = opts.logger ?? nullLogger;
    this.#safeStorage = opts.safeStorage;
  }

  get dbFile(): string {
    return path.join(this.dataDir, DB_FILE);
  }

  isSetUp(): boolean {
    return fs.existsSync(keyringPath(this.dataDir));
  }

  protection(): KeyProtection | undefined {
    return readKeyring(this.dataDir)?.protection;
  }

  /** Officer codes holding a key slot (passphrase mode); empty in safeStorage mode. */
  slotOfficers(): string[] {
    const k = readKeyring(this.dataDir);
    return k?.protection === 'passphrase' ? k.slots.map((s) => s.officer) : [];
  }

  isUnlocked(): boolean {
    return this.#store?.isOpen === true;
  }

  /** the code of the officer who unlocked the store */
  signedInOfficer(): string | undefined {
    return this.isUnlocked() ? this.#officer : undefined;
  }

  /** The open store, or AppFailure('STORE_LOCKED'). */
  store(): SecureStore {
    if (!this.#store?.isOpen) throw new AppFailure('STORE_LOCKED');
    return this.#store;
  }

  /** First run: creates the key, the encrypted database and the keyring; the officer is signed in. */
  setUp(input: SetUpInput): Promise<SecureStore> {
    return this.#serial(async () => {
      if (this.isSetUp()) throw new AppFailure('ALREADY_SET_UP');
      assertStrongPassword(input.password);
      if (input.safeStorage) this.#safeStorage = input.safeStorage;
      fs.mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
      this.#lockNow();
      const key = randomBytes(KEY_BYTES);
      let store: SecureStore | undefined;
      try {
        // the keyring content is made first: a refused key store leaves no files behind
        const keyring = await this.#newKeyring(input, key);
        this.#setAsideOrphan();
        store = openSecureStore({ ...this.#storeOptions(key), create: true });
        store.officers.upsert(input.officer);
        if (input.protection === 'safeStorage') await store.officers.setPassword(input.officer.code, input.password);
        store.meta.set('createdAt', this.#clock().toISOString());
        store.audit.append({ officer: input.officer.code, action: 'store.setUp', detail: { protection: input.protection } });
        // written last: until the keyring exists the workstation counts as not set up
        writeKeyring(this.dataDir, keyring);
      } catch (e) {
        store?.close();
        if (store) this.#removeDbFiles();
        key.fill(0);
        throw e;
      }
      this.#key = key;
      this.#store = store;
      this.#officer = input.officer.code;
      this.#log.info('store set up', { protection: input.protection, officer: input.officer.code });
      return store;
    });
  }

  /**
   * Sign-in: officer code and password open the store. Wrong password, unknown officer and an
   * officer without a slot all answer AppFailure('BAD_CREDENTIALS'), after the same scrypt work.
   * Signing in while another officer is signed in signs that officer out first.
   */
  unlock(officerCode: string, password: string): Promise<SecureStore> {
    return this.#serial(async () => {
      const keyring = readKeyring(this.dataDir);
      if (!keyring) throw new AppFailure('NOT_SET_UP');
      this.#lockNow();
      const key = keyring.protection === 'passphrase'
        ? await this.#keyFromSlot(keyring.slots, officerCode, password)
        : this.#keyFromSafeStorage(keyring);
      let store: SecureStore;
      try {
        store = openSecureStore(this.#storeOptions(key));
      } catch (e) {
        key.fill(0);
        if (e instanceof WrongKeyError) {
          throw new AppFailure('INTERNAL', { zh: '数据库与密钥文件不匹配', en: 'the database does not match the keyring' });
        }
        throw e;
      }
      try {
        if (keyring.protection === 'safeStorage' && !(await store.officers.verifyPassword(officerCode, password))) {
          this.#log.warn('sign-in refused', { reason: 'password' });
          throw new AppFailure('BAD_CREDENTIALS');
        }
        if (!store.officers.get(officerCode)) throw new AppFailure('OFFICER_NOT_REGISTERED');
        store.audit.append({ officer: officerCode, action: 'session.unlock' });
      } catch (e) {
        store.close();
        key.fill(0);
        throw e;
      }
      this.#key = key;
      this.#store = store;
      this.#officer = officerCode;
      this.#log.info('store unlocked', { officer: officerCode, protection: keyring.protection });
      return store;
    });
  }

  /**
   * Gives another officer access (or a new password to one who has it). Needs the key, that is
   * an unlocked store. Passphrase mode: a new key slot; safeStorage mode: a password verifier.
   */
  addOfficerSlot(officer: Officer, password: string): Promise<void> {
    return this.#serial(async () => {
      const store = this.store();
      const key = this.#key!;
      assertStrongPassword(password);
      const keyring = readKeyring(this.dataDir);
      if (!keyring) throw new AppFailure('NOT_SET_UP');
      store.officers.upsert(officer);
      if (keyring.protection === 'passphrase') {
        const slot = await makeSlot(officer.code, password, key, this.#scrypt, this.#clock());
        writeKeyring(this.dataDir, { ...keyring, slots: [...keyring.slots.filter((s) => s.officer !== officer.code), slot] });
      } else {
        await store.officers.setPassword(officer.code, password);
      }
      store.audit.append({ officer: this.#officer ?? officer.code, action: 'store.addOfficerSlot', subject: `officer:${officer.code}` });
      this.#log.info('officer slot added', { officer: officer.code, protection: keyring.protection });
    });
  }

  /**
   * Takes an officer's access away: the key slot (passphrase mode) or the password verifier
   * (safeStorage mode). The last one cannot go: nobody could open the data any more. A copy of the
   * old keyring made before still opens the database; rekeying is the remedy for that.
   */
  removeOfficerSlot(officerCode: string): Promise<void> {
    return this.#serial(async () => {
      const store = this.store();
      const keyring = readKeyring(this.dataDir);
      if (!keyring) throw new AppFailure('NOT_SET_UP');
      const last = new AppFailure('VALIDATION', { zh: '不能删除最后一个可登录的干警', en: 'the last officer who can sign in cannot be removed' });
      if (keyring.protection === 'passphrase') {
        const slots = keyring.slots.filter((s) => s.officer !== officerCode);
        if (slots.length === keyring.slots.length) throw new AppFailure('NOT_FOUND');
        if (slots.length === 0) throw last;
        writeKeyring(this.dataDir, { ...keyring, slots });
      } else {
        if (!store.officers.hasPassword(officerCode)) throw new AppFailure('NOT_FOUND');
        if (store.officers.withPasswordCount() <= 1) throw last;
        store.officers.clearPassword(officerCode);
      }
      store.audit.append({ officer: this.#officer ?? officerCode, action: 'store.removeOfficerSlot', subject: `officer:${officerCode}` });
      this.#log.info('officer slot removed', { officer: officerCode, protection: keyring.protection });
    });
  }

  /**
   * Re-checks an officer's password while the store is open, without changing the session: the
   * PIN confirming a deduction, a division chief approving one. Wrong → AppFailure('BAD_CREDENTIALS')
   * after the same scrypt work; the unwrapped key must be the open store's key.
   */
  verifyPassword(officerCode: string, password: string): Promise<void> {
    return this.#serial(async () => {
      const store = this.store();
      const keyring = readKeyring(this.dataDir);
      if (!keyring) throw new AppFailure('NOT_SET_UP');
      if (keyring.protection === 'passphrase') {
        const key = await this.#keyFromSlot(keyring.slots, officerCode, password);
        const same = this.#key !== undefined && key.equals(this.#key);
        key.fill(0);
        if (!same) throw new AppFailure('BAD_CREDENTIALS');
      } else if (!(await store.officers.verifyPassword(officerCode, password))) {
        throw new AppFailure('BAD_CREDENTIALS');
      }
    });
  }

  /** Closes the database and zeroes the key (sign-out, idle lock, quit). */
  lock(): void {
    const was = this.isUnlocked();
    this.#lockNow();
    if (was) this.#log.info('store locked');
  }

  #lockNow(): void {
    this.#store?.close();
    this.#store = undefined;
    this.#key?.fill(0);
    this.#key = undefined;
    this.#officer = undefined;
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn, fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #storeOptions(key: Buffer) {
    return {
      file: this.dbFile, key, migrations: this.opts.migrations, clock: this.#clock, scrypt: this.#scrypt, logger: this.#log,
    };
  }

  async #newKeyring(input: SetUpInput, key: Buffer): Promise<Keyring> {
    const createdAt = this.#clock().toISOString();
    if (input.protection === 'passphrase') {
      const slot = await makeSlot(input.officer.code, input.password, key, this.#scrypt, this.#clock());
      return { format: 'chakong-keyring', version: 1, protection: 'passphrase', createdAt, slots: [slot] };
    }
    const backend = checkSafeStorage(this.#safeStorage);
    const wrapped = this.#safeStorage!.encryptString(key.toString('hex'));
    const k: Keyring = { format: 'chakong-keyring', version: 1, protection: 'safeStorage', createdAt, key: wrapped.toString('base64') };
    if (backend !== undefined) k.backend = backend;
    return k;
  }

  async #keyFromSlot(slots: readonly KeySlot[], officerCode: string, password: string): Promise<Buffer> {
    const slot = slots.find((s) => s.officer === officerCode);
    if (!slot) {
      // the same scrypt work as a real slot: timing must not tell which officer codes exist
      (await deriveKey(password, newSalt(), this.#scrypt)).fill(0);
      this.#log.warn('sign-in refused', { reason: 'slot' });
      throw new AppFailure('BAD_CREDENTIALS');
    }
    const key = await openSlot(slot, password);
    if (!key || key.length !== KEY_BYTES) {
      key?.fill(0);
      this.#log.warn('sign-in refused', { reason: 'password' });
      throw new AppFailure('BAD_CREDENTIALS');
    }
    return key;
  }

  #keyFromSafeStorage(keyring: Extract<Keyring, { protection: 'safeStorage' }>): Buffer {
    const ss = this.#safeStorage;
    checkSafeStorage(ss);
    let hex: string;
    try {
      hex = ss!.decryptString(Buffer.from(keyring.key, 'base64'));
    } catch {
      throw new AppFailure('KEY_STORAGE_REFUSED', {
        zh: '系统密钥存储无法解开数据库密钥（系统帐户或钥匙串已变更）',
        en: 'the system key storage cannot unwrap the database key (account or keyring changed)',
      });
    }
    if (!keyAsHex.test(hex)) throw new AppFailure('INTERNAL', { zh: '数据库密钥已损坏', en: 'the database key is damaged' });
    return Buffer.from(hex, 'hex');
  }

  /**
   * A database without a keyring (a setup that crashed before its keyring was written) can never
   * be opened; it is moved aside rather than deleted, and a fresh setup proceeds.
   */
  #setAsideOrphan(): void {
    if (!fs.existsSync(this.dbFile)) return;
    const suffix = `.orphaned-${this.#clock().toISOString().replace(/[:.]/g, '-')}`;
    for (const ext of ['', '-wal', '-shm']) {
      if (fs.existsSync(this.dbFile + ext)) fs.renameSync(this.dbFile + ext, this.dbFile + suffix + ext);
    }
    this.#log.warn('orphaned database set aside');
  }

  #removeDbFiles(): void {
    for (const ext of ['', '-wal', '-shm']) fs.rmSync(this.dbFile + ext, { force: true });
  }
}
