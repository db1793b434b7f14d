import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/canonical-json';
import { checkScryptParams, checkVerifier, DEFAULT_SCRYPT, deriveKey, makeVerifier, MIN_SCRYPT } from '../../electron/store/kdf';
import { unwrapKey, wrapKey } from '../../electron/store/key-wrap';
import { checkSafeStorage } from '../../electron/store/safe-storage';

const FAST = MIN_SCRYPT;

describe('scrypt key derivation', () => {
  it('defaults are memory-hard (at least N=2^15, r=8: 32 MiB per guess)', () => {
    expect(DEFAULT_SCRYPT.N).toBeGreaterThanOrEqual(2 ** 15);
    expect(DEFAULT_SCRYPT.r).toBeGreaterThanOrEqual(8);
    expect(128 * DEFAULT_SCRYPT.N * DEFAULT_SCRYPT.r).toBeGreaterThanOrEqual(32 * 1024 * 1024);
    expect(Object.isFrozen(DEFAULT_SCRYPT)).toBe(true);
  });

  it('derives 32 bytes, deterministic per salt, different per salt and password', async () => {
    const salt = randomBytes(16);
    const a = await deriveKey('correct horse', salt, FAST);
    expect(a).toHaveLength(32);
    expect(await deriveKey('correct horse', salt, FAST)).toEqual(a);
    expect(await deriveKey('correct horse', randomBytes(16), FAST)).not.toEqual(a);
    expect(await deriveKey('correct horsf', salt, FAST)).not.toEqual(a);
  });

  it('normalises passwords to NFC, so composed and decomposed input agree', async () => {
    const salt = randomBytes(16);
    expect(await deriveKey('caf\u00e9-pass', salt, FAST)).toEqual(await deriveKey('cafe\u0301-pass', salt, FAST));
  });

  it('refuses parameters weakened below the floor (an edited keyring)', () => {
    expect(() => checkScryptParams({ N: 2, r: 8, p: 1 })).toThrow(RangeError);
    expect(() => checkScryptParams({ N: 3000, r: 8, p: 1 })).toThrow(RangeError);
    expect(() => checkScryptParams({ N: 2 ** 15, r: 0, p: 1 })).toThrow(RangeError);
  });

  it('password verifiers accept the password and nothing else', async () => {
    const v = await makeVerifier('s3cret-pass', FAST);
    expect(JSON.stringify(v)).not.toContain('s3cret');
    expect(await checkVerifier('s3cret-pass', v)).toBe(true);
    expect(await checkVerifier('s3cret-pasS', v)).toBe(false);
  });
});

describe('AES-256-GCM key wrapping', () => {
  it('round-trips and fails on a wrong KEK, altered data or another slot label', () => {
    const kek = randomBytes(32);
    const key = randomBytes(32);
    const w = wrapKey(kek, key, 'slot/A');
    expect(unwrapKey(kek, w, 'slot/A')).toEqual(key);
    expect(unwrapKey(randomBytes(32), w, 'slot/A')).toBeUndefined();
    expect(unwrapKey(kek, w, 'slot/B')).toBeUndefined();
    const data = Buffer.from(w.data, 'base64');
    data[0]! ^= 1;
    expect(unwrapKey(kek, { ...w, data: data.toString('base64') }, 'slot/A')).toBeUndefined();
    expect(unwrapKey(kek, { ...w, tag: Buffer.from(w.tag, 'base64').subarray(0, 4).toString('base64') }, 'slot/A')).toBeUndefined();
  });
});

describe('safeStorage checks', () => {
  const ss = (backend: string | undefined, available = true) => ({
    isEncryptionAvailable: () => available,
    encryptString: (s: string) => Buffer.from(s),
    decryptString: (b: Buffer) => b.toString(),
    ...(backend === undefined ? {} : { getSelectedStorageBackend: () => backend }),
  });

  it("refuses Linux 'basic_text', an unready backend and unavailable encryption", () => {
    for (const s of [ss('basic_text'), ss('unknown'), ss('gnome_libsecret', false), undefined]) {
      expect(() => checkSafeStorage(s)).toThrow(expect.objectContaining({ error: expect.objectContaining({ code: 'KEY_STORAGE_REFUSED' }) }));
    }
  });

  it('accepts a real keyring backend, and platforms without backends (macOS, Windows)', () => {
    expect(checkSafeStorage(ss('gnome_libsecret'))).toBe('gnome_libsecret');
    expect(checkSafeStorage(ss('kwallet6'))).toBe('kwallet6');
    expect(checkSafeStorage(ss(undefined))).toBeUndefined();
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every depth, drops undefined members, keeps arrays in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined }, e: null })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1,"e":null}');
    expect(canonicalJson('案号')).toBe('"案号"');
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(TypeError);
  });
});
