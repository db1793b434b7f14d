/**
 * The keyring file (<dataDir>/keyring.json): how the random database key is protected, and the
 * credentials of the officers enrolled on the workstation (docs/keys.md). It holds no personal
 * data — only officer codes, KDF parameters, salts, public keys and wrapped or sealed keys — and
 * is written atomically (temp file, fsync, rename) with mode 0600, so a crash never leaves half a
 * keyring.
 *
 * Version 2 (this program):
 * - passphrase: the database key is sealed to each enrolled officer's X25519 public key; his own
 *   password unwraps his private key, which opens it. Removing an officer rekeys the database and
 *   seals the new key to the others, without anyone's password;
 * - safeStorage: the database key is wrapped by the OS key store; each officer's password is
 *   checked by unwrapping his credential.
 * `pending` holds the next key while a rekey is under way, so a crash between the database's
 * rekey and the keyring's rewrite loses nothing. Version 1 (per-officer scrypt slots wrapping the
 * key) is still read; its slots are upgraded one by one as their officers sign in.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppFailure } from '../../shared/app-failure';
import type { OfficerCredential } from './credential';
import { deriveKey, newSalt, type ScryptParams } from './kdf';
import { unwrapKey, wrapKey } from './key-wrap';
import type { Sealed } from './seal';

export const KEYRING_FILE = 'keyring.json';
const FORMAT = 'chakong-keyring';

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/).max(4096);
const wrapped = z.object({ alg: z.literal('aes-256-gcm'), iv: b64, tag: b64, data: b64 });
const kdf = z.object({ alg: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: b64 });
const code = z.string().min(1).max(32);
const slot = z.object({ officer: code, kdf, key: wrapped, createdAt: z.string() });
const sealed = z.object({ alg: z.literal('x25519-hkdf-sha256-aes-256-gcm'), ephemeral: b64, iv: b64, tag: b64, data: b64 });
const credential = z.object({
  officer: code, kdf, signingPublicKey: b64, boxPublicKey: b64, privateKeys: wrapped, keyId: z.string().min(1).max(100).optional(), createdAt: z.string(),
});
const generation = z.string().min(1).max(64);

const v1 = z.discriminatedUnion('protection', [
  z.object({ format: z.literal(FORMAT), version: z.literal(1), protection: z.literal('passphrase'), createdAt: z.string(), slots: z.array(slot).min(1) }),
  z.object({ format: z.literal(FORMAT), version: z.literal(1), protection: z.literal('safeStorage'), createdAt: z.string(), backend: z.string().max(64).optional(), key: b64 }),
]);

const v2 = z.discriminatedUnion('protection', [
  z.object({
    format: z.literal(FORMAT), version: z.literal(2), protection: z.literal('passphrase'), createdAt: z.string(), generation,
    credentials: z.array(credential.extend({ dbKey: sealed })),
    /** version-1 slots of officers who have not signed in since the upgrade */
    legacy: z.array(slot).default([]),
    pending: z.object({ generation, dbKeys: z.record(z.string(), sealed) }).optional(),
  }),
  z.object({
    format: z.literal(FORMAT), version: z.literal(2), protection: z.literal('safeStorage'), createdAt: z.string(), generation,
    /** the Linux backend at setup, recorded as Signal does, for diagnosing a later failure */
    backend: z.string().max(64).optional(),
    key: b64,
    credentials: z.array(credential),
    /** officers whose passwords are still checked by the version-1 verifier inside the database */
    legacy: z.boolean().default(false),
    pending: z.object({ generation, key: b64 }).optional(),
  }),
]);

export type Keyring = z.infer<typeof v2>;
export type PassphraseKeyring = Extract<Keyring, { protection: 'passphrase' }>;
export type SafeStorageKeyring = Extract<Keyring, { protection: 'safeStorage' }>;
export type KeySlot = z.infer<typeof slot>;
export type KeyProtection = Keyring['protection'];
export type EnrolledCredential = OfficerCredential & { dbKey?: Sealed };

export function keyringPath(dataDir: string): string {
  return path.join(dataDir, KEYRING_FILE);
}

export function newGeneration(): string {
  return randomBytes(12).toString('hex');
}

/** A version-1 keyring as version 2: its slots become legacy entries (still opening, one by one upgraded). */
function upgrade(k: z.infer<typeof v1>): Keyring {
  return k.protection === 'passphrase'
    ? { format: FORMAT, version: 2, protection: 'passphrase', createdAt: k.createdAt, generation: 'v1', credentials: [], legacy: k.slots }
    : { format: FORMAT, version: 2, protection: 'safeStorage', createdAt: k.createdAt, generation: 'v1', ...(k.backend ? { backend: k.backend } : {}), key: k.key, credentials: [], legacy: true };
}

/** The keyring, undefined when the workstation is not set up; throws on a damaged file. */
export function readKeyring(dataDir: string): Keyring | undefined {
  let text: string;
  try {
    text = fs.readFileSync(keyringPath(dataDir), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const raw = JSON.parse(text) as { version?: unknown };
    const k = raw.version === 1 ? upgrade(v1.parse(raw)) : v2.parse(raw);
    if (k.protection === 'passphrase' && k.credentials.length + k.legacy.length === 0) throw new Error('no officer can open it');
    return k;
  } catch {
    // never guess at a damaged keyring: the judge restores it from backup or sets up anew
    throw new AppFailure('INTERNAL', { zh: '密钥文件已损坏', en: 'the keyring file is damaged' });
  }
}

export function writeKeyring(dataDir: string, keyring: Keyring): void {
  const file = keyringPath(dataDir);
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(v2.parse(keyring), null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  syncDir(dataDir);
}

/** The rename is durable only once the folder entry is; not possible on every platform. */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open a folder for fsync; NTFS journals the rename itself
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Binds a sealed database key to its officer and its key generation. */
export function dbKeyAad(officer: string, gen: string): string {
  return `${FORMAT}/2/db/${officer}/${gen}`;
}

/** Binds a version-1 wrapped key to its officer code: a slot relabelled for another officer fails to open. */
function slotAad(officer: string): string {
  return `${FORMAT}/1/slot/${officer}`;
}

/** A version-1 slot (kept for tests of the upgrade path; new workstations never write one). */
export async function makeSlot(officer: string, password: string, dbKey: Buffer, params: ScryptParams, now: Date): Promise<KeySlot> {
  const salt = newSalt();
  const kek = await deriveKey(password, salt, params);
  try {
    return { officer, kdf: { alg: 'scrypt', ...params, salt: salt.toString('base64') }, key: wrapKey(kek, dbKey, slotAad(officer)), createdAt: now.toISOString() };
  } finally {
    kek.fill(0);
  }
}

/** The database key from a version-1 slot, or undefined when the password is wrong. */
export async function openSlot(s: KeySlot, password: string): Promise<Buffer | undefined> {
  const kek = await deriveKey(password, Buffer.from(s.kdf.salt, 'base64'), { N: s.kdf.N, r: s.kdf.r, p: s.kdf.p });
  try {
    return unwrapKey(kek, s.key, slotAad(s.officer));
  } finally {
    kek.fill(0);
  }
}

/** A version-1 keyring file, as the earlier program wrote it (the upgrade tests need one). */
export function writeVersion1Keyring(dataDir: string, k: z.infer<typeof v1>): void {
  fs.writeFileSync(keyringPath(dataDir), `${JSON.stringify(v1.parse(k), null, 2)}\n`, { mode: 0o600 });
}
