/**
 * The checkpoints of the audit chain the gateway acknowledged (docs/audit.md), each with the
 * receipt it signed; the store's id in the gateway's book; and the gateway's public key, pinned
 * at the first contact. A receipt is kept only after its signature verified with that key.
 */
import { randomBytes } from 'node:crypto';
import type { GatewayKey, SignedReceipt } from '../gateway/checkpoint-receipt';
import { canonicalJson } from '../../shared/canonical-json';
import type { Connection } from './connection';
import type { Db } from './db';
import { MetaRepo } from './meta';

const STORE_ID = 'storeId';
const GATEWAY_KEY = 'audit.gatewayKey';

export interface StoredCheckpoint {
  seq: number;
  head: string;
  at: string;
  acknowledgedAt: string;
  /** the receipt as kept; its fields may disagree with seq and head if someone edited the row */
  signed: SignedReceipt;
}

interface Row {
  seq: number; head: string; at: string; receipt: string; signature: string; key_id: string; acknowledged_at: string;
}

function parseReceipt(text: string): SignedReceipt['receipt'] {
  try {
    return JSON.parse(text) as SignedReceipt['receipt'];
  } catch {
    // an unreadable receipt verifies as nothing
    return { storeId: '', seq: 0, head: '', at: '', receivedAt: '', station: '' };
  }
}

const toCheckpoint = (r: Row): StoredCheckpoint => ({
  seq: r.seq, head: r.head, at: r.at, acknowledgedAt: r.acknowledged_at,
  signed: { receipt: parseReceipt(r.receipt), signature: r.signature, keyId: r.key_id },
});

export class AuditCheckpointRepo {
  private readonly meta: MetaRepo;

  constructor(private readonly conn: Connection) {
    this.meta = new MetaRepo(conn);
  }

  private get db(): Db {
    return this.conn.db;
  }

  /** The store's random id; a store that has none yet gets one now. */
  storeId(): string {
    const have = this.meta.get(STORE_ID);
    if (have) return have;
    const id = randomBytes(16).toString('hex');
    this.meta.set(STORE_ID, id);
    return id;
  }

  pinnedKey(): GatewayKey | undefined {
    const v = this.meta.get(GATEWAY_KEY);
    return v ? (JSON.parse(v) as GatewayKey) : undefined;
  }

  /** Pins the gateway's key; only once: a later, different key is a problem, not a replacement. */
  pinKey(k: GatewayKey): void {
    if (this.pinnedKey()) return;
    this.meta.set(GATEWAY_KEY, JSON.stringify({ keyId: k.keyId, alg: k.alg, publicKey: k.publicKey }));
  }

  add(s: SignedReceipt, acknowledgedAt: Date): void {
    const r = s.receipt;
    this.db.prepare(
      `INSERT INTO audit_checkpoints (seq, head, at, receipt, signature, key_id, acknowledged_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (seq) DO NOTHING`,
    ).run(r.seq, r.head, r.at, canonicalJson(r), s.signature, s.keyId, acknowledgedAt.toISOString());
  }

  last(): StoredCheckpoint | undefined {
    const r = this.db.prepare<[], Row>('SELECT * FROM audit_checkpoints ORDER BY seq DESC LIMIT 1').get();
    return r ? toCheckpoint(r) : undefined;
  }

  /** Oldest first. */
  list(): StoredCheckpoint[] {
    return this.db.prepare<[], Row>('SELECT * FROM audit_checkpoints ORDER BY seq').all().map(toCheckpoint);
  }
}
