/**
 * Wraps the database key with a key-encryption key (AES-256-GCM). The additional data binds a
 * wrapped key to its slot, so a slot copied under another officer's code does not open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface WrappedKey {
  alg: 'aes-256-gcm';
  iv: string;
  tag: string;
  data: string;
}

export function wrapKey(kek: Buffer, key: Buffer, aad: string): WrappedKey {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', kek, iv, { authTagLength: 16 });
  c.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([c.update(key), c.final()]);
  return { alg: 'aes-256-gcm', iv: iv.toString('base64'), tag: c.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** The key, or undefined when the KEK is wrong (GCM authentication fails) or the slot was altered. */
export function unwrapKey(kek: Buffer, w: WrappedKey, aad: string): Buffer | undefined {
  try {
    // a fixed tag length: a keyring edited to a truncated tag must not lower the forgery bar
    const d = createDecipheriv('aes-256-gcm', kek, Buffer.from(w.iv, 'base64'), { authTagLength: 16 });
    d.setAAD(Buffer.from(aad, 'utf8'));
    d.setAuthTag(Buffer.from(w.tag, 'base64'));
    return Buffer.concat([d.update(Buffer.from(w.data, 'base64')), d.final()]);
  } catch {
    return undefined;
  }
}
