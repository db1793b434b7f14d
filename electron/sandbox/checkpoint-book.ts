/**
 * The gateway's book of audit checkpoints (docs/gateway-protocol.md, "Audit checkpoints"), per
 * workstation store, with the Ed25519 key that signs its receipts. A checkpoint is taken only
 * forward: never below the last one held for the store, never with another head for a sequence
 * number already acknowledged, so a rewritten chain cannot be re-anchored. With a state folder the
 * key and the book are kept there as JSON (written atomically: a temporary file renamed over the
 * old one) and survive a restart; they hold ids, sequence numbers and hashes, no personal data.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import {
  publishedKey, signReceipt, type CheckpointInput, type GatewayKey, type SignedReceipt,
} from '../gateway/checkpoint-receipt';

export const KEY_FILE = 'gateway-key.json';
export const BOOK_FILE = 'checkpoints.json';

interface KeyFile {
  version: 1;
  alg: 'Ed25519';
  /** PKCS #8 PEM */
  privateKey: string;
  createdAt: string;
}

interface StoreBook {
  station: string;
  checkpoints: SignedReceipt[];
}

interface BookFile {
  version: 1;
  stores: Record<string, StoreBook>;
}

export type CheckpointRefusal = 'SEQ_BEHIND' | 'HEAD_MISMATCH' | 'OTHER_STATION';

export type AcceptResult =
  | { ok: true; created: boolean; signed: SignedReceipt }
  | { ok: false; reason: CheckpointRefusal; message: string; last?: { seq: number; head: string } };

/** Writes the file whole or not at all: a crash leaves the old one or the new one. */
function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

function readJson<T>(file: string): T | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
}

export class CheckpointBook {
  readonly key: GatewayKey;
  private readonly privateKey: KeyObject;
  private readonly stores = new Map<string, StoreBook>();

  private constructor(private readonly dir: string | undefined, privateKey: KeyObject, stores: Record<string, StoreBook>) {
    this.privateKey = privateKey;
    this.key = publishedKey(createPublicKey(privateKey));
    for (const [id, b] of Object.entries(stores)) this.stores.set(id, b);
  }

  /** The book kept in `dir` (created with a new key pair when missing), or one in memory only. */
  static open(dir: string | undefined, now: () => Date = () => new Date()): CheckpointBook {
    if (!dir) return new CheckpointBook(undefined, generateKeyPairSync('ed25519').privateKey, {});
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const keyPath = path.join(dir, KEY_FILE);
    let kf = readJson<KeyFile>(keyPath);
    if (!kf) {
      const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      kf = { version: 1, alg: 'Ed25519', privateKey: pem, createdAt: now().toISOString() };
      writeAtomically(keyPath, JSON.stringify(kf, null, 2));
    }
    const book = readJson<BookFile>(path.join(dir, BOOK_FILE));
    return new CheckpointBook(dir, createPrivateKey(kf.privateKey), book?.stores ?? {});
  }

  /** What the book holds for a store, oldest first; undefined when the store belongs to another station. */
  list(storeId: string, station: string): SignedReceipt[] | undefined {
    const b = this.stores.get(storeId);
    if (b && b.station !== station) return undefined;
    return [...(b?.checkpoints ?? [])];
  }

  accept(station: string, input: CheckpointInput, receivedAt: Date): AcceptResult {
    const b = this.stores.get(input.storeId) ?? { station, checkpoints: [] };
    if (b.station !== station) return { ok: false, reason: 'OTHER_STATION', message: `store ${input.storeId} is anchored by another station` };
    const same = b.checkpoints.find((c) => c.receipt.seq === input.seq);
    if (same) {
      if (same.receipt.head === input.head) return { ok: true, created: false, signed: same };
      return {
        ok: false, reason: 'HEAD_MISMATCH', message: `seq ${input.seq} was acknowledged with another head`,
        last: { seq: same.receipt.seq, head: same.receipt.head },
      };
    }
    const last = b.checkpoints.at(-1)?.receipt;
    if (last && input.seq < last.seq) {
      return { ok: false, reason: 'SEQ_BEHIND', message: `seq ${input.seq} is below the last checkpoint ${last.seq}`, last: { seq: last.seq, head: last.head } };
    }
    const signed = signReceipt(this.privateKey, this.key.keyId, { ...input, receivedAt: receivedAt.toISOString(), station });
    b.checkpoints.push(signed);
    this.stores.set(input.storeId, b);
    this.save();
    return { ok: true, created: true, signed };
  }

  private save(): void {
    if (!this.dir) return;
    const file: BookFile = { version: 1, stores: Object.fromEntries(this.stores) };
    writeAtomically(path.join(this.dir, BOOK_FILE), JSON.stringify(file));
  }
}
