/**
 * An officer's credential on a workstation (docs/keys.md): two key pairs created at his
 * enrolment — Ed25519 to sign his decisions and approvals, X25519 to receive the database key —
 * whose private halves are wrapped by a key derived from his own password (scrypt, AES-256-GCM,
 * bound to his officer code). Only the public halves are in clear: the signing key is registered
 * with the network's officer register, which answers the key id. Nobody else's password opens it,
 * and it is never replaced without its old password.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { AppFailure } from '../../shared/app-failure';
import { deriveKey, newSalt, type ScryptParams } from './kdf';
import { unwrapKey, wrapKey, type WrappedKey } from './key-wrap';

export interface OfficerCredential {
  officer: string;
  kdf: { alg: 'scrypt'; N: number; r: number; p: number; salt: string };
  /** SPKI DER, base64 */
  signingPublicKey: string;
  boxPublicKey: string;
  /** the two private keys (PKCS8 DER) as JSON, wrapped under the password-derived key */
  privateKeys: WrappedKey;
  /** the register's id for the signing key; absent until the register has it */
  keyId?: string;
  createdAt: string;
}

/** The private keys of the officer signed in, held in memory for his session only. */
export interface OfficerKeys {
  officer: string;
  keyId: string | undefined;
  signingPublicKey: string;
  signing: KeyObject;
  box: KeyObject;
}

const aad = (officer: string) => `chakong-credential/1/${officer}`;

const der = (k: KeyObject, type: 'spki' | 'pkcs8') => k.export({ type, format: 'der' }).toString('base64');

/** A new credential and its open keys (the caller registers the signing key, then stores it). */
export async function createCredential(officer: string, password: string, params: ScryptParams, now: Date): Promise<{ credential: OfficerCredential; keys: OfficerKeys }> {
  const signing = generateKeyPairSync('ed25519');
  const box = generateKeyPairSync('x25519');
  const credential = await wrapCredential(officer, password, params, { signing: signing.privateKey, box: box.privateKey }, now);
  return { credential, keys: { officer, keyId: undefined, signingPublicKey: credential.signingPublicKey, signing: signing.privateKey, box: box.privateKey } };
}

async function wrapCredential(officer: string, password: string, params: ScryptParams, priv: { signing: KeyObject; box: KeyObject }, now: Date, keyId?: string): Promise<OfficerCredential> {
  const salt = newSalt();
  const kek = await deriveKey(password, salt, params);
  try {
    const secret = Buffer.from(JSON.stringify({ signing: der(priv.signing, 'pkcs8'), box: der(priv.box, 'pkcs8') }), 'utf8');
    const c: OfficerCredential = {
      officer,
      kdf: { alg: 'scrypt', ...params, salt: salt.toString('base64') },
      signingPublicKey: der(createPublicKey(priv.signing), 'spki'),
      boxPublicKey: der(createPublicKey(priv.box), 'spki'),
      privateKeys: wrapKey(kek, secret, aad(officer)),
      createdAt: now.toISOString(),
    };
    secret.fill(0);
    if (keyId) c.keyId = keyId;
    return c;
  } finally {
    kek.fill(0);
  }
}

/** The officer's keys, or undefined when the password is wrong (after the same scrypt work). */
export async function openCredential(c: OfficerCredential, password: string): Promise<OfficerKeys | undefined> {
  const kek = await deriveKey(password, Buffer.from(c.kdf.salt, 'base64'), { N: c.kdf.N, r: c.kdf.r, p: c.kdf.p });
  const secret = unwrapKey(kek, c.privateKeys, aad(c.officer));
  kek.fill(0);
  if (!secret) return undefined;
  try {
    const { signing, box } = JSON.parse(secret.toString('utf8')) as { signing: string; box: string };
    const keys: OfficerKeys = {
      officer: c.officer, keyId: c.keyId, signingPublicKey: c.signingPublicKey,
      signing: createPrivateKey({ key: Buffer.from(signing, 'base64'), format: 'der', type: 'pkcs8' }),
      box: createPrivateKey({ key: Buffer.from(box, 'base64'), format: 'der', type: 'pkcs8' }),
    };
    // the private halves must be those of the public keys on record
    if (der(createPublicKey(keys.signing), 'spki') !== c.signingPublicKey || der(createPublicKey(keys.box), 'spki') !== c.boxPublicKey) return undefined;
    return keys;
  } catch {
    return undefined;
  } finally {
    secret.fill(0);
  }
}

/** The same keys under a new password: the old password was needed to get them. */
export function rewrapCredential(c: OfficerCredential, keys: OfficerKeys, newPassword: string, params: ScryptParams, now: Date): Promise<OfficerCredential> {
  return wrapCredential(c.officer, newPassword, params, { signing: keys.signing, box: keys.box }, now, c.keyId);
}

export function boxPublicKeyOf(c: OfficerCredential): KeyObject {
  return createPublicKey({ key: Buffer.from(c.boxPublicKey, 'base64'), format: 'der', type: 'spki' });
}

export function badCredentials(): AppFailure {
  return new AppFailure('BAD_CREDENTIALS');
}
