/**
 * The keyring file (<dataDir>/keyring.json): how the random database key is protected. It holds no
 * personal data — only officer codes, KDF parameters, salts and wrapped keys — and is written
 * atomically (temp file, fsync, rename) with mode 0600, so a crash never leaves half a keyring.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppFailure } from '../../shared/app-failure';
import { deriveKey, newSalt, type ScryptParams } from './kdf';
import { unwrapKey, wrapKey } from './key-wrap';

export const KEYRING_FILE = 'keyring.json';
const FORMAT = 'chakong-keyring';

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/).max(4096);
const wrapped = z.object({ alg: z.literal('aes-256-gcm'), iv: b64, tag: b64, data: b64 });
const slot = z.object({
  officer: z.string().min(1).max(32),
  kdf: z.object({ alg: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: b64 }),
  key: wrapped,
  createdAt: z.string(),
});
const keyringSchema = z.discriminatedUnion('protection', [
  z.object({
    format: z.literal(FORMAT),
    version: z.literal(1),
    protection: z.literal('passphrase'),
    createdAt: z.string(),
    slots: z.array(slot).min(1),
  }),
  z.object({
    format: z.literal(FORMAT),
    version: z.literal(1),
    protection: z.literal('safeStorage'),
    createdAt: z.string(),
    /** the Linux backend at setup, recorded as Signal does, for diagnosing a later failure */
    backend: z.string().max(64).optional(),
    key: b64,
  }),
]);

export type Keyring = z.infer<typeof keyringSchema>;
export type PassphraseKeyring = Extract<Keyring, { protection: 'passphrase' }>;
export type KeySlot = z.infer<typeof slot>;
export type KeyProtection = Keyring['protection'];

export function keyringPath(dataDir: string): string {
  return path.join(dataDir, KEYRING_FILE);
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
    return keyringSchema.parse(JSON.parse(text));
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
    fs.writeSync(fd, `${JSON.stringify(keyringSchema.parse(keyring), null, 2)}\n`);
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

/** Binds a wrapped key to its officer code: a slot relabelled for another officer fails to open. */
function slotAad(officer: string): string {
  return `${FORMAT}/1/slot/${officer}`;
}

export async function makeSlot(officer: string, password: string, dbKey: Buffer, params: ScryptParams, now: Date): Promise<KeySlot> {
  const salt = newSalt();
  const kek = await deriveKey(password, salt, params);
  try {
    return {
      officer,
      kdf: { alg: 'scrypt', ...params, salt: salt.toString('base64') },
      key: wrapKey(kek, dbKey, slotAad(officer)),
      createdAt: now.toISOString(),
    };
  } finally {
    kek.fill(0);
  }
}

/** The database key, or undefined when the password is wrong. */
export async function openSlot(s: KeySlot, password: string): Promise<Buffer | undefined> {
  const kek = await deriveKey(password, Buffer.from(s.kdf.salt, 'base64'), { N: s.kdf.N, r: s.kdf.r, p: s.kdf.p });
  try {
    return unwrapKey(kek, s.key, slotAad(s.officer));
  } finally {
    kek.fill(0);
  }
}
