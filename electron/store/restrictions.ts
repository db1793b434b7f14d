/**
 * Consumption restriction orders (docs/domain.md rule 9): drafted with the kinds and the persons
 * bound, proposed by the judge with his signature over the exchange it will send, approved or
 * refused by a chief or the director, lifted; and the single journeys allowed. Each change is
 * audited in its own write (no names or ID numbers in the audit detail). The rules live in
 * shared/rules/restriction.ts.
 */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../shared/app-failure';
import type { RestrictionExemption, RestrictionOrder, RestrictionState } from '../../shared/domain/restriction';
import { LEGAL_BASIS } from '../../shared/legal/basis';
import type { BoundPerson, ExemptionReason, LiftGround, RestrictionKind } from '../../shared/rules/restriction';
import type { AuditLog } from './audit';
import type { Clock } from './clock';
import type { Connection } from './connection';
import type { Db } from './db';
import { existingCaseNumber } from './case-ref';
import { DecisionRows } from './decision-rows';
import type { SignedExchangeDraft } from './exchange-draft';

interface OrderRow {
  id: string; case_id: string; party_id: string; debtor_name: string; debtor_id_number: string; debtor_kind: string; kinds: string; bound: string;
  state: string; drafted_by: string; proposed_by: string | null; proposed_at: string | null; exchange_id: string | null; exchange_payload: string | null;
  decision_signature: string | null; approved_by: string | null; approved_at: string | null; refused_reason: string | null; issued_on: string | null;
  document_id: string | null; lift_ground: string | null; lift_note: string | null; lifted_by: string | null; lifted_at: string | null;
  lift_document_id: string | null; created_at: string; updated_at: string;
}
interface ExemptionRow {
  id: string; order_id: string; case_id: string; kind: string; reason: string; note: string; from_date: string; until_date: string;
  decided_by: string; decided_at: string; document_id: string;
}

const opt = <K extends string, V>(k: K, v: V | null): { [P in K]?: V } => (v === null ? {} : ({ [k]: v } as { [P in K]: V }));

const toOrder = (r: OrderRow): RestrictionOrder => ({
  id: r.id, caseId: r.case_id, partyId: r.party_id, debtor: { name: r.debtor_name, idNumber: r.debtor_id_number, kind: r.debtor_kind as 'person' | 'company' },
  kinds: JSON.parse(r.kinds) as RestrictionKind[], bound: JSON.parse(r.bound) as BoundPerson[], state: r.state as RestrictionState, draftedBy: r.drafted_by,
  ...opt('proposedBy', r.proposed_by), ...opt('proposedAt', r.proposed_at), ...opt('approvedBy', r.approved_by), ...opt('approvedAt', r.approved_at),
  ...opt('refusedReason', r.refused_reason), ...opt('issuedOn', r.issued_on), ...opt('documentId', r.document_id),
  ...(r.lift_ground && r.lifted_by && r.lifted_at && r.lift_document_id
    ? { lift: { ground: r.lift_ground as LiftGround, note: r.lift_note ?? '', by: r.lifted_by, at: r.lifted_at, documentId: r.lift_document_id } } : {}),
  createdAt: r.created_at, updatedAt: r.updated_at,
});
const toExemption = (r: ExemptionRow): RestrictionExemption => ({
  id: r.id, orderId: r.order_id, caseId: r.case_id, kind: r.kind as RestrictionKind, reason: r.reason as ExemptionReason, note: r.note,
  from: r.from_date, until: r.until_date, decidedBy: r.decided_by, decidedAt: r.decided_at, documentId: r.document_id,
});

/** What the judge signs when he proposes, and the chief when he approves: the exchange to send. */
export type RestrictionExchangeDraft = SignedExchangeDraft;

export interface NewOrder {
  caseId: string;
  partyId: string;
  debtor: RestrictionOrder['debtor'];
  kinds: RestrictionKind[];
  bound: BoundPerson[];
}

const notAwaiting = () => new AppFailure('DECISION_TAKEN', { zh: '该限制消费令不在待审批状态', en: 'the order is not awaiting approval' }, 'orderId');

export class RestrictionRepo {
  private readonly rows = new DecisionRows<OrderRow, RestrictionOrder>(() => this.db, 'restriction_orders', toOrder, ['draft', 'proposed', 'issued']);

  constructor(
    private readonly conn: Connection,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  private get db(): Db {
    return this.conn.db;
  }

  private log(officer: string, action: string, caseId: string, detail: Record<string, unknown>, basis: string = LEGAL_BASIS.restriction): void {
    this.audit.append({ officer, action, caseId, caseNumber: existingCaseNumber(this.db, caseId), legalBasis: basis, detail });
  }

  get(id: string): RestrictionOrder | undefined {
    return this.rows.get(id);
  }

  ofCase(caseId: string): RestrictionOrder[] {
    return this.rows.ofCase(caseId);
  }

  awaitingApproval(): RestrictionOrder[] {
    return this.rows.awaitingApproval();
  }

  exchangeDraft(id: string): RestrictionExchangeDraft | undefined {
    return this.rows.exchangeDraft(id);
  }

  private open(caseId: string, partyId: string): RestrictionOrder | undefined {
    return this.rows.underWayFor(caseId, partyId);
  }

  /** A draft, or the debtor's draft edited: a debtor has at most one order under way. */
  draft(n: NewOrder, officer: string): RestrictionOrder {
    return this.db.transaction(() => {
      const seen = this.open(n.caseId, n.partyId);
      if (seen && seen.state !== 'draft') {
        throw new AppFailure('DECISION_TAKEN', { zh: '该被执行人已有待审批或生效的限制消费令', en: 'this debtor already has an order proposed or in force' }, 'partyId');
      }
      const at = this.clock().toISOString();
      const detail = { kinds: n.kinds, bound: n.bound.map((b) => b.role) };
      if (seen) {
        this.db.prepare('UPDATE restriction_orders SET kinds = ?, bound = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(n.kinds), JSON.stringify(n.bound), at, seen.id);
        this.log(officer, 'restriction.drafted', n.caseId, { orderId: seen.id, ...detail });
        return this.get(seen.id)!;
      }
      const id = randomUUID();
      this.db.prepare(`INSERT INTO restriction_orders (id, case_id, party_id, debtor_name, debtor_id_number, debtor_kind, kinds, bound, state, drafted_by, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?)`).run(id, n.caseId, n.partyId, n.debtor.name, n.debtor.idNumber, n.debtor.kind, JSON.stringify(n.kinds), JSON.stringify(n.bound), officer, at, at);
      this.log(officer, 'restriction.drafted', n.caseId, { orderId: id, ...detail });
      return this.get(id)!;
    }).immediate();
  }

  propose(id: string, x: RestrictionExchangeDraft, officer: string): RestrictionOrder {
    return this.db.transaction(() => {
      const o = this.get(id);
      if (!o || o.state !== 'draft') throw new AppFailure('DECISION_TAKEN', { zh: '只有草稿可以提请审批', en: 'only a draft can be proposed' }, 'orderId');
      const at = this.clock().toISOString();
      this.db.prepare(`UPDATE restriction_orders SET state = 'proposed', proposed_by = ?, proposed_at = ?, exchange_id = ?, exchange_payload = ?, decision_signature = ?, updated_at = ? WHERE id = ?`)
        .run(officer, at, x.id, JSON.stringify({ subjects: x.subjects, payload: x.payload }), JSON.stringify(x.decision), at, id);
      this.log(officer, 'restriction.proposed', o.caseId, { orderId: id, kinds: o.kinds, exchangeId: x.id, persons: x.subjects.length });
      return this.get(id)!;
    }).immediate();
  }

  approve(id: string, a: { issuedOn: string; documentId: string }, officer: string): RestrictionOrder {
    return this.db.transaction(() => {
      const o = this.get(id);
      if (!o || o.state !== 'proposed') throw notAwaiting();
      const at = this.clock().toISOString();
      this.db.prepare(`UPDATE restriction_orders SET state = 'issued', approved_by = ?, approved_at = ?, issued_on = ?, document_id = ?, updated_at = ? WHERE id = ?`)
        .run(officer, at, a.issuedOn, a.documentId, at, id);
      this.log(officer, 'restriction.approved', o.caseId, { orderId: id, proposedBy: o.proposedBy, issuedOn: a.issuedOn, documentId: a.documentId });
      return this.get(id)!;
    }).immediate();
  }

  refuse(id: string, reason: string, officer: string): RestrictionOrder {
    return this.db.transaction(() => {
      const o = this.get(id);
      if (!o || o.state !== 'proposed') throw notAwaiting();
      const at = this.clock().toISOString();
      this.db.prepare(`UPDATE restriction_orders SET state = 'refused', approved_by = ?, approved_at = ?, refused_reason = ?, updated_at = ? WHERE id = ?`).run(officer, at, reason, at, id);
      this.log(officer, 'restriction.refused', o.caseId, { orderId: id, proposedBy: o.proposedBy, reason });
      return this.get(id)!;
    }).immediate();
  }

  /** The judge lifts the order (第九条) with its 决定书: it ends. */
  lift(id: string, l: { ground: LiftGround; note: string; documentId: string }, officer: string): RestrictionOrder {
    return this.db.transaction(() => {
      const o = this.get(id);
      if (!o || o.state !== 'issued') throw new AppFailure('DECISION_TAKEN', { zh: '只有生效的限制消费令可以解除', en: 'only an order in force can be lifted' }, 'orderId');
      const at = this.clock().toISOString();
      this.db.prepare(`UPDATE restriction_orders SET state = 'lifted', lift_ground = ?, lift_note = ?, lifted_by = ?, lifted_at = ?, lift_document_id = ?, updated_at = ? WHERE id = ?`)
        .run(l.ground, l.note, officer, at, l.documentId, at, id);
      this.log(officer, 'restriction.lifted', o.caseId, { orderId: id, ground: l.ground, documentId: l.documentId }, LEGAL_BASIS.restrictionLift);
      return this.get(id)!;
    }).immediate();
  }

  exemptionsOf(orderId: string): RestrictionExemption[] {
    return this.db.prepare<[string], ExemptionRow>('SELECT * FROM restriction_exemptions WHERE order_id = ? ORDER BY from_date, decided_at').all(orderId).map(toExemption);
  }

  /** One journey allowed (第八条), with its 决定书. */
  exempt(orderId: string, e: Omit<RestrictionExemption, 'orderId' | 'caseId' | 'decidedBy' | 'decidedAt'>, officer: string): RestrictionExemption {
    return this.db.transaction(() => {
      const o = this.get(orderId);
      if (!o || o.state !== 'issued') throw new AppFailure('DECISION_TAKEN', { zh: '只有生效的限制消费令可以单项解除', en: 'only an order in force can be eased' }, 'orderId');
      const id = e.id;
      this.db.prepare(`INSERT INTO restriction_exemptions (id, order_id, case_id, kind, reason, note, from_date, until_date, decided_by, decided_at, document_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(id, orderId, o.caseId, e.kind, e.reason, e.note, e.from, e.until, officer, this.clock().toISOString(), e.documentId);
      this.log(officer, 'restriction.exempted', o.caseId, { orderId, exemptionId: id, kind: e.kind, reason: e.reason, from: e.from, until: e.until }, LEGAL_BASIS.restrictionLift);
      return this.exemptionsOf(orderId).find((x) => x.id === id)!;
    }).immediate();
  }
}
