/**
 * Freeze-expiry reminders delivered (docs/domain.md rule 2: renew before the end date, or the freeze
 * lapses and loses its priority). One row per measure and days-before, so a reminder is shown once
 * even when the check runs every hour or after a restart. The measure is the one whose end date the
 * reminder is about: the freeze, or the renewal that last moved its end date (LiveFreeze.endsOnSetBy),
 * so a renewed freeze is reminded again before its new end date.
 */
import { AppFailure } from '../../shared/app-failure';
import type { MeasureKind } from '../../shared/domain/measures';
import type { AuditLog } from './audit';
import type { Clock } from './clock';
import type { Connection } from './connection';
import type { Db } from './db';
import { MEASURE_LEGAL_BASIS } from './legal-basis';

export interface DeliveredReminder {
  key: string;
  measureId: string;
  daysBefore: number;
  /** the day the reminder fell due */
  dueOn: string;
  deliveredAt: string;
  /** officer code it was shown to */
  deliveredTo: string;
}

export interface ReminderDelivery {
  measureId: string;
  daysBefore: number;
  dueOn: string;
  deliveredTo: string;
}

interface ReminderRow { key: string; measure_id: string; days_before: number; due_on: string; delivered_at: string; delivered_to: string }

const toReminder = (r: ReminderRow): DeliveredReminder => ({
  key: r.key, measureId: r.measure_id, daysBefore: r.days_before, dueOn: r.due_on, deliveredAt: r.delivered_at, deliveredTo: r.delivered_to,
});

export function reminderKey(measureId: string, daysBefore: number): string {
  return `${measureId}:${daysBefore}`;
}

export class ReminderRepo {
  constructor(
    private readonly conn: Connection,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  private get db(): Db {
    return this.conn.db;
  }

  /**
   * Marks a reminder delivered and audits it, once: true when this call delivered it, false when it
   * had been delivered before (nothing is written then).
   */
  markDelivered(r: ReminderDelivery): boolean {
    if (!Number.isInteger(r.daysBefore) || r.daysBefore < 0) throw new RangeError(`daysBefore must be a whole number of days, got ${r.daysBefore}`);
    return this.db.transaction((): boolean => {
      const m = this.db.prepare<[string], { case_id: string; kind: MeasureKind; number: string }>(
        'SELECT m.case_id, m.kind, c.number FROM measures m JOIN cases c ON c.id = m.case_id WHERE m.id = ?',
      ).get(r.measureId);
      if (!m) throw new AppFailure('NOT_FOUND', { zh: '措施不存在', en: 'no such measure' });
      const key = reminderKey(r.measureId, r.daysBefore);
      const at = this.clock().toISOString();
      const added = this.db.prepare(
        `INSERT INTO reminders (key, measure_id, days_before, due_on, delivered_at, delivered_to) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (key) DO NOTHING`,
      ).run(key, r.measureId, r.daysBefore, r.dueOn, at, r.deliveredTo).changes === 1;
      if (added) {
        this.audit.append({
          officer: r.deliveredTo, action: 'reminder.delivered', caseId: m.case_id, caseNumber: m.number,
          // the reminder is about the freeze period and its renewal
          legalBasis: MEASURE_LEGAL_BASIS.renew,
          detail: { measureId: r.measureId, kind: m.kind, daysBefore: r.daysBefore, dueOn: r.dueOn },
        });
      }
      return added;
    }).immediate();
  }

  isDelivered(measureId: string, daysBefore: number): boolean {
    return this.db.prepare<[string], number>('SELECT 1 FROM reminders WHERE key = ?').pluck().get(reminderKey(measureId, daysBefore)) === 1;
  }

  /** Oldest first; for one measure when given. */
  listDelivered(measureId?: string): DeliveredReminder[] {
    const rows = measureId === undefined
      ? this.db.prepare<[], ReminderRow>('SELECT * FROM reminders ORDER BY delivered_at, rowid').all()
      : this.db.prepare<[string], ReminderRow>('SELECT * FROM reminders WHERE measure_id = ? ORDER BY delivered_at, rowid').all(measureId);
    return rows.map(toReminder);
  }
}
