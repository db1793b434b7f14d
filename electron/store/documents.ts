/**
 * Rulings and assistance notices. The PDF (which names the debtor and the account) and the
 * structured content the app renders it from are kept only inside the encrypted database, never
 * as files. Numbering: one sequence per case across all its documents, printed as the case
 * number with 之一, 之二 … (shared/documents/numbering.ts; see migration 2). A document is
 * evidence: once saved it is never changed. It is linked to the measures it covers (migration 12):
 * a ruling to every measure of its decision, a notice to every measure sent to its agency.
 */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../shared/app-failure';
import { documentNumber } from '../../shared/documents/numbering';
import type { DocumentRef, DocumentType, DocumentVoid, MeasureKind } from '../../shared/domain/measures';
import type { AuditLog } from './audit';
import type { Clock } from './clock';
import type { Connection } from './connection';
import { cachedStatement, type Db } from './db';
import { documentLegalBasis, measureKindOfDocument } from './legal-basis';
import { sha256Hex } from './requests';
import { caseNumberOf } from './case-ref';

export interface NewDocument {
  caseId: string;
  type: DocumentType;
  /** the rendered PDF */
  pdf: Uint8Array;
  /** the structured content it was rendered from (JSON-serialisable) */
  content: unknown;
  /** officer code */
  createdBy: string;
  /** the number printed on it, from nextNumber(); checked to be still the next one */
  number?: string;
  /** attach at once to this measure */
  measureId?: string;
  /** defaults to a new UUID */
  id?: string;
}

export interface StoredDocument extends DocumentRef {
  caseId: string;
  /** the first measure it was attached to */
  measureId?: string;
  /** every measure it covers, in the order they were attached */
  measureIds: string[];
  court: string;
  /** position in the case's document sequence (之一 = 1) */
  seq: number;
  createdBy: string;
}

interface DocumentRow {
  id: string; case_id: string; measure_ids: string; type: DocumentType; court: string; seq: number;
  number: string; sha256: string; created_at: string; created_by: string; void_reason: string | null; voided_at: string | null;
}

/** the document's columns, its measures (migration 12) and its voiding where there is one (migration 7) */
const COLUMNS = `id, case_id, type, court, seq, number, sha256, created_at, created_by,
  (SELECT json_group_array(measure_id) FROM (SELECT measure_id FROM document_measures l WHERE l.document_id = documents.id ORDER BY l.rowid)) AS measure_ids,
  (SELECT reason FROM document_voids v WHERE v.document_id = documents.id) AS void_reason,
  (SELECT voided_at FROM document_voids v WHERE v.document_id = documents.id) AS voided_at`;

const toDoc = (r: DocumentRow): StoredDocument => {
  const measureIds = JSON.parse(r.measure_ids) as string[];
  const d: StoredDocument = {
    id: r.id, caseId: r.case_id, type: r.type, court: r.court, seq: r.seq, number: r.number, sha256: r.sha256,
    createdAt: r.created_at, createdBy: r.created_by, measureIds,
  };
  if (measureIds[0] !== undefined) d.measureId = measureIds[0];
  if (r.void_reason !== null && r.voided_at !== null) d.voided = { reason: r.void_reason, at: r.voided_at };
  return d;
};

export const toRef = (d: Pick<StoredDocument, 'id' | 'type' | 'number' | 'sha256' | 'createdAt' | 'voided'>): DocumentRef =>
  ({ id: d.id, type: d.type, number: d.number, sha256: d.sha256, createdAt: d.createdAt, ...(d.voided ? { voided: { ...d.voided } } : {}) });

const documentRow = (db: Db, id: string) => db.prepare<[string], DocumentRow>(`SELECT ${COLUMNS} FROM documents WHERE id = ?`).get(id);

/**
 * Attaches stored documents to a measure (caller holds the transaction). Each must belong to the
 * measure's case and kind, and not be 作废; a ref given with the measure must match what is
 * stored (same number and digest). A document already covering other measures may cover this one
 * too only when they are all of one decision (a ruling lists its decision's items, a notice its
 * agency's share of them); otherwise it carries another measure and is refused.
 */
export function attachDocuments(
  db: Db, measure: { id: string; caseId: string; kind: MeasureKind; decisionId?: string }, refs: readonly (Pick<DocumentRef, 'id'> & Partial<DocumentRef>)[],
): void {
  for (const ref of refs) {
    const r = documentRow(db, ref.id);
    if (!r) throw new AppFailure('NOT_FOUND', { zh: `文书 ${ref.id} 不存在`, en: `no document ${ref.id}` });
    if ((ref.sha256 !== undefined && ref.sha256 !== r.sha256) || (ref.number !== undefined && ref.number !== r.number)) {
      throw new AppFailure('VALIDATION', { zh: `文书 ${r.number} 与存档不一致`, en: `document ${r.number} does not match the stored one` });
    }
    if (r.case_id !== measure.caseId) {
      throw new AppFailure('VALIDATION', { zh: `文书 ${r.number} 不属于本案`, en: `document ${r.number} belongs to another case` });
    }
    if (measureKindOfDocument(r.type) !== measure.kind) {
      throw new AppFailure('VALIDATION', { zh: `${r.type}不能用于该措施`, en: `a ${r.type} cannot carry this measure` });
    }
    const linked = JSON.parse(r.measure_ids) as string[];
    if (linked.includes(measure.id)) continue;
    if (r.void_reason !== null) {
      throw new AppFailure('VALIDATION', { zh: `文书 ${r.number} 已作废，不能再用于措施`, en: `document ${r.number} is void and cannot carry a measure` });
    }
    if (linked.length > 0) {
      const decisions = db.prepare<[string], string | null>(
        'SELECT DISTINCT m.decision_id FROM document_measures l JOIN measures m ON m.id = l.measure_id WHERE l.document_id = ?',
      ).pluck().all(r.id);
      if (measure.decisionId === undefined || decisions.some((x) => x !== measure.decisionId)) {
        throw new AppFailure('VALIDATION', { zh: `文书 ${r.number} 已用于其他措施`, en: `document ${r.number} already carries another measure` });
      }
    }
    const position = (db.prepare<[string], number | null>('SELECT max(position) FROM document_measures WHERE measure_id = ?').pluck().get(measure.id) ?? 0) + 1;
    db.prepare('INSERT INTO document_measures (document_id, measure_id, position) VALUES (?, ?, ?)').run(r.id, measure.id, position);
  }
}

const OF_MEASURE = `SELECT ${COLUMNS} FROM documents JOIN document_measures l ON l.document_id = documents.id WHERE l.measure_id = ? ORDER BY l.position`;

/** What a measure's refs need of its documents: no list of the other measures each covers. */
const REFS_OF_MEASURE = `SELECT d.id, d.type, d.number, d.sha256, d.created_at, v.reason AS void_reason, v.voided_at
  FROM document_measures l JOIN documents d ON d.id = l.document_id LEFT JOIN document_voids v ON v.document_id = d.id
  WHERE l.measure_id = ? ORDER BY l.position`;
type RefRow = Pick<DocumentRow, 'id' | 'type' | 'number' | 'sha256' | 'created_at' | 'void_reason' | 'voided_at'>;

/** The documents a measure carries, in the order they were attached (read for every measure row). */
export function documentsOfMeasure(db: Db, measureId: string): DocumentRef[] {
  return cachedStatement<[string], RefRow>(db, REFS_OF_MEASURE).all(measureId).map((r) => toRef({
    id: r.id, type: r.type, number: r.number, sha256: r.sha256, createdAt: r.created_at,
    ...(r.void_reason !== null && r.voided_at !== null ? { voided: { reason: r.void_reason, at: r.voided_at } } : {}),
  }));
}

/** The documents a measure carries, with every measure each covers. */
export function storedDocumentsOfMeasure(db: Db, measureId: string): StoredDocument[] {
  return db.prepare<[string], DocumentRow>(OF_MEASURE).all(measureId).map(toDoc);
}

/**
 * Marks a document 作废 (docs/documents.md), with the reason and the time, and audits it (caller
 * holds the transaction: the refusal and the voiding are one write). `measure` is the one whose
 * failure left none of the document's items standing. A document already voided stays as it was.
 */
export function voidDocument(
  db: Db, audit: AuditLog, doc: StoredDocument, measure: { id: string; caseId: string; decidedBy: string }, why: DocumentVoid, by: string,
): DocumentRef | undefined {
  if (doc.voided) return undefined;
  const caseNumber = caseNumberOf(db, measure.caseId);
  db.prepare('INSERT INTO document_voids (document_id, measure_id, reason, voided_at, voided_by) VALUES (?, ?, ?, ?, ?)')
    .run(doc.id, measure.id, why.reason, why.at, by);
  audit.append({
    officer: by === 'system' ? measure.decidedBy : by, action: 'document.voided', caseId: measure.caseId, caseNumber,
    legalBasis: documentLegalBasis(doc.type),
    detail: {
      documentId: doc.id, type: doc.type, number: doc.number, sha256: doc.sha256, measureId: measure.id,
      ...(doc.measureIds.length > 1 ? { measureIds: doc.measureIds } : {}), reason: why.reason, ...(by === 'system' ? { via: 'system' } : {}),
    },
  });
  return toRef({ ...doc, voided: why });
}

export class DocumentRepo {
  constructor(
    private readonly conn: Connection,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  private get db(): Db {
    return this.conn.db;
  }

  private caseOf(caseId: string): { number: string; court: string } {
    const c = this.db.prepare<[string], { number: string; court: string }>('SELECT number, court FROM cases WHERE id = ?').get(caseId);
    if (!c) throw new AppFailure('NOT_FOUND', { zh: '案件不存在', en: 'no such case' });
    return c;
  }

  /** The number the next document of this case will carry, to print on it. */
  nextNumber(caseId: string): { seq: number; number: string } {
    const c = this.caseOf(caseId);
    const last = this.db.prepare<[string], number | null>('SELECT max(seq) FROM documents WHERE case_id = ?').pluck().get(caseId) ?? 0;
    return { seq: last + 1, number: documentNumber(c.number, last + 1) };
  }

  /**
   * Stores a generated document with its SHA-256, numbers it (or checks the number printed on it
   * is still the next), attaches it to its measure when given, and audits the generation — all in
   * one transaction.
   */
  save(d: NewDocument): StoredDocument {
    if (!(d.pdf instanceof Uint8Array) || d.pdf.length === 0) throw new AppFailure('VALIDATION', { zh: '文书内容为空', en: 'the document is empty' }, 'pdf');
    const content = JSON.stringify(d.content ?? null);
    const pdf = Buffer.from(d.pdf.buffer, d.pdf.byteOffset, d.pdf.byteLength);
    const id = d.id ?? randomUUID();
    return this.db.transaction((): StoredDocument => {
      const c = this.caseOf(d.caseId);
      const next = this.nextNumber(d.caseId);
      if (d.number !== undefined && d.number !== next.number) {
        throw new AppFailure('VALIDATION', { zh: `文书编号应为 ${next.number}`, en: `the document number should be ${next.number}` }, 'number');
      }
      const at = this.clock().toISOString();
      const sha256 = sha256Hex(pdf);
      this.db.prepare(
        `INSERT INTO documents (id, case_id, type, court, seq, number, sha256, pdf, content, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, d.caseId, d.type, c.court, next.seq, next.number, sha256, pdf, content, at, d.createdBy);
      if (d.measureId !== undefined) this.attachTo(id, d.measureId);
      this.audit.append({
        officer: d.createdBy, action: 'document.generate', caseId: d.caseId, caseNumber: c.number,
        legalBasis: documentLegalBasis(d.type),
        detail: { documentId: id, type: d.type, number: next.number, sha256, measureId: d.measureId },
      });
      return this.get(id)!;
    }).immediate();
  }

  get(id: string): StoredDocument | undefined {
    const r = documentRow(this.db, id);
    return r ? toDoc(r) : undefined;
  }

  /** The PDF bytes, for display or printing (they leave the database only in memory). */
  pdf(id: string): Buffer | undefined {
    return this.db.prepare<[string], Buffer>('SELECT pdf FROM documents WHERE id = ?').pluck().get(id);
  }

  /** The structured content the document was rendered from. */
  content(id: string): unknown {
    const raw = this.db.prepare<[string], string>('SELECT content FROM documents WHERE id = ?').pluck().get(id);
    return raw === undefined ? undefined : (JSON.parse(raw) as unknown);
  }

  /** Oldest first. */
  listForCase(caseId: string): StoredDocument[] {
    return this.db.prepare<[string], DocumentRow>(`SELECT ${COLUMNS} FROM documents WHERE case_id = ? ORDER BY created_at, rowid`).all(caseId).map(toDoc);
  }

  listForMeasure(measureId: string): DocumentRef[] {
    return documentsOfMeasure(this.db, measureId);
  }

  /** Attaches a document to a measure it covers (once; the same measure again is a no-op). */
  attach(documentId: string, measureId: string): StoredDocument {
    this.db.transaction(() => this.attachTo(documentId, measureId)).immediate();
    return this.get(documentId)!;
  }

  private attachTo(documentId: string, measureId: string): void {
    const m = this.db.prepare<[string], { id: string; case_id: string; kind: MeasureKind; decision_id: string | null }>(
      'SELECT id, case_id, kind, decision_id FROM measures WHERE id = ?').get(measureId);
    if (!m) throw new AppFailure('NOT_FOUND', { zh: '措施不存在', en: 'no such measure' });
    attachDocuments(this.db, { id: m.id, caseId: m.case_id, kind: m.kind, ...(m.decision_id !== null ? { decisionId: m.decision_id } : {}) }, [{ id: documentId }]);
  }
}
