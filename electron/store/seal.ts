/**
 * Sealing a secret to an officer's public key (X25519 + HKDF-SHA256 + AES-256-GCM): the database
 * key is sealed to every officer enrolled on the workstation, so it can be rekeyed for the others
 * when one is removed without anyone's password, and only a private key unwrapped by its
 * officer's own password opens it (docs/keys.md).
 */
import { createCipheriv, createDecipheriv, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';

export interface Sealed {
  alg: 'x25519-hkdf-sha256-aes-256-gcm';
  /** the sender's one-time public key, SPKI DER base64 */
  ephemeral: string;
  iv: string;
  tag: string;
  data: string;
}

const INFO = Buffer.from('chakong/seal/v1', 'utf8');

function spki(k: KeyObject): Buffer {
  return k.export({ type: 'spki', format: 'der' });
}

function keyFor(shared: Buffer, ephemeral: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), INFO, 32));
}

export function seal(recipient: KeyObject, secret: Buffer, aad: string): Sealed {
  const eph = generateKeyPairSync('x25519');
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: recipient });
  const ephPub = spki(eph.publicKey);
  const key = keyFor(shared, ephPub, spki(recipient));
  shared.fill(0);
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  c.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([c.update(secret), c.final()]);
  key.fill(0);
  return { alg: 'x25519-hkdf-sha256-aes-256-gcm', ephemeral: ephPub.toString('base64'), iv: iv.toString('base64'), tag: c.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** The secret, or undefined when the key or the label is wrong or the box was altered. */
export function unseal(privateKey: KeyObject, box: Sealed, aad: string): Buffer | undefined {
  try {
    const ephPub = Buffer.from(box.ephemeral, 'base64');
    const ephemeral = createPublicKey({ key: ephPub, format: 'der', type: 'spki' });
    const shared = diffieHellman({ privateKey, publicKey: ephemeral });
    const key = keyFor(shared, ephPub, spki(createPublicKey(privateKey)));
    shared.fill(0);
    const d = createDecipheriv('aes-256-gcm', key, Buffer.from(box.iv, 'base64'), { authTagLength: 16 });
    d.setAAD(Buffer.from(aad, 'utf8'));
    d.setAuthTag(Buffer.from(box.tag, 'base64'));
    const out = Buffer.concat([d.update(Buffer.from(box.data, 'base64')), d.final()]);
    key.fill(0);
    return out;
  } catch {
    return undefined;
  }
}
