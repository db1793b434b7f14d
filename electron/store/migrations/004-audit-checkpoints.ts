/**
 * Version 4: the audit chain anchored outside the workstation (docs/audit.md). Each checkpoint
 * the gateway acknowledged, with its signed receipt, and the store's own random id, which names
 * this store in the gateway's book of checkpoints.
 */
import type { Migration } from './migration';

const SQL = /* sql */ `
-- one row per checkpoint the gateway acknowledged: the entry's sequence number and hash (head),
-- when the workstation took it (at), the receipt exactly as the gateway signed it (canonical JSON),
-- the gateway's Ed25519 signature and key id, and when the receipt was verified and kept here.
-- Append-only, like the log it anchors.
CREATE TABLE audit_checkpoints (
  seq             INTEGER PRIMARY KEY CHECK (seq > 0),
  head            TEXT NOT NULL,
  at              TEXT NOT NULL,
  receipt         TEXT NOT NULL,
  signature       TEXT NOT NULL,
  key_id          TEXT NOT NULL,
  acknowledged_at TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN
  SELECT RAISE(ABORT, 'audit_checkpoints is append-only');
END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN
  SELECT RAISE(ABORT, 'audit_checkpoints is append-only');
END;

-- the store's id in the gateway's book: random, made once (a store created from now on gets it here)
INSERT OR IGNORE INTO meta (key, value) VALUES ('storeId', lower(hex(randomblob(16))));
`;

export const migration004: Migration = { version: 4, name: 'audit checkpoints acknowledged by the gateway', up: (db) => void db.exec(SQL) };
