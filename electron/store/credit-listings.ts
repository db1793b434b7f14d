/**
 * The dishonest listings of a case's debtors (docs/domain.md rule 8): drafted, proposed by the judge
 * with his signature over the exchange it will send, approved or refused by a chief or the director,
 * removed; the removal with its due day; and the credit steps (security, correction, commitment,
 * repair, grace). Each change is audited in its own write. The rules live in shared/rules/listing.ts.
 */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../shared/app-failure';
import type { CreditListing, CreditRemoval, CreditStep, CreditStepKind, EvidenceRef, ListingState } from '../../shared/domain/listing';
import { LEGAL_BASIS } from '../../shared/legal/basis';
import type { ExtensionReason, ListingGround, RemovalGround } from '../../shared/rules/listing';
import type { AuditLog } from './audit';
import type { Clock } from './clock';
import type { Connection } from './connection';
import type { Db } from './db';
import { existingCaseNumber } from './case-ref';
import { DecisionRows } from './decision-rows';
import type { SignedExchangeDraft } from './exchange-draft';

interface ListingRow {
  id: string; case_id: string; party_id: string; subject_name: string; subject_id_number: string; subject_kind: string; ground: number;
  evidence: string; extension: string | null; state: string; drafted_by: string; proposed_by: string | null; proposed_at: string | null;
  decision_signature: string | null; exchange_id: string | null; exchange_payload: string | null; approved_by: string | null; approved_at: string | null;
  refused_reason: string | null; listed_on: string | null; ends_on: string | null; period_years: number | null; decision_document_id: string | null;
  created_at: string; updated_at: string;
}
interface RemovalRow {
  id: string; listing_id: string; case_id: string; ground: string; fact_on: string; due_on: string; proposed_at: string;
  confirmed_by: string | null; confirmed_at: string | null; document_id: string | null;
}
interface StepRow {
  id: string; case_id: string; party_id: string; listing_id: string | null; kind: string; on_date: string; text: string; granted: number | null;
  until_on: string | null; document_id: string | null; recorded_by: string; recorded_at: string;
}

const opt = <K extends string, V>(k: K, v: V | null): { [P in K]?: V } => (v === null ? {} : ({ [k]: v } as { [P in K]: V }));

const toListing = (r: ListingRow): CreditListing => ({
  id: r.id, caseId: r.case_id, partyId: r.party_id, subject: { name: r.subject_name, idNumber: r.subject_id_number, kind: r.subject_kind as 'person' | 'company' },
  ground: r.ground as ListingGround, evidence: JSON.parse(r.evidence) as CreditListing['evidence'], state: r.state as ListingState, draftedBy: r.drafted_by,
  ...(r.extension ? { extension: JSON.parse(r.extension) as NonNullable<CreditListing['extension']> } : {}),
  ...opt('proposedBy', r.proposed_by), ...opt('proposedAt', r.proposed_at), ...opt('approvedBy', r.approved_by), ...opt('approvedAt', r.approved_at),
  ...opt('refusedReason', r.refused_reason), ...opt('listedOn', r.listed_on), ...opt('endsOn', r.ends_on), ...opt('periodYears', r.period_years),
  ...opt('decisionDocumentId', r.decision_document_id), createdAt: r.created_at, updatedAt: r.updated_at,
});
const toRemoval = (r: RemovalRow): CreditRemoval => ({
  id: r.id, listingId: r.listing_id, caseId: r.case_id, ground: r.ground as RemovalGround, factOn: r.fact_on, dueOn: r.due_on, proposedAt: r.proposed_at,
  ...opt('confirmedBy', r.confirmed_by), ...opt('confirmedAt', r.confirmed_at), ...opt('documentId', r.document_id),
});
const toStep = (r: StepRow): CreditStep => ({
  id: r.id, caseId: r.case_id, partyId: r.party_id, kind: r.kind as CreditStepKind, on: r.on_date, text: r.text, recordedBy: r.recorded_by, recordedAt: r.recorded_at,
  ...opt('listingId', r.listing_id), ...(r.granted === null ? {} : { granted: r.granted === 1 }), ...opt('untilOn', r.until_on), ...opt('documentId', r.document_id),
});

/** What the judge signs when he proposes, and the chief when he approves: the exchange to send. */
export type ListingExchangeDraft = SignedExchangeDraft;

export interface NewListing {
  caseId: string;
  partyId: string;
  subject: CreditListing['subject'];
  ground: ListingGround;
  evidence: { text: string; refs: EvidenceRef[] };
  extension?: { years: number; reason: ExtensionReason; note: string };
}

export class CreditListingRepo {
  private readonly rows = new DecisionRows<ListingRow, CreditListing>(() => this.db, 'credit_listings', toListing, ['draft', 'proposed', 'listed']);

  constructor(
    private readonly conn: Connection,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  private get db(): Db {
    return this.conn.db;
  }

  private caseNumber(caseId: string): string {
    return existingCaseNumber(this.db, caseId);
  }

  private log(officer: string, action: string, caseId: string, detail: Record<string, unknown>, basis: string = LEGAL_BASIS.listing): void {
    this.audit.append({ officer, action, caseId, caseNumber: this.caseNumber(caseId), legalBasis: basis, detail });
  }

  get(id: string): CreditListing | undefined {
    return this.rows.get(id);
  }

  ofCase(caseId: string): CreditListing[] {
    return this.rows.ofCase(caseId);
  }

  /** The listings of the court waiting for a chief's or the director's approval. */
  awaitingApproval(): CreditListing[] {
    return this.rows.awaitingApproval();
  }

  /** The exchange the judge signed when he proposed (id, subjects, payload, his signature). */
  exchangeDraft(id: string): ListingExchangeDraft | undefined {
    return this.rows.exchangeDraft(id);
  }

  private open(caseId: string, partyId: string): CreditListing | undefined {
    return this.rows.underWayFor(caseId, partyId);
  }

  /** A draft (a clerk's or the judge's); a debtor has at most one listing under way. */
  draft(n: NewListing, officer: string): CreditListing {
    return this.db.transaction(() => {
      const seen = this.open(n.caseId, n.partyId);
      if (seen && seen.state !== 'draft') {
        throw new AppFailure('DECISION_TAKEN', { zh: '该被执行人已有待审批或生效的失信名单记录', en: 'this debtor already has a listing proposed or in force' }, 'partyId');
      }
      const at = this.clock().toISOString();
      const ext = n.extension ? JSON.stringify(n.extension) : null;
      if (seen) {
        this.db.prepare('UPDATE credit_listings SET ground = ?, evidence = ?, extension = ?, updated_at = ? WHERE id = ?').run(n.ground, JSON.stringify(n.evidence), ext, at, seen.id);
        this.log(officer, 'credit.listing-drafted', n.caseId, { listingId: seen.id, ground: n.ground, refs: n.evidence.refs.length });
        return this.get(seen.id)!;
      }
      const id = randomUUID();
      this.db.prepare(`INSERT INTO credit_listings (id, case_id, party_id, subject_name, subject_id_number, subject_kind, ground, evidence, extension, state, drafted_by, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?)`).run(id, n.caseId, n.partyId, n.subject.name, n.subject.idNumber, n.subject.kind, n.ground, JSON.stringify(n.evidence), ext, officer, at, at);
      this.log(officer, 'credit.listing-drafted', n.caseId, { listingId: id, ground: n.ground, refs: n.evidence.refs.length });
      return this.get(id)!;
    }).immediate();
  }

  /** The judge proposes: the draft becomes a proposal, with the exchange he signed. */
  propose(id: string, x: ListingExchangeDraft, officer: string): CreditListing {
    return this.db.transaction(() => {
      const l = this.get(id);
      if (!l || l.state !== 'draft') throw new AppFailure('DECISION_TAKEN', { zh: '只有草稿可以提请审批', en: 'only a draft can be proposed' }, 'listingId');
      const at = this.clock().toISOString();
      this.db.prepare(`UPDATE credit_listings SET state = 'proposed', proposed_by = ?, proposed_at = ?, exchange_id = ?, exchange_payload = ?, decision_signature = ?, updated_at = ? WHERE id = ?`)
        .run(officer, at, x.id, JSON.stringify({ subjects: x.subjects, payload: x.payload }), JSON.stringify(x.decision), at, id);
      this.log(officer, 'credit.listing-proposed', l.caseId, { listingId: id, ground: l.ground, exchangeId: x.id });
      return this.get(id)!;
    }).immediate();
  }

  /** A chief or the director approves: listed from `listedOn`, with the 决定书. */
  approve(id: string, a: { listedOn: string; endsOn?: string; periodYears?: number; documentId: string }, officer: string): CreditListing {
    return this.db.transaction(() => {
      const l = this.get(id);
      if (!l || l.state !== 'proposed') throw new AppFailure('DECISION_TAKEN', { zh: '该失信名单记录不在待审批状态', en: 'the listing is not awaiting approval' }, 'listingId');
      const at = this.clock().toISOString();
      this.db.prepare(`UPDATE credit_listings SET state = 'listed', approved_by = ?, approved_at = ?, listed_on = ?, ends_on = ?, period_years = ?, decision_document_id = ?, updated_at = ? WHERE id = ?`)
        .run(officer, at, a.listedOn, a.endsOn ?? null, a.periodYears ?? null, a.documentId, at, id);
      this.log(officer, 'credit.listing-approved', l.caseId, { listingId: id, proposedBy: l.proposedBy, listedOn: a.listedOn, ...(a.endsOn ? { endsOn: a.endsOn } : {}), documentId: a.documentId });
      return this.get(id)!;
    }).immediate();
  }

  refuse(id: string, reason: string, officer: string): CreditListing {
    return this.db.transaction(() => {
      const l = this.get(id);
      if (!l || l.state !== 'proposed') throw new AppFailure('DECISION_TAKEN', { zh: '该失信名单记录不在待审批状态', en: 'the listing is not awaiting approval' }, 'listingId');
      this.db.prepare(`UPDATE credit_listings SET state = 'refused', approved_by = ?, approved_at = ?, refused_reason = ?, updated_at = ? WHERE id = ?`)
        .run(officer, this.clock().toISOString(), reason, this.clock().toISOString(), id);
      this.log(officer, 'credit.listing-refused', l.caseId, { listingId: id, proposedBy: l.proposedBy, reason });
      return this.get(id)!;
    }).immediate();
  }

  removalOf(listingId: string): CreditRemoval | undefined {
    const r = this.db.prepare<[string], RemovalRow>('SELECT * FROM credit_removals WHERE listing_id = ?').get(listingId);
    return r ? toRemoval(r) : undefined;
  }

  /** A removal proposed (once per listing): the ground, the day of the fact and the due day. */
  proposeRemoval(listingId: string, r: { ground: RemovalGround; factOn: string; dueOn: string }, officer: string): { removal: CreditRemoval; created: boolean } {
    return this.db.transaction(() => {
      const seen = this.removalOf(listingId);
      if (seen) return { removal: seen, created: false };
      const l = this.get(listingId);
      if (!l || l.state !== 'listed') throw new AppFailure('VALIDATION', { zh: '只有已纳入名单的记录可以删除', en: 'only a listing in force can be removed' }, 'listingId');
      const id = randomUUID();
      this.db.prepare('INSERT INTO credit_removals (id, listing_id, case_id, ground, fact_on, due_on, proposed_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(id, listingId, l.caseId, r.ground, r.factOn, r.dueOn, this.clock().toISOString());
      this.log(officer, 'credit.removal-proposed', l.caseId, { listingId, removalId: id, ground: r.ground, factOn: r.factOn, dueOn: r.dueOn }, LEGAL_BASIS.listingRemoval);
      return { removal: this.removalOf(listingId)!, created: true };
    }).immediate();
  }

  /** The judge confirms the removal with its 删除失信信息决定书: the listing ends. */
  confirmRemoval(listingId: string, documentId: string, officer: string): CreditRemoval {
    return this.db.transaction(() => {
      const r = this.removalOf(listingId);
      if (!r) throw new AppFailure('NOT_FOUND', { zh: '尚无删除建议', en: 'no removal proposed' }, 'listingId');
      if (r.confirmedAt) throw new AppFailure('DECISION_TAKEN', { zh: '删除已经确认', en: 'the removal is already confirmed' }, 'listingId');
      const at = this.clock().toISOString();
      this.db.prepare('UPDATE credit_removals SET confirmed_by = ?, confirmed_at = ?, document_id = ? WHERE id = ?').run(officer, at, documentId, r.id);
      this.db.prepare("UPDATE credit_listings SET state = 'removed', updated_at = ? WHERE id = ?").run(at, listingId);
      this.log(officer, 'credit.removal-confirmed', r.caseId, { listingId, removalId: r.id, ground: r.ground, documentId }, LEGAL_BASIS.listingRemoval);
      return this.removalOf(listingId)!;
    }).immediate();
  }

  removalsOf(caseId: string): CreditRemoval[] {
    return this.db.prepare<[string], RemovalRow>('SELECT * FROM credit_removals WHERE case_id = ? ORDER BY proposed_at').all(caseId).map(toRemoval);
  }

  stepsOf(caseId: string, partyId?: string): CreditStep[] {
    const rows = this.db.prepare<[string], StepRow>('SELECT * FROM credit_steps WHERE case_id = ? ORDER BY on_date, recorded_at').all(caseId).map(toStep);
    return partyId ? rows.filter((s) => s.partyId === partyId) : rows;
  }

  /** A credit fact recorded: security, correction, commitment, repair applied or decided, grace. */
  recordStep(s: Omit<CreditStep, 'id' | 'recordedBy' | 'recordedAt'>, officer: string): CreditStep {
    return this.db.transaction(() => {
      const id = randomUUID();
      this.db.prepare(`INSERT INTO credit_steps (id, case_id, party_id, listing_id, kind, on_date, text, granted, until_on, document_id, recorded_by, recorded_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        id, s.caseId, s.partyId, s.listingId ?? null, s.kind, s.on, s.text, s.granted === undefined ? null : s.granted ? 1 : 0, s.untilOn ?? null, s.documentId ?? null, officer, this.clock().toISOString(),
      );
      this.log(officer, `credit.step-${s.kind}`, s.caseId, { stepId: id, partyId: s.partyId, on: s.on, ...(s.listingId ? { listingId: s.listingId } : {}), ...(s.granted !== undefined ? { granted: s.granted } : {}) }, LEGAL_BASIS.listingRemoval);
      return toStep(this.db.prepare<[string], StepRow>('SELECT * FROM credit_steps WHERE id = ?').get(id)!);
    }).immediate();
  }
}
