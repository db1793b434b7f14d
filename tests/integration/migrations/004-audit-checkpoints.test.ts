/** Migration 4: the checkpoints the gateway acknowledged, and the store's own id in its book. */
import { describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/store/db';
import { migrate, MIGRATIONS, schemaVersion } from '../../../electron/store/migrations';
import { databasesAtVersion } from './migration-kit';

const v3db = databasesAtVersion(3);

const storeIdOf = (d: Db) => d.prepare<[], string>("SELECT value FROM meta WHERE key = 'storeId'").pluck().get();
const insert = (d: Db, seq: number) =>
  d.prepare("INSERT INTO audit_checkpoints (seq, head, at, receipt, signature, key_id, acknowledged_at) VALUES (?, ?, 't', '{}', 's', 'k', 't')").run(seq, 'a'.repeat(64));

describe('migration 4: audit checkpoints', () => {
  it('gives an existing store a random id of its own, keeps its other settings, and keeps the id when run again', () => {
    const d = v3db();
    d.prepare("INSERT INTO meta (key, value) VALUES ('createdAt', '2025-01-01')").run();
    migrate(d, MIGRATIONS.slice(0, 4));
    expect(schemaVersion(d)).toBe(4);
    const id = storeIdOf(d);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(d.prepare<[], string>("SELECT value FROM meta WHERE key = 'createdAt'").pluck().get()).toBe('2025-01-01');
    migrate(d, MIGRATIONS.slice(0, 4));
    expect(storeIdOf(d)).toBe(id);
    const other = v3db();
    migrate(other, MIGRATIONS.slice(0, 4));
    expect(storeIdOf(other)).not.toBe(id);
  });

  it('keeps the acknowledged checkpoints append-only, one per sequence number', () => {
    const d = v3db();
    migrate(d, MIGRATIONS.slice(0, 4));
    insert(d, 5);
    expect(() => insert(d, 5)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert(d, 0)).toThrow(/CHECK/);
    expect(() => d.prepare("UPDATE audit_checkpoints SET head = 'b' WHERE seq = 5").run()).toThrow(/append-only/);
    expect(() => d.prepare('DELETE FROM audit_checkpoints').run()).toThrow(/append-only/);
  });
});
