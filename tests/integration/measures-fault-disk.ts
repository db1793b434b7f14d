/**
 * The "disk" of the measures fault test: what survives a killed process. Either the in-memory
 * store (one object every process shares) or the real encrypted store (a SQLCipher file on disk:
 * the services write decisions through their own connection, and every process opens the same
 * file anew with its own connection, which a kill closes).
 *
 * The encrypted store only takes a measure on a debtor of its case and on an asset found for that
 * debtor, carrying stored documents (docs/gateway-protocol.md "Measures"); admit() and the
 * decision write put those rows in place the way a bank query and the document dialog would.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Measure } from '../../shared/domain/measures';
import type { MeasureStore } from '../../electron/engine/measure-store';
import { MemoryMeasureStore } from '../../electron/engine/measures/memory-measure-store';
import { openSecureStore, type SecureStore } from '../../electron/store';
import { openEncryptedDb, type Db } from '../../electron/store/db';
import { assetIdOf, caseIdOf, OFFICER, partyIdOf, type Target } from './engine-measures-kit';

/** one process's view of the disk: its store and how it is cut off */
export interface Opened {
  readonly store: MeasureStore;
  close(): void;
}

export interface Disk {
  readonly kind: 'memory' | 'sqlcipher';
  /** the services' own connection: decisions are written here */
  readonly store: MeasureStore;
  /** the case, the debtor and the account found for them, before a measure on them is decided */
  admit(t: Target, caseNumber: string): void;
  all(): Measure[];
  listOutbox(): Measure[];
  getMeasure(id: string): Measure | undefined;
  /** resolves once `test` holds for the measure as stored */
  until(id: string, test: (m: Measure) => boolean, ms: number): Promise<Measure>;
  /** a process wrote this measure (through its own connection) */
  written(m: Measure): void;
  /** a new process opens the store */
  open(): Opened;
  close(): void;
}

export class MemoryDisk implements Disk {
  readonly kind = 'memory';
  readonly store = new MemoryMeasureStore();
  admit(): void {}
  all(): Measure[] {
    return this.store.all();
  }
  listOutbox(): Measure[] {
    return this.store.listOutbox();
  }
  getMeasure(id: string): Measure | undefined {
    return this.store.getMeasure(id);
  }
  until(id: string, test: (m: Measure) => boolean, ms: number): Promise<Measure> {
    return this.store.until(id, test, ms);
  }
  written(): void {}
  open(): Opened {
    return { store: this.store, close: () => {} };
  }
  close(): void {}
}

/** more than any case here owes: the over-seizure cap (rule 1) is another test's matter */
const OWED = 1_000_000_000_000;
const AT = '2025-06-01T02:00:00.000Z';

export class SqlcipherDisk implements Disk {
  readonly kind = 'sqlcipher';
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-fault-'));
  readonly file = path.join(this.dir, 'store.db');
  readonly store: MeasureStore;
  /** connections opened by processes */
  opened = 0;
  private readonly services: SecureStore;
  private readonly seeder: Db;
  private readonly waiters = new Map<string, Set<(m: Measure) => void>>();

  constructor(private readonly key: Buffer) {
    this.services = openSecureStore({ file: this.file, key, create: true });
    // the bureau's approval of large deductions is the approvals test's matter
    this.services.settings.set('approvalThreshold', OWED, OFFICER.code);
    this.seeder = openEncryptedDb(this.file, key);
    const repo = this.services.measureStore;
    this.store = {
      insertMeasure: (m) => {
        this.seedDocuments(m);
        repo.insertMeasure(m);
        this.written(repo.getMeasure(m.id)!);
      },
      updateMeasure: (id, patch) => {
        const m = repo.updateMeasure(id, patch);
        this.written(m);
        return m;
      },
      getMeasure: (id) => repo.getMeasure(id),
      listOutbox: () => repo.listOutbox(),
    };
  }

  admit(t: Target, caseNumber: string): void {
    const caseId = caseIdOf(caseNumber);
    const partyId = partyIdOf(t.debtor.idNumber, caseNumber);
    const requestId = `query:${caseNumber}:${t.accountNo}`;
    const db = this.seeder;
    db.transaction(() => {
      db.prepare(`INSERT OR IGNORE INTO cases (id, number, court, type, filed_on, status, cause, amount_owed, costs, recovered, created_at, updated_at)
        VALUES (?, ?, '黔0103', '执', ?, 'open', ?, ?, 0, 0, ?, ?)`).run(caseId, caseNumber, t.case.filedOn, t.case.cause, OWED, AT, AT);
      db.prepare(`INSERT OR IGNORE INTO parties (id, case_id, position, role, kind, name, id_number)
        VALUES (?, ?, (SELECT coalesce(max(position), 0) + 1 FROM parties WHERE case_id = ?), 'debtor', ?, ?, ?)`)
        .run(partyId, caseId, caseId, t.debtor.kind, t.debtor.name, t.debtor.idNumber);
      db.prepare(`INSERT OR IGNORE INTO requests (id, case_id, party_id, channel, kind, state, attempts, polls, created_at, updated_at)
        VALUES (?, ?, ?, ?, 'query', 'answered', 1, 1, ?, ?)`).run(requestId, caseId, partyId, t.channel, AT, AT);
      db.prepare('INSERT OR IGNORE INTO feedback (request_id, raw, sha256, received_at) VALUES (?, ?, ?, ?)')
        .run(requestId, '{}', createHash('sha256').update('{}').digest('hex'), AT);
      db.prepare(`INSERT OR IGNORE INTO assets (id, case_id, party_id, request_id, position, channel, kind, institution, identifier, description, value, available, found_at)
        VALUES (?, ?, ?, ?, 0, ?, 'deposit', ?, ?, '活期存款', ?, ?, ?)`)
        .run(assetIdOf(t.accountNo, caseNumber), caseId, partyId, requestId, t.channel, t.channel, t.accountNo, t.balance, t.balance, AT);
    }).immediate();
  }

  /** the measure's two documents, stored as the document dialog stores them */
  private seedDocuments(m: Measure): void {
    const db = this.seeder;
    db.transaction(() => {
      for (const d of m.documents) {
        db.prepare(`INSERT OR IGNORE INTO documents (id, case_id, type, court, seq, number, sha256, pdf, content, created_at, created_by)
          VALUES (?, ?, ?, '黔0103', (SELECT coalesce(max(seq), 0) + 1 FROM documents WHERE case_id = ?), ?, ?, ?, '{}', ?, ?)`)
          .run(d.id, m.caseId, d.type, m.caseId, d.number, d.sha256, Buffer.from('%PDF-1.7'), d.createdAt, OFFICER.code);
      }
    }).immediate();
  }

  all(): Measure[] {
    return this.services.measures.list();
  }
  listOutbox(): Measure[] {
    return this.services.measureStore.listOutbox();
  }
  getMeasure(id: string): Measure | undefined {
    return this.services.measureStore.getMeasure(id);
  }

  until(id: string, test: (m: Measure) => boolean, ms: number): Promise<Measure> {
    const now = this.getMeasure(id);
    if (now && test(now)) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      let set = this.waiters.get(id);
      if (!set) this.waiters.set(id, (set = new Set()));
      const done = () => {
        clearTimeout(t);
        set.delete(check);
        if (set.size === 0) this.waiters.delete(id);
      };
      const check = (m: Measure) => {
        if (!test(m)) return;
        done();
        resolve(m);
      };
      set.add(check);
      const t = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for measure ${id} (state ${this.getMeasure(id)?.state ?? 'absent'})`));
      }, ms);
    });
  }

  written(m: Measure): void {
    for (const w of [...(this.waiters.get(m.id) ?? [])]) w(m);
  }

  open(): Opened {
    const s = openSecureStore({ file: this.file, key: this.key });
    this.opened += 1;
    return { store: s.measureStore, close: () => s.close() };
  }

  close(): void {
    this.seeder.close();
    this.services.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
