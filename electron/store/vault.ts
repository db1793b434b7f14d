/**
 * The lifecycle of the secure store (docs/keys.md): first setup, enrolment of officers with their
 * own credentials, sign-in (unlock), password checks, password changes, removal with rekeying, lock.
 *
 * The database key is 32 random bytes, protected either
 *  - by passphrase (field laptops, host mode): sealed to each enrolled officer's X25519 key, whose
 *    private half only his own password unwraps; or
 *  - by the OS key store (Electron safeStorage on the workstation), refusing Linux 'basic_text'
 *    (docs/architecture.md, principle 7); officers then sign in by unwrapping their credentials with their passwords.
 * Every password check goes through the sign-in guard (back-off and lockout per officer code).
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
import { boxPublicKeyOf, createCredential, openCredential, rewrapCredential, type OfficerCredential, type OfficerKeys } from './credential';
import { DB_FILE, WrongKeyError } from './db';
import { DEFAULT_SCRYPT, deriveKey, KEY_BYTES, newSalt, type ScryptParams } from './kdf';
import {
  dbKeyAad, keyringPath, newGeneration, openSlot, readKeyring, writeKeyring, type KeyProtection, type Keyring, type PassphraseKeyring,
} from './keyring';
import type { Migration } from './migrations';
import { assertStrongPassword } from './officers';
import { checkSafeStorage, type SafeStorageLike } from './safe-storage';
import { seal, unseal } from './seal';
import { openSecureStore, type SecureStore } from './secure-store';
import { SignInGuard } from './signin-guard';

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
  /** the first officer, as the network's register answered his enrolment */
  officer: Officer;
  /** his credential, made by createCredential and registered with the network */
  credential: OfficerCredential;
  protection: KeyProtection;
  /** overrides VaultOptions.safeStorage */
  safeStorage?: SafeStorageLike;
}

export interface Unlocked {
  store: SecureStore;
  /** the signed-in officer's private keys, for his session */
  keys: OfficerKeys;
}

export interface EnrolledOfficer {
  officer: string;
  keyId?: string;
  createdAt: string;
  /** still on a version-1 slot: upgraded at his next sign-in */
  legacy?: true;
}

const keyAsHex = /^[0-9a-f]{64}$/;

export class Vault {
  readonly dataDir: string;
  readonly #scrypt: ScryptParams;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #guard: SignInGuard;
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
    this.#guard = new SignInGuard(this.dataDir, this.#clock);
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

  /** The officers who can sign in here. */
  enrolled(): EnrolledOfficer[] {
    const k = readKeyring(this.dataDir);
    if (!k) return [];
    const out: EnrolledOfficer[] = k.credentials.map((c) => ({ officer: c.officer, createdAt: c.createdAt, ...(c.keyId ? { keyId: c.keyId } : {}) }));
    if (k.protection === 'passphrase') for (const s of k.legacy) out.push({ officer: s.officer, createdAt: s.createdAt, legacy: true });
    return out;
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

  /** A new credential for an officer, with his password (checked for length); nothing is stored yet. */
  async createCredential(officer: string, password: string): Promise<{ credential: OfficerCredential; keys: OfficerKeys }> {
    assertStrongPassword(password);
    return createCredential(officer, password, this.#scrypt, this.#clock());
  }

  /** First run: creates the key, the encrypted database and the keyring; the officer is signed in. */
  setUp(input: SetUpInput): Promise<SecureStore> {
    return this.#serial(async () => {
      if (this.isSetUp()) throw new AppFailure('ALREADY_SET_UP');
      if (input.credential.officer !== input.officer.code) throw new AppFailure('VALIDATION', { zh: '凭据与干警不符', en: 'the credential is another officer’s' });
      if (input.safeStorage) this.#safeStorage = input.safeStorage;
      fs.mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
      this.#lockNow();
      const key = randomBytes(KEY_BYTES);
      let store: SecureStore | undefined;
      try {
        // the keyring content is made first: a refused key store leaves no files behind
        const keyring = this.#newKeyring(input, key);
        this.#setAsideOrphan();
        store = openSecureStore({ ...this.#storeOptions(key), create: true });
        store.officers.upsert(input.officer);
        store.meta.set('createdAt', this.#clock().toISOString());
        store.audit.append({ officer: input.officer.code, action: 'store.setUp', detail: { protection: input.protection } });
        store.audit.append({ officer: input.officer.code, action: 'officer.enrolled', subject: `officer:${input.officer.code}`, detail: { keyId: input.credential.keyId } });
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
   * officer without a credential all answer BAD_CREDENTIALS, after the same scrypt work; a locked
   * officer code answers LOCKED_OUT without trying the password. Signing in while another officer
   * is signed in signs that officer out first (the caller checks the new one's password before).
   */
  unlock(officerCode: string, password: string): Promise<Unlocked> {
    return this.#serial(async () => {
      const keyring = readKeyring(this.dataDir);
      if (!keyring) throw new AppFailure('NOT_SET_UP');
      this.#guard.check(officerCode);
      this.#lockNow();
      const opened = await this.#open(keyring, officerCode, password);
      const { store, key } = opened;
      try {
        // an officer enrolled while the store was locked (OS key store) is not in its officers table
        // yet: the session asks the register who he is before it starts
        this.#guard.succeeded(officerCode);
        this.#auditFailures(store);
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
      return { store, keys: opened.keys };
    });
  }

  /**
   * An officer's keys by his password, without touching the session: the PIN confirming a
   * deduction, a chief signing an approval, another officer's sign-in checked before the current
   * one is ended. Guarded like a sign-in; a wrong password is recorded.
   */
  openKeys(officerCode: string, password: string): Promise<OfficerKeys> {
    return this.#serial(async () => {
      const keyring = readKeyring(this.dataDir);
      if (!keyring) throw new AppFailure('NOT_SET_UP');
      this.#guard.check(officerCode);
      const cred = keyring.credentials.find((c) => c.officer === officerCode);
      const legacy = keyring.protection === 'passphrase' && keyring.legacy.some((s) => s.officer === officerCode);
      if (!cred && legacy) {
        throw new AppFailure('NOT_ENROLLED', { zh: '请该干警先在本机登录一次，以更新其登录凭据', en: 'this officer must sign in here once to renew his credential' });
      }
      const keys = cred ? await openCredential(cred, password) : await this.#dummyWork(password);
      if (!keys) {
        this.#refused(officerCode);
        throw new AppFailure('BAD_CREDENTIALS');
      }
      this.#guard.succeeded(officerCode);
      return keys;
    });
  }

  /** The password check alone (the PIN). */
  async verifyPassword(officerCode: string, password: string): Promise<void> {
    await this.openKeys(officerCode, password);
  }

  /**
   * Adds an officer's credential (made by createCredential, registered with the network with his
   * one-time enrolment code). Never replaces one: an officer already enrolled changes his password
   * with his old one. Passphrase mode needs the store unlocked (the key is sealed to him).
   */
  enrol(officer: Officer, credential: OfficerCredential): Promise<void> {
    return this.#serial(async () => {
      const keyring = readKeyring(this.dataDir);
      if (!keyring) throw new AppFailure('NOT_SET_UP');
      if (credential.officer !== officer.code) throw new AppFailure('VALIDATION', { zh: '凭据与干警不符', en: 'the credential is another officer’s' });
      const known = keyring.credentials.some((c) => c.officer === officer.code)
        || (keyring.protection === 'passphrase' && keyring.legacy.some((s) => s.officer === officer.code));
      if (known) throw new AppFailure('ALREADY_ENROLLED');
      if (keyring.protection === 'passphrase') {
        if (!this.#key || !this.isUnlocked()) {
          throw new AppFailure('STORE_LOCKED', { zh: '须由已在本机登记的干警先登录，再为新干警登记', en: 'an officer enrolled here must be signed in to enrol another' });
        }
        const dbKey = seal(boxPublicKeyOf(credential), this.#key, dbKeyAad(officer.code, keyring.generation));
        writeKeyring(this.dataDir, { ...keyring, credentials: [...keyring.credentials, { ...credential, dbKey }] });
      } else {
        writeKeyring(this.dataDir, { ...keyring, credentials: [...keyring.credentials, credential] });
      }
      if (this.isUnlocked()) {
        const store = this.store();
        store.officers.upsert(officer);
        store.audit.append({ officer: this.#officer ?? officer.code, action: 'officer.enrolled', subject: `officer:${officer.code}`, detail: { keyId: credential.keyId } });
      }
      this.#log.info('officer enrolled', { officer: officer.code, protection: keyring.protection });
    });
  }

  /** The register's id for an enrolled officer's signing key (a credential renewed from version 1 registers it late). */
  setKeyId(officerCode: string, keyId: string): Promise<void> {
    return this.#serial(async () => {
      const keyring = readKeyring(this.dataDir);
      const c = keyring?.credentials.find((x) => x.officer === officerCode);
      if (!keyring || !c) throw new AppFailure('NOT_ENROLLED');
      if (c.keyId) throw new AppFailure('ALREADY_ENROLLED');
      writeKeyring(this.dataDir, { ...keyring, credentials: keyring.credentials.map((x) => (x.officer === officerCode ? { ...x, keyId } : x)) } as Keyring);
      if (this.isUnlocked()) this.store().audit.append({ officer: officerCode, action: 'officer.keyRegistered', subject: `officer:${officerCode}`, detail: { keyId } });
    });
  }

  /** A new password for an officer, given his old one. */
  changePassword(officerCode: string, oldPassword: string, newPassword: string): Promise<void> {
    return this.openKeys(officerCode, oldPassword).then((keys) => this.#serial(async () => {
      assertStrongPassword(newPassword);
      const keyring = readKeyring(this.dataDir)!;
      const i = keyring.credentials.findIndex((c) => c.officer === officerCode);
      const rewrapped = await rewrapCredential(keyring.credentials[i]!, keys, newPassword, this.#scrypt, this.#clock());
      const credentials = [...keyring.credentials];
      credentials[i] = { ...credentials[i]!, ...rewrapped };
      writeKeyring(this.dataDir, { ...keyring, credentials } as Keyring);
      if (this.isUnlocked()) this.store().audit.append({ officer: officerCode, action: 'officer.passwordChanged', subject: `officer:${officerCode}` });
    }));
  }

  /**
   * Takes an officer's access away and rekeys the database, so no copy of the old keyring (or of
   * his credential) opens it any more. Needs the store unlocked; the last officer cannot go.
   */
  removeOfficer(officerCode: string, by: string): Promise<void> {
    return this.#serial(async () => {
      const store = this.store();
      const keyring = readKeyring(this.dataDir);
      if (!keyring) throw new AppFailure('NOT_SET_UP');
      const remaining = keyring.credentials.filter((c) => c.officer !== officerCode);
      const legacy = keyring.protection === 'passphrase' ? keyring.legacy : [];
      if (remaining.length === keyring.credentials.length && !legacy.some((s) => s.officer === officerCode)) throw new AppFailure('NOT_FOUND');
      if (remaining.length === 0) throw new AppFailure('VALIDATION', { zh: '不能删除最后一个可登录的干警', en: 'the last officer who can sign in cannot be removed' });
      if (legacy.some((s) => s.officer !== officerCode)) {
        throw new AppFailure('VALIDATION', { zh: '尚有干警未更新登录凭据：请其先登录一次，再办理删除', en: 'some officers have not renewed their credentials yet: have them sign in once first' });
      }
      this.#rekey(store, { ...keyring, credentials: remaining, ...(keyring.protection === 'passphrase' ? { legacy: [] } : {}) } as Keyring);
      store.audit.append({ officer: by, action: 'officer.removed', subject: `officer:${officerCode}`, detail: { rekeyed: true } });
      this.#log.info('officer removed, store rekeyed', { officer: officerCode, protection: keyring.protection });
    });
  }

  /** Closes the database and zeroes the key (sign-out, idle lock, quit). */
  lock(): void {
    const was = this.isUnlocked();
    this.#lockNow();
    if (was) this.#log.info('store locked');
  }

  // ---- inside ----------------------------------------------------------------------------------

  /** Opens the store for an officer: his credential, or a version-1 slot (upgraded on the way). */
  async #open(keyring: Keyring, code: string, password: string): Promise<{ store: SecureStore; key: Buffer; keys: OfficerKeys }> {
    const cred = keyring.credentials.find((c) => c.officer === code);
    if (cred) {
      const keys = await openCredential(cred, password);
      if (!keys) {
        this.#refused(code);
        throw new AppFailure('BAD_CREDENTIALS');
      }
      return this.#openWith(keyring, code, keys);
    }
    if (keyring.protection === 'passphrase') {
      const slot = keyring.legacy.find((s) => s.officer === code);
      const key = slot ? await openSlot(slot, password) : (await this.#dummyWork(password), undefined);
      if (!key || key.length !== KEY_BYTES) {
        this.#refused(code);
        throw new AppFailure('BAD_CREDENTIALS');
      }
      const store = this.#openStore(key);
      return { store, key, keys: await this.#upgradeLegacy(keyring, code, password, key) };
    }
    if (!keyring.legacy) {
      await this.#dummyWork(password);
      this.#refused(code);
      throw new AppFailure('BAD_CREDENTIALS');
    }
    const key = this.#keyFromSafeStorage(keyring.key);
    const store = this.#openStore(key);
    if (!(await store.officers.verifyPassword(code, password))) {
      store.close();
      key.fill(0);
      this.#refused(code);
      throw new AppFailure('BAD_CREDENTIALS');
    }
    return { store, key, keys: await this.#upgradeLegacy(keyring, code, password, key) };
  }

  async #openWith(keyring: Keyring, code: string, keys: OfficerKeys): Promise<{ store: SecureStore; key: Buffer; keys: OfficerKeys }> {
    const candidates: { key: Buffer; pending: boolean }[] = [];
    if (keyring.protection === 'passphrase') {
      const cred = keyring.credentials.find((c) => c.officer === code)!;
      const key = unseal(keys.box, cred.dbKey, dbKeyAad(code, keyring.generation));
      if (key) candidates.push({ key, pending: false });
      const next = keyring.pending?.dbKeys[code];
      const pending = next && unseal(keys.box, next, dbKeyAad(code, keyring.pending!.generation));
      if (pending) candidates.push({ key: pending, pending: true });
    } else {
      candidates.push({ key: this.#keyFromSafeStorage(keyring.key), pending: false });
      if (keyring.pending) candidates.push({ key: this.#keyFromSafeStorage(keyring.pending.key), pending: true });
    }
    for (const c of candidates) {
      try {
        const store = this.#openStore(c.key, true);
        // a rekey that stopped after the database took the new key: the keyring catches up now
        if (c.pending) this.#finishRekey(keyring);
        for (const o of candidates) if (o !== c) o.key.fill(0);
        return { store, key: c.key, keys };
      } catch (e) {
        if (!(e instanceof WrongKeyError)) throw e;
      }
    }
    for (const c of candidates) c.key.fill(0);
    throw new AppFailure('INTERNAL', { zh: '数据库与密钥文件不匹配', en: 'the database does not match the keyring' });
  }

  #openStore(key: Buffer, rethrowWrongKey = false): SecureStore {
    try {
      return openSecureStore(this.#storeOptions(key));
    } catch (e) {
      if (e instanceof WrongKeyError) {
        if (rethrowWrongKey) throw e;
        key.fill(0);
        throw new AppFailure('INTERNAL', { zh: '数据库与密钥文件不匹配', en: 'the database does not match the keyring' });
      }
      throw e;
    }
  }

  /** A version-1 officer signed in with his password: he gets a credential, the slot goes. */
  async #upgradeLegacy(keyring: Keyring, code: string, password: string, key: Buffer): Promise<OfficerKeys> {
    const { credential, keys } = await createCredential(code, password, this.#scrypt, this.#clock());
    if (keyring.protection === 'passphrase') {
      const dbKey = seal(boxPublicKeyOf(credential), key, dbKeyAad(code, keyring.generation));
      writeKeyring(this.dataDir, { ...keyring, credentials: [...keyring.credentials, { ...credential, dbKey }], legacy: keyring.legacy.filter((s) => s.officer !== code) });
    } else {
      writeKeyring(this.dataDir, { ...keyring, credentials: [...keyring.credentials, credential] });
    }
    this.#log.info('officer credential upgraded', { officer: code });
    return keys;
  }

  /** New key: the keyring with the next key pending, the database rekeyed, the keyring final. */
  #rekey(store: SecureStore, next: Keyring): void {
    const key = randomBytes(KEY_BYTES);
    const gen = newGeneration();
    let pending: Keyring;
    if (next.protection === 'passphrase') {
      const dbKeys = Object.fromEntries(next.credentials.map((c) => [c.officer, seal(boxPublicKeyOf(c), key, dbKeyAad(c.officer, gen))]));
      pending = { ...next, pending: { generation: gen, dbKeys } };
    } else {
      checkSafeStorage(this.#safeStorage);
      pending = { ...next, pending: { generation: gen, key: this.#safeStorage!.encryptString(key.toString('hex')).toString('base64') } };
    }
    writeKeyring(this.dataDir, pending);
    store.rekey(key);
    this.#finishRekey(pending);
    this.#key?.fill(0);
    this.#key = key;
  }

  /** The pending key becomes the key. */
  #finishRekey(k: Keyring): void {
    if (!k.pending) return;
    if (k.protection === 'passphrase') {
      const p = k.pending;
      const credentials = k.credentials.filter((c) => p.dbKeys[c.officer]).map((c) => ({ ...c, dbKey: p.dbKeys[c.officer]! }));
      writeKeyring(this.dataDir, { ...k, generation: p.generation, credentials, pending: undefined } as PassphraseKeyring);
    } else {
      writeKeyring(this.dataDir, { ...k, generation: k.pending.generation, key: k.pending.key, pending: undefined } as Keyring);
    }
  }

  #refused(code: string): void {
    this.#guard.failed(code);
    this.#log.warn('password refused', { officer: code });
    if (this.isUnlocked()) this.#auditFailures(this.store());
  }

  /** Failed attempts kept while the store was locked enter the audit log, one entry per officer code. */
  #auditFailures(store: SecureStore): void {
    for (const a of this.#guard.takeUnaudited()) {
      store.audit.append({
        officer: a.officer, action: 'session.signIn.failed', subject: `officer:${a.officer}`,
        detail: { failures: a.failures, refusedWhileLocked: a.refusedWhileLocked, first: a.first, last: a.last },
      });
    }
  }

  /** the same scrypt work as a real credential: timing must not tell which officer codes exist */
  async #dummyWork(password: string): Promise<undefined> {
    (await deriveKey(password, newSalt(), this.#scrypt)).fill(0);
    return undefined;
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

  #newKeyring(input: SetUpInput, key: Buffer): Keyring {
    const createdAt = this.#clock().toISOString();
    const generation = newGeneration();
    if (input.protection === 'passphrase') {
      const dbKey = seal(boxPublicKeyOf(input.credential), key, dbKeyAad(input.officer.code, generation));
      return { format: 'chakong-keyring', version: 2, protection: 'passphrase', createdAt, generation, credentials: [{ ...input.credential, dbKey }], legacy: [] };
    }
    const backend = checkSafeStorage(this.#safeStorage);
    const wrapped = this.#safeStorage!.encryptString(key.toString('hex'));
    return {
      format: 'chakong-keyring', version: 2, protection: 'safeStorage', createdAt, generation, key: wrapped.toString('base64'),
      credentials: [input.credential], legacy: false, ...(backend !== undefined ? { backend } : {}),
    };
  }

  #keyFromSafeStorage(wrapped: string): Buffer {
    const ss = this.#safeStorage;
    checkSafeStorage(ss);
    let hex: string;
    try {
      hex = ss!.decryptString(Buffer.from(wrapped, 'base64'));
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
