/**
 * Audit checkpoint receipts (docs/gateway-protocol.md, "Audit checkpoints"; docs/audit.md): the
 * gateway signs, with an Ed25519 key of its own, the canonical JSON of
 * {storeId, seq, head, at, receivedAt, station}. The gateway signs, the workstation verifies; both
 * build the signed text here, so they cannot disagree on it.
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../../shared/canonical-json';

/** What the workstation sends: its store, the sequence number and hash of its newest entry, when. */
export interface CheckpointInput {
  storeId: string;
  seq: number;
  head: string;
  at: string;
}

/** What the gateway acknowledges: the checkpoint, when it received it, and from which station. */
export interface CheckpointReceipt extends CheckpointInput {
  receivedAt: string;
  station: string;
}

export interface SignedReceipt {
  receipt: CheckpointReceipt;
  /** base64 Ed25519 signature over receiptText(receipt) */
  signature: string;
  /** the signing key's id (keyIdOf) */
  keyId: string;
}

/** A gateway signing key as published by GET /gw/v1/keys. */
export interface GatewayKey {
  keyId: string;
  alg: 'Ed25519';
  /** base64 of the SubjectPublicKeyInfo DER */
  publicKey: string;
}

/** The exact text signed: the six fields only, keys sorted, no whitespace. */
export function receiptText(r: CheckpointReceipt): string {
  return canonicalJson({ storeId: r.storeId, seq: r.seq, head: r.head, at: r.at, receivedAt: r.receivedAt, station: r.station });
}

/** First 16 hex of the SHA-256 of the public key's DER: names the key in every receipt. */
export function keyIdOf(spkiDer: Buffer): string {
  return createHash('sha256').update(spkiDer).digest('hex').slice(0, 16);
}

export function publishedKey(publicKey: KeyObject): GatewayKey {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return { keyId: keyIdOf(der), alg: 'Ed25519', publicKey: der.toString('base64') };
}

export function signReceipt(privateKey: KeyObject, keyId: string, receipt: CheckpointReceipt): SignedReceipt {
  return { receipt, signature: sign(null, Buffer.from(receiptText(receipt)), privateKey).toString('base64'), keyId };
}

/** Whether the receipt was signed by this key; any malformed part is simply "no". */
export function verifyReceipt(key: GatewayKey, s: SignedReceipt): boolean {
  try {
    if (s.keyId !== key.keyId) return false;
    const pub = createPublicKey({ key: Buffer.from(key.publicKey, 'base64'), format: 'der', type: 'spki' });
    if (pub.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, Buffer.from(receiptText(s.receipt)), pub, Buffer.from(s.signature, 'base64'));
  } catch {
    return false;
  }
}

export function sameKey(a: GatewayKey, b: GatewayKey): boolean {
  return a.keyId === b.keyId && a.publicKey === b.publicKey && a.alg === b.alg;
}
