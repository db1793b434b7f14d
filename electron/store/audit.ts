/**
 * The audit log: who queried whom, for which case, on which legal basis, and when. Append-only
 * (SQLite triggers refuse UPDATE and DELETE) and hash-chained: each entry's hash is
 * sha256(prevHash + canonicalJson(entry)), so an edited, removed or reordered entry breaks the
 * chain at its sequence number; checkpoints acknowledged by the gateway catch a chain re-hashed or
 * cut at its end (docs/audit.md). Subjects are references (party id, masked ID), never a name with
 * a full ID number: the log outlives the case and is exported as evidence (docs/domain.md, "The purpose":
 * query data serves only its case).
 */
import { createHash } from 'node:crypto';
import type { AuditEntry, Party } from '../../shared/domain/types';
import { maskId } from '../../shared/ids/subject-id';
import { maskIdentifiers } from '../log/redact';
import { canonicalJson } from '../../shared/canonical-json';
import type { Db } from './db';
import type { Connection } from './connection';
import type { Clock } from './clock';

export const GENESIS_HASH = '0'.repeat(64);
export const EXPORT_FORMAT = 'chakong-audit-export';

export interface AuditInput {
  /** officer code of who acted */
  officer: string;
  /** what was done, a stable code such as 'query.start', 'case.create', 'session.signIn' */
  action: string;
  caseId?: string;
  caseNumber?: string;
  /** a reference to whom it concerned: use auditSubject(party) */
  subject?: string;
  /** e.g. '民事诉讼法第253条；查扣冻规定第1条' */
  legalBasis?: string;
  detail?: Record<string, unknown>;
}

/** The fields the hash covers, exactly as stored. */
export interface HashedFields {
  seq: number;
  at: string;
  officer: string;
  action: string;
  caseId?: string;
  caseNumber?: string;
  subject?: string;
  legalBasis?: string;
  detail: string;
}

interface AuditRow {
  seq: number; at: string; officer: string; action: string; case_id: string | null; case_number: string | null;
  subject: string | null; legal_basis: string | null; detail: string; prev_hash: string; hash: string;
}

export interface VerifyReport {
  ok: boolean;
  entries: number;
  /** sequence number of the first entry that does not fit the chain */
  brokenAt?: number;
}

/** What kind of break the walk found first (docs/audit.md, "Problems"). */
export interface ChainFault {
  code: 'EDITED' | 'REMOVED' | 'REORDERED' | 'REHASHED';
  /** the entry concerned: the edited, missing or displaced one; for REHASHED the re-hashed one */
  seq: number;
}

export interface ChainInspection extends VerifyReport {
  /** the highest sequence number held (0 for an empty log) */
  lastSeq: number;
  fault?: ChainFault;
}

/** The subject reference for a party: its id and masked ID number, never the name. */
export function auditSubject(p: Pick<Party, 'id' | 'idNumber'>): string {
  return `party:${p.id} id:${maskId(p.idNumber)}`;
}

export function entryHash(prevHash: string, f: HashedFields): string {
  return createHash('sha256').update(prevHash + canonicalJson(f)).digest('hex');
}

/** Masks ID and account numbers in every string of a detail object (names are the caller's duty). */
function maskDeep(v: unknown): unknown {
  if (typeof v === 'string') return maskIdentifiers(v);
  if (Array.isArray(v)) return v.map(maskDeep);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, maskDeep(x)]));
  return v;
}

function opt(v: string | null | undefined): string | undefined {
  return v === null || v === undefined || v === '' ? undefined : v;
}

function fieldsOf(r: AuditRow): HashedFields {
  return {
    seq: r.seq, at: r.at, officer: r.officer, action: r.action, caseId: opt(r.case_id), caseNumber: opt(r.case_number),
    subject: opt(r.subject), legalBasis: opt(r.legal_basis), detail: r.detail,
  };
}

function toEntry(r: AuditRow): AuditEntry {
  const e: AuditEntry = { seq: r.seq, at: r.at, officer: r.officer, action: r.action, detail: r.detail, hash: r.hash };
  if (r.case_number) e.caseNumber = r.case_number;
  if (r.subject) e.subject = r.subject;
  if (r.legal_basis) e.legalBasis = r.legal_basis;
  return e;
}

/** Walks entries in order and reports the first that breaks the chain. Shared by verify() and verifyExport(). */
function walkChain(rows: Iterable<{ fields: HashedFields; prevHash: string; hash: string }>): VerifyReport {
  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  let entries = 0;
  for (const r of rows) {
    entries++;
    // a gap in the sequence means an entry was removed: the chain breaks at the missing number
    if (r.fields.seq !== expectedSeq) return { ok: false, entries, brokenAt: expectedSeq };
    if (r.prevHash !== prev || entryHash(prev, r.fields) !== r.hash) return { ok: false, entries, brokenAt: r.fields.seq };
    prev = r.hash;
    expectedSeq++;
  }
  return { ok: true, entries };
}

export class AuditLog {
  private readonly listeners = new Set<(e: AuditEntry) => void>();

  constructor(
    private readonly conn: Connection,
    private readonly clock: Clock,
  ) {}

  /** Called after each append (the audit anchor starts its countdown); returns the unsubscribe. */
  onAppend(fn: (e: AuditEntry) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private get db(): Db {
    return this.conn.db;
  }

  append(input: AuditInput): AuditEntry {
    const entry = this.insert(input);
    for (const fn of this.listeners) {
      try {
        fn(entry);
      } catch {
        // a listener's failure is not the appender's
      }
    }
    return entry;
  }

  private insert(input: AuditInput): AuditEntry {
    return this.db.transaction((): AuditEntry => {
      const last = this.db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get();
      const fields: HashedFields = {
        seq: (last?.seq ?? 0) + 1,
        at: this.clock().toISOString(),
        officer: input.officer,
        action: input.action,
        caseId: opt(input.caseId),
        caseNumber: opt(input.caseNumber),
        subject: input.subject === undefined ? undefined : opt(maskIdentifiers(input.subject)),
        legalBasis: opt(input.legalBasis),
        detail: canonicalJson(maskDeep(input.detail ?? {})),
      };
      const prevHash = last?.hash ?? GENESIS_HASH;
      const hash = entryHash(prevHash, fields);
      this.db.prepare(
        `INSERT INTO audit_log (seq, at, officer, action, case_id, case_number, subject, legal_basis, detail, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(fields.seq, fields.at, fields.officer, fields.action, fields.caseId ?? null, fields.caseNumber ?? null,
        fields.subject ?? null, fields.legalBasis ?? null, fields.detail, prevHash, hash);
      return toEntry({
        seq: fields.seq, at: fields.at, officer: fields.officer, action: fields.action, case_id: fields.caseId ?? null,
        case_number: fields.caseNumber ?? null, subject: fields.subject ?? null, legal_basis: fields.legalBasis ?? null,
        detail: fields.detail, prev_hash: prevHash, hash,
      });
    }).immediate();
  }

  /** Newest first; by case, by officer and by action (each optional), a page from offset. */
  list(q: { caseId?: string; officer?: string; action?: string; limit?: number; offset?: number } = {}): AuditEntry[] {
    const limit = Math.min(Math.max(q.limit ?? 100, 1), 10_000);
    const where: string[] = [];
    const params: Record<string, string | number> = { limit, offset: Math.max(q.offset ?? 0, 0) };
    if (q.caseId) {
      where.push('case_id = @caseId');
      params.caseId = q.caseId;
    }
    if (q.officer) {
      where.push('officer = @officer');
      params.officer = q.officer;
    }
    if (q.action) {
      // an action and its sub-actions: 'measure.deduct' matches 'measure.deduct.executed'
      where.push("(action = @action OR action LIKE @prefix ESCAPE '\\')");
      params.action = q.action;
      params.prefix = `${q.action.replace(/[\\%_]/g, (c) => `\\${c}`)}.%`;
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    return this.db.prepare<[Record<string, string | number>], AuditRow>(`SELECT * FROM audit_log ${w} ORDER BY seq DESC LIMIT @limit OFFSET @offset`).all(params).map(toEntry);
  }

  verify(): VerifyReport {
    const rows = this.db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY seq').iterate();
    const report = walkChain((function* () {
      for (const r of rows) yield { fields: fieldsOf(r), prevHash: r.prev_hash, hash: r.hash };
    })());
    // walkChain may stop early: count every entry, not only those walked
    return { ...report, entries: this.count() };
  }

  count(): number {
    return this.db.prepare<[], number>('SELECT count(*) FROM audit_log').pluck().get() ?? 0;
  }

  /** The newest entry's sequence number and hash: what a checkpoint anchors. */
  head(): { seq: number; hash: string } | undefined {
    return this.db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get();
  }

  hashAt(seq: number): string | undefined {
    return this.db.prepare<[number], string>('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(seq);
  }

  /**
   * The first and last sequence numbers of one case's entries (by its id, or by its number where an
   * entry names only that, as an approval decided at the gateway does); undefined when it has none.
   */
  caseSpan(caseId: string, caseNumber: string): { first: number; last: number } | undefined {
    const r = this.db.prepare<[string, string], { first: number | null; last: number | null }>(
      'SELECT min(seq) AS first, max(seq) AS last FROM audit_log WHERE case_id = ? OR case_number = ?',
    ).get(caseId, caseNumber);
    return r?.first != null && r.last != null ? { first: r.first, last: r.last } : undefined;
  }

  /** Entries from..through in order, each with its link: the part of the chain an evidence package holds. */
  chainRange(from: number, through: number): { fields: HashedFields; prevHash: string; hash: string }[] {
    return this.db.prepare<[number, number], AuditRow>('SELECT * FROM audit_log WHERE seq BETWEEN ? AND ? ORDER BY seq').all(from, through)
      .map((r) => ({ fields: fieldsOf(r), prevHash: r.prev_hash, hash: r.hash }));
  }

  /** verify(), and what kind of break it found first. */
  inspect(): ChainInspection {
    const report = this.verify();
    const lastSeq = this.head()?.seq ?? 0;
    if (report.ok || report.brokenAt === undefined) return { ...report, lastSeq };
    return { ...report, lastSeq, fault: this.classify(report.brokenAt) };
  }

  /**
   * Why the entry at `at` does not fit: missing (REMOVED); linked to a hash another stored entry
   * carries, or holding content that fits another place in the chain (REORDERED); whole in itself
   * but not linked to the entry before, which was then given a new hash (REHASHED, that entry);
   * otherwise its content no longer matches its hash (EDITED).
   */
  private classify(at: number): ChainFault {
    const row = this.db.prepare<[number], AuditRow>('SELECT * FROM audit_log WHERE seq = ?').get(at);
    if (!row) return { code: 'REMOVED', seq: at };
    const prev = at === 1 ? GENESIS_HASH : this.hashAt(at - 1);
    const fields = fieldsOf(row);
    const whole = entryHash(row.prev_hash, fields) === row.hash;
    if (row.prev_hash !== prev) {
      const elsewhere = this.db.prepare<[string, number], number>('SELECT seq FROM audit_log WHERE hash = ? AND seq <> ?').pluck().get(row.prev_hash, at - 1);
      if (elsewhere !== undefined) return { code: 'REORDERED', seq: at };
      if (whole && at > 1) return { code: 'REHASHED', seq: at - 1 };
      return { code: 'EDITED', seq: at };
    }
    return this.fitsElsewhere(row, fields) ? { code: 'REORDERED', seq: at } : { code: 'EDITED', seq: at };
  }

  /** Whether this entry's content, put at another sequence number, gives that place's stored hash. */
  private fitsElsewhere(row: AuditRow, fields: HashedFields): boolean {
    const others = this.db.prepare<[number], { seq: number; prev_hash: string; hash: string }>('SELECT seq, prev_hash, hash FROM audit_log WHERE seq <> ?').iterate(row.seq);
    for (const o of others) if (entryHash(o.prev_hash, { ...fields, seq: o.seq }) === o.hash) return true;
    return false;
  }

  /**
   * The whole chain as JSON lines: a header, then one line per entry with prevHash and hash, so a
   * court or an auditor can re-verify it without this program (see verifyExport).
   */
  exportEvidence(): string {
    const rows = this.db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY seq').all();
    const header = {
      format: EXPORT_FORMAT,
      version: 1,
      exportedAt: this.clock().toISOString(),
      entries: rows.length,
      genesis: GENESIS_HASH,
      head: rows.at(-1)?.hash ?? GENESIS_HASH,
      rule: 'hash = sha256(prevHash + canonicalJson({seq, at, officer, action, caseId?, caseNumber?, subject?, legalBasis?, detail}))',
    };
    const lines = rows.map((r) => JSON.stringify({ ...fieldsOf(r), prevHash: r.prev_hash, hash: r.hash }));
    return `${[JSON.stringify(header), ...lines].join('\n')}\n`;
  }
}

/** Re-verifies an export made by exportEvidence, line by line. */
export function verifyExport(jsonl: string): VerifyReport {
  const [head, ...lines] = jsonl.split('\n').filter((l) => l.trim() !== '');
  const header = head ? (JSON.parse(head) as { format?: string; head?: string }) : undefined;
  if (header?.format !== EXPORT_FORMAT) return { ok: false, entries: 0, brokenAt: 0 };
  const parsed = lines.map((l) => {
    const o = JSON.parse(l) as HashedFields & { prevHash: string; hash: string };
    const { prevHash, hash, ...fields } = o;
    return { fields, prevHash, hash };
  });
  const report = walkChain(parsed);
  if (report.ok && (parsed.at(-1)?.hash ?? GENESIS_HASH) !== header.head) {
    // entries cut off the end: the header's head hash no longer matches the last line
    return { ok: false, entries: parsed.length, brokenAt: parsed.length + 1 };
  }
  return { ...report, entries: parsed.length };
}
