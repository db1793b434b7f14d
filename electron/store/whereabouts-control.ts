/**
 * Whereabouts monitoring and control (docs/domain.md rule 10): the debtors monitored on a recorded
 * finding, what the feed carried of them, and the 协助临时控制 requests to the railway police. Each
 * change is audited in its own write. Whereabouts are personal data and live only in this encrypted store.
 */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../shared/app-failure';
import type { ControlRequest, ControlState, Sighting, SightingKind, SubscriptionEndReason, WhereaboutsSubscription } from '../../shared/domain/control';
import { LEGAL_BASIS } from '../../shared/legal/basis';
import { auditSubject, type AuditLog } from './audit';
import type { Clock } from './clock';
import type { Connection } from './connection';
import type { Db } from './db';
import { caseNumberOf } from './case-ref';

interface SubRow { id: string; case_id: string; party_id: string; finding_seq: number; started_by: string; started_at: string; ended_at: string | null; end_reason: SubscriptionEndReason | null }
interface SightRow { ref: string; subscription_id: string; case_id: string; party_id: string; kind: SightingKind; source: string; place: string; detail: string; seen_at: string; received_at: string }
interface CtlRow {
  id: string; case_id: string; party_id: string; alert_id: string; sighting_ref: string; document_id: string; body: string; state: ControlState;
  error: string | null; station: string | null; requested_by: string; requested_at: string; updated_at: string; detention_document_id: string | null;
}

const toSub = (r: SubRow): WhereaboutsSubscription => ({
  id: r.id, caseId: r.case_id, partyId: r.party_id, findingSeq: r.finding_seq, startedBy: r.started_by, startedAt: r.started_at,
  ...(r.ended_at ? { endedAt: r.ended_at } : {}), ...(r.end_reason ? { endReason: r.end_reason } : {}),
});
const toSighting = (r: SightRow): Sighting => ({
  ref: r.ref, subscriptionId: r.subscription_id, caseId: r.case_id, partyId: r.party_id, kind: r.kind, source: r.source, place: r.place,
  detail: r.detail, seenAt: r.seen_at, receivedAt: r.received_at,
});
const toControl = (r: CtlRow): ControlRequest => ({
  id: r.id, caseId: r.case_id, partyId: r.party_id, alertId: r.alert_id, sightingRef: r.sighting_ref, documentId: r.document_id, state: r.state,
  ...(r.error ? { error: r.error } : {}), ...(r.station ? { station: r.station } : {}),
  requestedBy: r.requested_by, requestedAt: r.requested_at, updatedAt: r.updated_at,
  ...(r.detention_document_id ? { detentionDocumentId: r.detention_document_id } : {}),
});

export class WhereaboutsControlRepo {
  constructor(private readonly conn: Connection, private readonly clock: Clock, private readonly audit: AuditLog) {}

  private get db(): Db {
    return this.conn.db;
  }

  private entry(officer: string, action: string, caseId: string, partyId: string, detail: Record<string, unknown>): void {
    const p = this.db.prepare<[string], { id: string; id_number: string }>('SELECT id, id_number FROM parties WHERE id = ?').get(partyId)!;
    this.audit.append({
      officer, action, caseId, caseNumber: caseNumberOf(this.db, caseId), subject: auditSubject({ id: p.id, idNumber: p.id_number }),
      legalBasis: LEGAL_BASIS.whereabouts, detail,
    });
  }

  /** Monitoring of a debtor on his finding in force; the one in force when there is one already. */
  subscribe(input: { caseId: string; partyId: string; findingSeq: number }, by: string): { subscription: WhereaboutsSubscription; created: boolean } {
    return this.db.transaction(() => {
      const old = this.inForce(input.caseId).find((s) => s.partyId === input.partyId);
      if (old) return { subscription: old, created: false };
      const id = randomUUID();
      this.db.prepare('INSERT INTO whereabouts_subscriptions (id, case_id, party_id, finding_seq, started_by, started_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(id, input.caseId, input.partyId, input.findingSeq, by, this.clock().toISOString());
      this.entry(by, 'whereabouts.subscribed', input.caseId, input.partyId, { subscription: id, finding: input.findingSeq });
      return { subscription: this.subscription(id)!, created: true };
    }).immediate();
  }

  subscription(id: string): WhereaboutsSubscription | undefined {
    const r = this.db.prepare<[string], SubRow>('SELECT * FROM whereabouts_subscriptions WHERE id = ?').get(id);
    return r ? toSub(r) : undefined;
  }

  /** in force in a case, or in every case */
  inForce(caseId?: string): WhereaboutsSubscription[] {
    const rows = caseId
      ? this.db.prepare<[string], SubRow>('SELECT * FROM whereabouts_subscriptions WHERE case_id = ? AND ended_at IS NULL').all(caseId)
      : this.db.prepare<[], SubRow>('SELECT * FROM whereabouts_subscriptions WHERE ended_at IS NULL').all();
    return rows.map(toSub);
  }

  listForCase(caseId: string): WhereaboutsSubscription[] {
    return this.db.prepare<[string], SubRow>('SELECT * FROM whereabouts_subscriptions WHERE case_id = ? ORDER BY started_at DESC').all(caseId).map(toSub);
  }

  /** Ends the monitoring (the gateway is told afterwards: `endsToTell`). */
  end(id: string, reason: SubscriptionEndReason, by: string): WhereaboutsSubscription {
    return this.db.transaction(() => {
      const s = this.subscription(id);
      if (!s) throw new AppFailure('NOT_FOUND', { zh: '布控不存在', en: 'no such monitoring' });
      if (s.endedAt) return s;
      this.db.prepare('UPDATE whereabouts_subscriptions SET ended_at = ?, ended_by = ?, end_reason = ? WHERE id = ?').run(this.clock().toISOString(), by, reason, id);
      this.entry(by, 'whereabouts.unsubscribed', s.caseId, s.partyId, { subscription: id, reason });
      return this.subscription(id)!;
    }).immediate();
  }

  /** ended here, the gateway not yet told */
  endsToTell(): WhereaboutsSubscription[] {
    return this.db.prepare<[], SubRow>('SELECT * FROM whereabouts_subscriptions WHERE ended_at IS NOT NULL AND end_told = 0').all().map(toSub);
  }

  endTold(id: string): void {
    this.db.prepare('UPDATE whereabouts_subscriptions SET end_told = 1 WHERE id = ?').run(id);
  }

  /** In force whose case closed or whose finding was withdrawn: to be ended. */
  lapsed(): { subscription: WhereaboutsSubscription; reason: SubscriptionEndReason }[] {
    return this.db.prepare<[], SubRow & { status: string; f_ended: string | null }>(
      `SELECT s.*, c.status AS status, f.ended_at AS f_ended FROM whereabouts_subscriptions s
       JOIN cases c ON c.id = s.case_id JOIN whereabouts_findings f ON f.seq = s.finding_seq
       WHERE s.ended_at IS NULL AND (c.status <> 'open' OR f.ended_at IS NOT NULL)`,
    ).all().map((r) => ({ subscription: toSub(r), reason: r.status !== 'open' ? 'case-closed' : 'finding-ended' }));
  }

  /** A sighting the feed carried, kept once per gateway reference. */
  recordSighting(s: Omit<Sighting, 'receivedAt'>): { sighting: Sighting; created: boolean } {
    const old = this.sighting(s.ref);
    if (old) return { sighting: old, created: false };
    this.db.prepare(`INSERT INTO whereabouts_sightings (ref, subscription_id, case_id, party_id, kind, source, place, detail, seen_at, received_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(s.ref, s.subscriptionId, s.caseId, s.partyId, s.kind, s.source, s.place, s.detail, s.seenAt, this.clock().toISOString());
    return { sighting: this.sighting(s.ref)!, created: true };
  }

  sighting(ref: string): Sighting | undefined {
    const r = this.db.prepare<[string], SightRow>('SELECT * FROM whereabouts_sightings WHERE ref = ?').get(ref);
    return r ? toSighting(r) : undefined;
  }

  sightings(caseId: string): Sighting[] {
    return this.db.prepare<[string], SightRow>('SELECT * FROM whereabouts_sightings WHERE case_id = ? ORDER BY seen_at DESC').all(caseId).map(toSighting);
  }

  cursor(court: string): string {
    return this.db.prepare<[string], { cursor: string }>('SELECT cursor FROM whereabouts_feed WHERE court = ?').get(court)?.cursor ?? '';
  }

  setCursor(court: string, cursor: string): void {
    this.db.prepare('INSERT INTO whereabouts_feed (court, cursor) VALUES (?, ?) ON CONFLICT (court) DO UPDATE SET cursor = excluded.cursor').run(court, cursor);
  }

  /** The control request of an alert, written before it is sent: a second call finds the first. */
  createControl(c: Pick<ControlRequest, 'id' | 'caseId' | 'partyId' | 'alertId' | 'sightingRef' | 'documentId'> & { body: string }, by: string): { control: ControlRequest; created: boolean } {
    return this.db.transaction(() => {
      const old = this.controlOfAlert(c.alertId);
      if (old) return { control: old, created: false };
      const at = this.clock().toISOString();
      this.db.prepare(`INSERT INTO control_requests (id, case_id, party_id, alert_id, sighting_ref, document_id, body, state, requested_by, requested_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)`).run(c.id, c.caseId, c.partyId, c.alertId, c.sightingRef, c.documentId, c.body, by, at, at);
      this.entry(by, 'control.requested', c.caseId, c.partyId, { control: c.id, alert: c.alertId, sighting: c.sightingRef });
      return { control: this.control(c.id)!, created: true };
    }).immediate();
  }

  control(id: string): ControlRequest | undefined {
    const r = this.db.prepare<[string], CtlRow>('SELECT * FROM control_requests WHERE id = ?').get(id);
    return r ? toControl(r) : undefined;
  }

  controlBody(id: string): string | undefined {
    return this.db.prepare<[string], { body: string }>('SELECT body FROM control_requests WHERE id = ?').get(id)?.body;
  }

  controlOfAlert(alertId: string): ControlRequest | undefined {
    const r = this.db.prepare<[string], CtlRow>('SELECT * FROM control_requests WHERE alert_id = ?').get(alertId);
    return r ? toControl(r) : undefined;
  }

  controls(caseId: string): ControlRequest[] {
    return this.db.prepare<[string], CtlRow>('SELECT * FROM control_requests WHERE case_id = ? ORDER BY requested_at DESC').all(caseId).map(toControl);
  }

  openControls(): ControlRequest[] {
    return this.db.prepare<[], CtlRow>("SELECT * FROM control_requests WHERE state IN ('queued', 'accepted', 'unknown')").all().map(toControl);
  }

  /** The police's answer; audited when the state changes. */
  setState(id: string, state: ControlState, extra: { error?: string; station?: string } = {}): ControlRequest {
    return this.db.transaction(() => {
      const c = this.control(id)!;
      if (c.state === state) return c;
      this.db.prepare('UPDATE control_requests SET state = ?, error = ?, station = ?, updated_at = ? WHERE id = ?')
        .run(state, extra.error ?? c.error ?? null, extra.station ?? c.station ?? null, this.clock().toISOString(), id);
      this.entry('system', `control.${state}`, c.caseId, c.partyId, { control: id });
      return this.control(id)!;
    }).immediate();
  }

  setDetention(id: string, documentId: string, by: string): ControlRequest {
    return this.db.transaction(() => {
      const c = this.control(id)!;
      this.db.prepare('UPDATE control_requests SET detention_document_id = ?, updated_at = ? WHERE id = ?').run(documentId, this.clock().toISOString(), id);
      this.entry(by, 'detention.drafted', c.caseId, c.partyId, { control: id, document: documentId });
      return this.control(id)!;
    }).immediate();
  }
}
