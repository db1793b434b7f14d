/**
 * Tells listeners of a write once it is on disk: at once outside a transaction; inside a caller's
 * transaction, once that committed — `kept` re-reads the row, so a rolled-back write tells nobody;
 * inside the writer's batch (writer.ts), once the batch committed.
 */
import type { Connection } from './connection';

export function afterCommit(conn: Connection, kept: () => boolean, tell: () => void): void {
  if (conn.isOpen && conn.writer.pending) {
    conn.writer.committed().then(() => {
      if (conn.isOpen && kept()) tell();
    }, () => undefined);
    return;
  }
  if (!conn.db.inTransaction) return tell();
  queueMicrotask(() => {
    if (conn.isOpen && kept()) tell();
  });
}
