/**
 * Ed25519 over the exact bytes of a text, with public keys as base64 SPKI DER: how an officer
 * signs a decision or an approval and how the gateway checks it (docs/keys.md). Any malformed
 * part of a verification is simply "no".
 */
import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

export function signText(privateKey: KeyObject, text: string): string {
  return sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64');
}

export function verifyText(publicKeySpki: string, text: string, signature: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKeySpki, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ed25519' && verify(null, Buffer.from(text, 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
