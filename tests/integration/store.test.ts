/**
 * The secure store at rest: nothing personal readable on disk without the key, and the key only
 * for an officer with the right password (or a secure OS key store).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { DB_FILE, MIN_PASSWORD_CHARS, Vault, WrongKeyError, type SafeStorageLike } from '../../electron/store';
import { openEncryptedDb } from '../../electron/store/db';
import { MIN_SCRYPT } from '../../electron/store/kdf';
import { makeSlot, readKeyring, writeKeyring, writeVersion1Keyring } from '../../electron/store/keyring';
import { GUARD_FILE } from '../../electron/store/signin-guard';
import { createLogger } from '../../electron/log/logger';
import type { Officer } from '../../shared/domain/types';

const FAST = MIN_SCRYPT;
const JUDGE: Officer = { code: 'F520103001', name: '王法官', court: '贵阳市云岩区人民法院', role: 'judge' };
const CLERK: Officer = { code: 'F520103007', name: '李书记员', court: '贵阳市云岩区人民法院', role: 'clerk' };
const NAME = '张三丰';
const ID = '52010219850315106X';
const ACCOUNT = '6222020200001234567';

const dirs: string[] = [];
const vaults: Vault[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-store-'));
  dirs.push(d);
  return d;
}
function vault(dataDir: string, extra: Partial<ConstructorParameters<typeof Vault>[0]> = {}): Vault {
  const v = new Vault({ dataDir, scrypt: FAST, ...extra });
  vaults.push(v);
  return v;
}
afterEach(() => {
  for (const v of vaults.splice(0)) v.lock();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A stand-in for Electron's safeStorage: AES with a key that lives only in this object. */
function fakeSafeStorage(backend: string | undefined = 'gnome_libsecret', available = true): SafeStorageLike & { backend: string | undefined } {
  const k = randomBytes(32);
  const ss = {
    backend,
    isEncryptionAvailable: () => available,
    encryptString(s: string) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', k, iv);
      const data = Buffer.concat([c.update(s, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), data]);
    },
    decryptString(b: Buffer) {
      const d = createDecipheriv('aes-256-gcm', k, b.subarray(0, 12));
      d.setAuthTag(b.subarray(12, 28));
      return Buffer.concat([d.update(b.subarray(28)), d.final()]).toString('utf8');
    },
    getSelectedStorageBackend: () => ss.backend ?? 'unknown',
  };
  return ss;
}

/** First setup by the officer himself: his credential made with his password (no register here). */
async function setUp(v: Vault, officer: Officer, password: string, protection: 'passphrase' | 'safeStorage' = 'passphrase') {
  const { credential } = await v.createCredential(officer.code, password);
  return v.setUp({ officer, credential, protection });
}

async function enrol(v: Vault, officer: Officer, password: string): Promise<void> {
  const { credential } = await v.createCredential(officer.code, password);
  await v.enrol(officer, credential);
}

const code = (p: Promise<unknown>) => p.then(() => 'resolved', (e: { error?: { code?: string } }) => e.error?.code ?? String(e));

function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? allFiles(p) : [p];
  });
}

/** Every encoding SQLite or a careless writer might use for the text. */
function needles(s: string): Buffer[] {
  return [Buffer.from(s, 'utf8'), Buffer.from(s, 'utf16le'), Buffer.from(s, 'utf16le').swap16()];
}

function scan(dir: string, secrets: string[]): string[] {
  const found: string[] = [];
  for (const f of allFiles(dir)) {
    const bytes = fs.readFileSync(f);
    for (const s of secrets) if (needles(s).some((n) => bytes.includes(n))) found.push(`${path.basename(f)}: ${s}`);
  }
  return found;
}

async function writePersonalData(v: Vault): Promise<void> {
  const store = v.store();
  const c = store.cases.create({
    number: '(2025)黔0103执1234号', filedOn: '2025-03-01', cause: '借款合同纠纷', amountOwed: 12_345_600, costs: 50_000,
    applicant: { kind: 'company', name: '贵阳某某小额贷款有限公司', idNumber: '91520100MA6DJ1234R' },
    debtors: [{ kind: 'person', name: NAME, idNumber: ID }],
  });
  const debtor = c.parties.find((p) => p.role === 'debtor')!;
  const now = '2025-03-02T01:00:00.000Z';
  store.engine.insertRequests([{ id: randomBytes(16).toString('hex'), caseId: c.id, partyId: debtor.id, channel: 'bank.icbc', kind: 'query', state: 'pending', attempts: 0, polls: 0, createdAt: now, updatedAt: now }]);
  const [req] = store.engine.listUnfinishedRequests();
  store.engine.recordExchange!({ requestId: req!.id, direction: 'sent', method: 'POST', path: '/gw/v1/requests', body: JSON.stringify({ name: NAME, idNumber: ID }), at: now });
  store.engine.saveFindings(req!.id, {
    assets: [{ kind: 'deposit', institution: '中国工商银行贵阳分行', identifier: ACCOUNT, description: `${NAME} 活期`, value: 880_000, existingFreezes: [] }],
    whereabouts: [], info: [],
  }, JSON.stringify({ name: NAME, idNumber: ID, accounts: [{ no: ACCOUNT, balance: '8800.00' }] }), now);
  store.audit.append({ officer: JUDGE.code, action: 'query.start', caseId: c.id, caseNumber: c.number, subject: `${debtor.id} ${ID}`, legalBasis: '民事诉讼法第253条' });
}

describe('encryption at rest', () => {
  it('the scan itself finds the same data in an unencrypted SQLite file (control)', () => {
    const dir = tempDir();
    const db = new Database(path.join(dir, 'plain.db'));
    db.exec('CREATE TABLE t (name TEXT, id TEXT, account TEXT)');
    db.prepare('INSERT INTO t VALUES (?, ?, ?)').run(NAME, ID, ACCOUNT);
    db.close();
    expect(scan(dir, [NAME, ID, ACCOUNT])).toHaveLength(3);
  });

  it('keeps no known name, ID number or account number readable in the database, WAL, keyring or logs', async () => {
    const dir = tempDir();
    const logger = createLogger({ dir });
    const v = vault(dir, { logger });
    await setUp(v, JUDGE, 'correct horse battery');
    await writePersonalData(v);
    logger.info('case created', { id: ID, reason: `${NAME} ${ACCOUNT}` });

    const wal = path.join(dir, `${DB_FILE}-wal`);
    expect(fs.statSync(wal).size).toBeGreaterThan(0); // the scan covers a live WAL, not only the checkpointed file
    const secrets = [NAME, ID, ACCOUNT, JUDGE.name, '借款合同纠纷'];
    expect(scan(dir, secrets)).toEqual([]);

    v.lock();
    logger.close();
    expect(scan(dir, secrets)).toEqual([]);
    const head = fs.readFileSync(path.join(dir, DB_FILE)).subarray(0, 16);
    expect(head.toString('latin1')).not.toBe('SQLite format 3\0');
  });

  it('opening the file with a wrong key fails cleanly with WrongKeyError', async () => {
    const dir = tempDir();
    const v = vault(dir);
    await setUp(v, JUDGE, 'correct horse battery');
    v.lock();
    expect(() => openEncryptedDb(path.join(dir, DB_FILE), randomBytes(32))).toThrow(WrongKeyError);
    // and the right officer still gets in afterwards: nothing was damaged by the attempt
    await expect(v.unlock(JUDGE.code, 'correct horse battery')).resolves.toBeDefined();
  });

  it('the keyring holds only codes, parameters, salts, public keys and wrapped or sealed keys, mode 0600', async () => {
    const dir = tempDir();
    const v = vault(dir);
    await setUp(v, JUDGE, 'correct horse battery');
    const text = fs.readFileSync(path.join(dir, 'keyring.json'), 'utf8');
    expect(text).not.toContain(JUDGE.name);
    expect(text).not.toContain(JUDGE.court);
    expect(text).not.toContain('correct horse');
    expect(text).not.toMatch(/PRIVATE KEY/);
    const k = readKeyring(dir)!;
    expect(k).toMatchObject({ version: 2, protection: 'passphrase' });
    expect(k.credentials.map((c) => c.officer)).toEqual([JUDGE.code]);
    if (process.platform !== 'win32') {
      expect(fs.statSync(path.join(dir, 'keyring.json')).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.join(dir, DB_FILE)).mode & 0o777).toBe(0o600);
    }
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('passphrase protection', () => {
  it('signs in with the right password and refuses a wrong one or an unknown officer', async () => {
    const dir = tempDir();
    await setUp(vault(dir), JUDGE, 'correct horse battery');
    const v = vault(dir);
    expect(v.isSetUp()).toBe(true);
    expect(v.protection()).toBe('passphrase');
    expect(await code(v.unlock(JUDGE.code, 'correct horse batterY'))).toBe('BAD_CREDENTIALS');
    expect(await code(v.unlock('F999999999', 'correct horse battery'))).toBe('BAD_CREDENTIALS');
    expect(v.isUnlocked()).toBe(false);
    const { store, keys } = await v.unlock(JUDGE.code, 'correct horse battery');
    expect(store.officers.get(JUDGE.code)).toEqual(JUDGE);
    expect(keys.officer).toBe(JUDGE.code);
    expect(v.signedInOfficer()).toBe(JUDGE.code);
  });

  it(`refuses passwords under ${MIN_PASSWORD_CHARS} characters and leaves nothing behind`, async () => {
    const dir = tempDir();
    const v = vault(dir);
    expect(await code(setUp(v, JUDGE, '1234567'))).toBe('WEAK_PASSWORD');
    expect(v.isSetUp()).toBe(false);
    expect(fs.existsSync(path.join(dir, DB_FILE))).toBe(false);
  });

  it('refuses a second setup and a sign-in before setup', async () => {
    const dir = tempDir();
    const v = vault(dir);
    expect(await code(v.unlock(JUDGE.code, 'correct horse battery'))).toBe('NOT_SET_UP');
    await setUp(v, JUDGE, 'correct horse battery');
    expect(await code(setUp(v, CLERK, 'another password'))).toBe('ALREADY_SET_UP');
  });

  it('two officers’ credentials open the same data; enrolling needs an unlocked store', async () => {
    const dir = tempDir();
    const v = vault(dir);
    await setUp(v, JUDGE, 'judge password');
    const c = v.store().cases.create({
      number: '(2025)黔0103执77号', filedOn: '2025-01-02', cause: '买卖合同纠纷', amountOwed: 100_000, costs: 0,
      applicant: { kind: 'person', name: '甲', idNumber: '520102197001010019' }, debtors: [{ kind: 'person', name: '乙', idNumber: '520102197001010027' }],
    });
    v.lock();
    expect(await code(enrol(v, CLERK, 'clerk password'))).toBe('STORE_LOCKED');
    await v.unlock(JUDGE.code, 'judge password');
    expect(await code(enrol(v, CLERK, 'short'))).toBe('WEAK_PASSWORD');
    await enrol(v, CLERK, 'clerk password');
    expect(v.enrolled().map((e) => e.officer)).toEqual([JUDGE.code, CLERK.code]);
    v.lock();

    const asClerk = (await v.unlock(CLERK.code, 'clerk password')).store;
    expect(asClerk.cases.get(c.id)?.number).toBe('(2025)黔0103执77号');
    expect(asClerk.officers.get(CLERK.code)).toEqual(CLERK);
    expect(await code(v.unlock(CLERK.code, 'judge password'))).toBe('BAD_CREDENTIALS');
    const asJudge = (await v.unlock(JUDGE.code, 'judge password')).store;
    expect(asJudge.cases.get(c.id)?.number).toBe('(2025)黔0103执77号');
    expect(asJudge.audit.list().map((e) => e.action)).toContain('officer.enrolled');
  });

  it('never replaces an officer’s credential: enrolling him again is refused, only his old password changes it', async () => {
    const dir = tempDir();
    const v = vault(dir);
    await setUp(v, JUDGE, 'judge password');
    await enrol(v, CLERK, 'clerk password');
    // the judge, signed in, tries to give the clerk a password he chose
    expect(await code(enrol(v, CLERK, 'judge chose this'))).toBe('ALREADY_ENROLLED');
    expect(await code(v.changePassword(CLERK.code, 'judge chose this', 'another one'))).toBe('BAD_CREDENTIALS');
    v.lock();
    await expect(v.unlock(CLERK.code, 'clerk password')).resolves.toBeDefined();
    await v.changePassword(CLERK.code, 'clerk password', 'clerk password 2');
    v.lock();
    expect(await code(v.unlock(CLERK.code, 'clerk password'))).toBe('BAD_CREDENTIALS');
    await expect(v.unlock(CLERK.code, 'clerk password 2')).resolves.toBeDefined();
  });

  it('a credential relabelled with another officer code does not open (the label is authenticated)', async () => {
    const dir = tempDir();
    const v = vault(dir);
    await setUp(v, JUDGE, 'judge password');
    await enrol(v, CLERK, 'clerk password');
    v.lock();
    const k = readKeyring(dir)!;
    if (k.protection !== 'passphrase') throw new Error('expected passphrase keyring');
    const judges = k.credentials.find((c) => c.officer === JUDGE.code)!;
    writeKeyring(dir, { ...k, credentials: [judges, { ...judges, officer: CLERK.code }] });
    expect(await code(v.unlock(CLERK.code, 'judge password'))).toBe('BAD_CREDENTIALS');
  });

  it('works with the default, memory-hard scrypt parameters', async () => {
    const dir = tempDir();
    const v = new Vault({ dataDir: dir });
    vaults.push(v);
    await setUp(v, JUDGE, 'judge password');
    v.lock();
    await expect(v.unlock(JUDGE.code, 'judge password')).resolves.toBeDefined();
    expect(readKeyring(dir)!.credentials[0]!.kdf).toMatchObject({ alg: 'scrypt', N: 2 ** 17, r: 8, p: 1 });
  });

  it('a damaged keyring is reported, not guessed at', async () => {
    const dir = tempDir();
    const v = vault(dir);
    await setUp(v, JUDGE, 'judge password');
    v.lock();
    fs.writeFileSync(path.join(dir, 'keyring.json'), '{"format":"chakong-keyring","version":2,"protection":"passphrase"');
    expect(await code(v.unlock(JUDGE.code, 'judge password'))).toBe('INTERNAL');
  });

  it('removing an officer rekeys the database: a copy of the old keyring, and his old credential, open nothing', async () => {
    const dir = tempDir();
    const v = vault(dir);
    await setUp(v, JUDGE, 'judge password');
    await enrol(v, CLERK, 'clerk password');
    const before = fs.readFileSync(path.join(dir, 'keyring.json'));
    await v.removeOfficer(CLERK.code, JUDGE.code);
    expect(await code(v.removeOfficer(CLERK.code, JUDGE.code))).toBe('NOT_FOUND');
    expect(await code(v.removeOfficer(JUDGE.code, JUDGE.code))).toBe('VALIDATION');
    v.lock();
    expect(await code(v.unlock(CLERK.code, 'clerk password'))).toBe('BAD_CREDENTIALS');
    await expect(v.unlock(JUDGE.code, 'judge password')).resolves.toBeDefined();
    v.lock();
    // the clerk kept a copy of the keyring from before: it no longer opens the database
    const now = fs.readFileSync(path.join(dir, 'keyring.json'));
    fs.writeFileSync(path.join(dir, 'keyring.json'), before);
    expect(await code(v.unlock(CLERK.code, 'clerk password'))).toBe('INTERNAL');
    fs.writeFileSync(path.join(dir, 'keyring.json'), now);
    expect((await v.unlock(JUDGE.code, 'judge password')).store.audit.list().map((e) => e.action)).toContain('officer.removed');
  });

  it('a rekey interrupted after the database took the new key finishes at the next sign-in', async () => {
    const dir = tempDir();
    const v = vault(dir);
    await setUp(v, JUDGE, 'judge password');
    await enrol(v, CLERK, 'clerk password');
    const store = v.store();
    const original = store.rekey.bind(store);
    let keyringDuringRekey: Buffer | undefined;
    store.rekey = (key) => {
      original(key);
      keyringDuringRekey = fs.readFileSync(path.join(dir, 'keyring.json'));
    };
    await v.removeOfficer(CLERK.code, JUDGE.code);
    v.lock();
    // the crash: the keyring as it was between the database's rekey and the keyring's rewrite
    fs.writeFileSync(path.join(dir, 'keyring.json'), keyringDuringRekey!);
    expect(readKeyring(dir)!.pending).toBeDefined();
    await expect(v.unlock(JUDGE.code, 'judge password')).resolves.toBeDefined();
    expect(readKeyring(dir)!.pending).toBeUndefined();
    v.lock();
    await expect(v.unlock(JUDGE.code, 'judge password')).resolves.toBeDefined();
  });

  it('lock() closes the store: every later call answers STORE_LOCKED', async () => {
    const dir = tempDir();
    const v = vault(dir);
    const store = await setUp(v, JUDGE, 'judge password');
    v.lock();
    expect(store.isOpen).toBe(false);
    expect(() => store.cases.list()).toThrow(expect.objectContaining({ error: expect.objectContaining({ code: 'STORE_LOCKED' }) }));
    expect(() => v.store()).toThrow(expect.objectContaining({ error: expect.objectContaining({ code: 'STORE_LOCKED' }) }));
  });

  it('a database left without a keyring by a crashed setup is set aside, not reused', async () => {
    const dir = tempDir();
    const v = vault(dir);
    await setUp(v, JUDGE, 'judge password');
    v.lock();
    fs.rmSync(path.join(dir, 'keyring.json'));
    const again = vault(dir);
    await setUp(again, JUDGE, 'judge password');
    expect(fs.readdirSync(dir).some((f) => f.startsWith(`${DB_FILE}.orphaned-`))).toBe(true);
    expect(again.store().cases.list().total).toBe(0);
  });

  it('opens a workstation set up by the earlier keyring format, upgrading each officer as he signs in', async () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const { openSecureStore } = await import('../../electron/store/secure-store');
    const s = openSecureStore({ file: path.join(dir, DB_FILE), key, create: true, scrypt: FAST });
    s.officers.upsertMany([JUDGE, CLERK]);
    s.close();
    const now = new Date();
    writeVersion1Keyring(dir, {
      format: 'chakong-keyring', version: 1, protection: 'passphrase', createdAt: now.toISOString(),
      slots: [await makeSlot(JUDGE.code, 'judge password', key, FAST, now), await makeSlot(CLERK.code, 'clerk password', key, FAST, now)],
    });
    const v = vault(dir);
    expect(await code(v.unlock(JUDGE.code, 'wrong password'))).toBe('BAD_CREDENTIALS');
    const { keys } = await v.unlock(JUDGE.code, 'judge password');
    expect(keys.keyId).toBeUndefined();
    expect(v.enrolled()).toEqual([expect.objectContaining({ officer: JUDGE.code }), expect.objectContaining({ officer: CLERK.code, legacy: true })]);
    v.lock();
    await expect(v.unlock(JUDGE.code, 'judge password')).resolves.toBeDefined();
    await expect(v.unlock(CLERK.code, 'clerk password')).resolves.toBeDefined();
    expect(readKeyring(dir)).toMatchObject({ version: 2, legacy: [] });
  });
});

describe('wrong passwords', () => {
  it('100 wrong passwords in a row: locked out after five, the right one refused too while locked, every attempt recorded', async () => {
    const dir = tempDir();
    let t = Date.UTC(2026, 11, 2, 2);
    const v = vault(dir, { clock: () => new Date(t) });
    await setUp(v, JUDGE, 'judge password');
    v.lock();
    const answers: string[] = [];
    for (let i = 0; i < 100; i++) answers.push(await code(v.unlock(JUDGE.code, `guess ${i}`)));
    expect(answers.slice(0, 5)).toEqual(Array(5).fill('BAD_CREDENTIALS'));
    expect(answers.slice(5)).toEqual(Array(95).fill('LOCKED_OUT'));
    expect(await code(v.unlock(JUDGE.code, 'judge password'))).toBe('LOCKED_OUT');
    // a restart does not lift it: the guard is on disk
    expect(await code(vault(dir, { clock: () => new Date(t) }).unlock(JUDGE.code, 'judge password'))).toBe('LOCKED_OUT');
    // after a minute one more wrong one locks for two
    t += 61_000;
    expect(await code(v.unlock(JUDGE.code, 'guess again'))).toBe('BAD_CREDENTIALS');
    t += 61_000;
    expect(await code(v.unlock(JUDGE.code, 'judge password'))).toBe('LOCKED_OUT');
    t += 61_000;
    const { store } = await v.unlock(JUDGE.code, 'judge password');
    const failed = store.audit.list().filter((e) => e.action === 'session.signIn.failed');
    expect(failed).toHaveLength(1);
    expect(JSON.parse(failed[0]!.detail)).toMatchObject({ failures: 6, refusedWhileLocked: 98 });
    expect(failed[0]!.officer).toBe(JUDGE.code);
    expect(fs.readFileSync(path.join(dir, GUARD_FILE), 'utf8')).not.toContain(JUDGE.name);
  });

  it('a wrong PIN or approver password counts the same, and is recorded at once while the store is open', async () => {
    const dir = tempDir();
    const v = vault(dir);
    await setUp(v, JUDGE, 'judge password');
    expect(await code(v.verifyPassword(JUDGE.code, 'not it'))).toBe('BAD_CREDENTIALS');
    const failed = v.store().audit.list().filter((e) => e.action === 'session.signIn.failed');
    expect(failed.map((e) => e.officer)).toEqual([JUDGE.code]);
    await v.verifyPassword(JUDGE.code, 'judge password');
  });
});

describe('safeStorage protection', () => {
  it("refuses the Linux 'basic_text' backend and unavailable encryption, leaving nothing behind", async () => {
    for (const ss of [fakeSafeStorage('basic_text'), fakeSafeStorage('gnome_libsecret', false)]) {
      const dir = tempDir();
      const v = vault(dir, { safeStorage: ss });
      expect(await code(setUp(v, JUDGE, 'judge password', 'safeStorage'))).toBe('KEY_STORAGE_REFUSED');
      expect(v.isSetUp()).toBe(false);
      expect(fs.readdirSync(dir).filter((f) => f !== GUARD_FILE)).toEqual([]);
    }
  });

  it('wraps the key with the OS key store; officers sign in by their own credentials; removal rekeys', async () => {
    const dir = tempDir();
    const ss = fakeSafeStorage();
    const v = vault(dir, { safeStorage: ss });
    await setUp(v, JUDGE, 'judge password', 'safeStorage');
    v.lock();
    // with the OS key store holding the key, an officer enrols without anyone signed in
    await enrol(v, CLERK, 'clerk password');

    const k = readKeyring(dir)!;
    expect(k).toMatchObject({ protection: 'safeStorage', backend: 'gnome_libsecret' });
    expect(JSON.stringify(k)).not.toMatch(/[0-9a-f]{64}/); // the key is not there in hex

    const w = vault(dir, { safeStorage: ss });
    expect(await code(w.unlock(JUDGE.code, 'clerk password'))).toBe('BAD_CREDENTIALS');
    expect(await code(w.unlock('F999999999', 'judge password'))).toBe('BAD_CREDENTIALS');
    // enrolled while the store was locked: the register tells the session who he is at his first sign-in
    expect((await w.unlock(CLERK.code, 'clerk password')).keys.officer).toBe(CLERK.code);
    expect((await w.unlock(JUDGE.code, 'judge password')).store.officers.get(JUDGE.code)).toEqual(JUDGE);

    const wrappedBefore = readKeyring(dir)!;
    await w.removeOfficer(CLERK.code, JUDGE.code);
    expect(await code(w.removeOfficer(JUDGE.code, JUDGE.code))).toBe('VALIDATION');
    expect(await code(w.unlock(CLERK.code, 'clerk password'))).toBe('BAD_CREDENTIALS');
    expect(readKeyring(dir)!.generation).not.toBe(wrappedBefore.generation);
    await expect(w.unlock(JUDGE.code, 'judge password')).resolves.toBeDefined();
  });

  it("refuses to unlock once the backend has become 'basic_text', or without a key store", async () => {
    const dir = tempDir();
    const ss = fakeSafeStorage();
    const v = vault(dir, { safeStorage: ss });
    await setUp(v, JUDGE, 'judge password', 'safeStorage');
    v.lock();
    ss.backend = 'basic_text';
    expect(await code(v.unlock(JUDGE.code, 'judge password'))).toBe('KEY_STORAGE_REFUSED');
    expect(await code(vault(dir).unlock(JUDGE.code, 'judge password'))).toBe('KEY_STORAGE_REFUSED');
    // another machine's key store (e.g. the data folder copied elsewhere) cannot unwrap it
    expect(await code(vault(dir, { safeStorage: fakeSafeStorage() }).unlock(JUDGE.code, 'judge password'))).toBe('KEY_STORAGE_REFUSED');
  });
});
