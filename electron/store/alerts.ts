/**
 * Alerts (主动预警): raised once per fact, kept across restarts, acknowledged and assigned, each
 * change audited in the same write. A fact raised again (a repeated scan, a push delivered twice,
 * a restart) finds its alert by dedupe key and writes nothing.
 */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../shared/app-failure';
import type { Alert, AlertAction, AlertKind, AlertSource, AlertState } from '../../shared/domain/alerts';
import type { AuditLog } from './audit';
import type { Clock } from './clock';
import type { Connection } from './connection';
import type { Db } from './db';
import { afterCommit } from './after-commit';
import { caseNumberOf, existingCaseNumber } from './case-ref';

export interface AlertInput {
  caseId: string;
  kind: AlertKind;
  dedupeKey: string;
  reason: { zh: string; en: string };
  source: AlertSource;
  action: AlertAction;
  actionInput?: Record<string, unknown>;
}

interface Row {
  id: string; case_id: string; kind: string; dedupe_key: string; reason_zh: string; reason_en: string;
  source_kind: string; source_id: string; action: string; action_input: string; state: string;
  raised_at: string; acknowledged_at: string | null; acknowledged_by: string | null; assigned_to: string | null;
}

const toAlert = (r: Row): Alert => ({
  id: r.id, caseId: r.case_id, kind: r.kind as AlertKind, dedupeKey: r.dedupe_key,
  reason: { zh: r.reason_zh, en: r.reason_en }, source: { kind: r.source_kind, id: r.source_id },
  action: r.action as AlertAction, actionInput: JSON.parse(r.action_input) as Record<string, unknown>,
  state: r.state as AlertState, raisedAt: r.raised_at,
  ...(r.acknowledged_at ? { acknowledgedAt: r.acknowledged_at } : {}),
  ...(r.acknowledged_by ? { acknowledgedBy: r.acknowledged_by } : {}),
  ...(r.assigned_to ? { assignedTo: r.assigned_to } : {}),
});

export interface AlertFilter {
  caseIds?: readonly string[];
  states?: readonly AlertState[];
  limit?: number;
}

export class AlertRepo {
  private readonly listeners = new Set<(a: Alert) => void>();

  constructor(
    private readonly conn: Connection,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  private get db(): Db {
    return this.conn.db;
  }

  /** Told of each alert raised, after its write committed (live delivery: badge, list, notification). */
  onRaised(listener: (a: Alert) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(id: string): Alert | undefined {
    const r = this.db.prepare<[string], Row>('SELECT * FROM alerts WHERE id = ?').get(id);
    return r ? toAlert(r) : undefined;
  }

  byKey(dedupeKey: string): Alert | undefined {
    const r = this.db.prepare<[string], Row>('SELECT * FROM alerts WHERE dedupe_key = ?').get(dedupeKey);
    return r ? toAlert(r) : undefined;
  }

  /** Raises the alert once: `raised` is false when the same fact had raised it before. */
  raise(a: AlertInput, officer = 'system'): { alert: Alert; raised: boolean } {
    const r = this.write(a, officer);
    if (!r.raised) return r;
    afterCommit(this.conn, () => this.get(r.alert.id) !== undefined, () => { for (const l of this.listeners) l(r.alert); });
    return r;
  }

  private write(a: AlertInput, officer: string): { alert: Alert; raised: boolean } {
    return this.db.transaction((): { alert: Alert; raised: boolean } => {
      const seen = this.byKey(a.dedupeKey);
      if (seen) return { alert: seen, raised: false };
      const number = existingCaseNumber(this.db, a.caseId);
      const id = randomUUID();
      const at = this.clock().toISOString();
      this.db.prepare(`INSERT INTO alerts (id, case_id, kind, dedupe_key, reason_zh, reason_en, source_kind, source_id, action, action_input, raised_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        id, a.caseId, a.kind, a.dedupeKey, a.reason.zh, a.reason.en, a.source.kind, a.source.id, a.action, JSON.stringify(a.actionInput ?? {}), at,
      );
      this.audit.append({ officer, action: 'alert.raised', caseId: a.caseId, caseNumber: number, detail: { alertId: id, kind: a.kind, source: a.source } });
      return { alert: this.get(id)!, raised: true };
    }).immediate();
  }

  /** Newest first; one SQL pass over the indexed columns. */
  list(f: AlertFilter = {}): Alert[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (f.caseIds) {
      where.push('case_id IN (SELECT value FROM json_each(?))');
      args.push(JSON.stringify(f.caseIds));
    }
    if (f.states) {
      where.push('state IN (SELECT value FROM json_each(?))');
      args.push(JSON.stringify(f.states));
    }
    const sql = `SELECT * FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY raised_at DESC, id LIMIT ?`;
    return this.db.prepare<unknown[], Row>(sql).all(...args, f.limit ?? 500).map(toAlert);
  }

  private change(id: string, officer: string, action: string, set: string, args: unknown[], detail: Record<string, unknown> = {}): Alert {
    return this.db.transaction((): Alert => {
      const a = this.get(id);
      if (!a) throw new AppFailure('NOT_FOUND', { zh: '预警不存在', en: 'no such alert' });
      this.db.prepare(`UPDATE alerts SET ${set} WHERE id = ?`).run(...args, id);
      const number = caseNumberOf(this.db, a.caseId);
      this.audit.append({ officer, action, caseId: a.caseId, caseNumber: number, detail: { alertId: id, kind: a.kind, ...detail } });
      return this.get(id)!;
    }).immediate();
  }

  acknowledge(id: string, officer: string): Alert {
    const a = this.get(id);
    if (a && a.state !== 'open') return a;
    return this.change(id, officer, 'alert.acknowledged', "state = 'acknowledged', acknowledged_at = ?, acknowledged_by = ?", [this.clock().toISOString(), officer]);
  }

  /** The alert's action was taken (a freeze decided, a control request sent …). */
  done(id: string, officer: string, detail: Record<string, unknown> = {}): Alert {
    return this.change(id, officer, 'alert.done', "state = 'done', acknowledged_at = COALESCE(acknowledged_at, ?), acknowledged_by = COALESCE(acknowledged_by, ?)", [this.clock().toISOString(), officer], detail);
  }

  assign(id: string, officer: string, to: string): Alert {
    return this.change(id, officer, 'alert.assigned', 'assigned_to = ?', [to], { to });
  }
}
