/**
 * Passwords to keys: scrypt, memory-hard, so a stolen laptop's keyring cannot be brute-forced on
 * GPUs. Defaults follow OWASP's scrypt recommendation (N=2^17, r=8, p=1: 128 MiB, ~0.25 s here);
 * the parameters are stored beside every salt so they can be raised later without breaking slots.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

export const DEFAULT_SCRYPT: Readonly<ScryptParams> = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });
/** floor below which stored parameters are refused: a keyring edited to N=2 must not be accepted */
export const MIN_SCRYPT: Readonly<ScryptParams> = Object.freeze({ N: 2 ** 10, r: 1, p: 1 });

export const KEY_BYTES = 32;
export const SALT_BYTES = 16;
export const MIN_PASSWORD_CHARS = 8;

export function isPowerOfTwo(n: number): boolean {
  return Number.isSafeInteger(n) && n > 1 && (n & (n - 1)) === 0;
}

export function checkScryptParams(p: ScryptParams): void {
  if (!isPowerOfTwo(p.N) || p.N < MIN_SCRYPT.N || p.N > 2 ** 22) throw new RangeError('scrypt N out of range');
  if (!Number.isInteger(p.r) || p.r < MIN_SCRYPT.r || p.r > 32) throw new RangeError('scrypt r out of range');
  if (!Number.isInteger(p.p) || p.p < MIN_SCRYPT.p || p.p > 16) throw new RangeError('scrypt p out of range');
}

/**
 * Unicode NFC first: the same password typed through different input methods (full-width vs.
 * composed characters) must derive the same key.
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFC');
}

/** Asynchronous: the main process keeps answering the window while scrypt runs. */
export function deriveKey(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  checkScryptParams(params);
  const { N, r, p } = params;
  return new Promise((resolve, reject) => {
    scrypt(normalizePassword(password), salt, KEY_BYTES, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (e, key) => {
      if (e) reject(e);
      else resolve(key);
    });
  });
}

export function newSalt(): Buffer {
  return randomBytes(SALT_BYTES);
}

/** A password verifier for the safeStorage mode, kept inside the encrypted database. */
export interface PasswordVerifier {
  alg: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  hash: string;
}

export async function makeVerifier(password: string, params: ScryptParams): Promise<PasswordVerifier> {
  const salt = newSalt();
  const hash = await deriveKey(password, salt, params);
  return { alg: 'scrypt', ...params, salt: salt.toString('base64'), hash: hash.toString('base64') };
}

export async function checkVerifier(password: string, v: PasswordVerifier): Promise<boolean> {
  const expected = Buffer.from(v.hash, 'base64');
  const got = await deriveKey(password, Buffer.from(v.salt, 'base64'), { N: v.N, r: v.r, p: v.p });
  const same = got.length === expected.length && timingSafeEqual(got, expected);
  got.fill(0);
  return same;
}
