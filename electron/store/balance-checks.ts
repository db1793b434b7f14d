/**
 * The frozen amount re-queried before a deduction (docs/domain.md rule 6: never deduct on a stale balance).
 * Each check is kept, with the request that asked, as evidence of what the deduction relied on.
 */
import { AppFailure } from '../../shared/app-failure';
import { assertFen, type Fen } from '../../shared/money';
import type { AuditLog } from './audit';
import type { Connection } from './connection';
import type { Db } from './db';
import type { SettingsRepo } from './settings';

export interface FrozenBalanceCheck {
  seq: number;
  /** the freeze measure whose frozen amount was asked */
  freezeId: string;
  amount: Fen;
  checkedAt: string;
  /** the client request id of the re-query */
  requestId: string;
}

interface CheckRow { seq: number; freeze_id: string; amount: number; checked_at: string; request_id: string }

const toCheck = (r: CheckRow): FrozenBalanceCheck => ({
  seq: r.seq, freezeId: r.freeze_id, amount: r.amount, checkedAt: r.checked_at, requestId: r.request_id,
});

export class BalanceCheckRepo {
  constructor(
    private readonly conn: Connection,
    private readonly audit: AuditLog,
    private readonly settings: SettingsRepo,
  ) {}

  private get db(): Db {
    return this.conn.db;
  }

  /** Stores a re-query result and audits it; `by` is who asked (defaults to the freeze's officer). */
  record(c: Omit<FrozenBalanceCheck, 'seq'>, by?: string): FrozenBalanceCheck {
    if (assertFen(c.amount, 'amount') < 0) throw new RangeError('a frozen amount is not negative');
    return this.db.transaction((): FrozenBalanceCheck => {
      const f = this.db.prepare<[string], { case_id: string; kind: string; decided_by: string; number: string }>(
        'SELECT m.case_id, m.kind, m.decided_by, c.number FROM measures m JOIN cases c ON c.id = m.case_id WHERE m.id = ?',
      ).get(c.freezeId);
      if (!f || f.kind !== 'freeze') throw new AppFailure('NOT_FOUND', { zh: '冻结措施不存在', en: 'no such freeze' });
      const seq = Number(this.db.prepare('INSERT INTO frozen_balance_checks (freeze_id, amount, checked_at, request_id) VALUES (?, ?, ?, ?)')
        .run(c.freezeId, c.amount, c.checkedAt, c.requestId).lastInsertRowid);
      this.audit.append({
        officer: by ?? f.decided_by, action: 'measure.freeze.balanceChecked', caseId: f.case_id, caseNumber: f.number,
        detail: { freezeId: c.freezeId, amount: c.amount, checkedAt: c.checkedAt, requestId: c.requestId },
      });
      return toCheck(this.db.prepare<[number], CheckRow>('SELECT * FROM frozen_balance_checks WHERE seq = ?').get(seq)!);
    }).immediate();
  }

  /** The newest check of a freeze. */
  latest(freezeId: string): FrozenBalanceCheck | undefined {
    const r = this.db.prepare<[string], CheckRow>(
      'SELECT * FROM frozen_balance_checks WHERE freeze_id = ? ORDER BY checked_at DESC, seq DESC LIMIT 1',
    ).get(freezeId);
    return r ? toCheck(r) : undefined;
  }

  list(freezeId: string): FrozenBalanceCheck[] {
    return this.db.prepare<[string], CheckRow>('SELECT * FROM frozen_balance_checks WHERE freeze_id = ? ORDER BY checked_at, seq').all(freezeId).map(toCheck);
  }

  /**
   * The newest check when it is recent enough to deduct on (at most balanceMaxAgeMinutes old, and
   * not from the future), else undefined: then query again first.
   */
  fresh(freezeId: string, now: Date, maxAgeMinutes: number = this.settings.get('balanceMaxAgeMinutes')): FrozenBalanceCheck | undefined {
    const c = this.latest(freezeId);
    if (!c) return undefined;
    const age = now.getTime() - Date.parse(c.checkedAt);
    return age >= 0 && age <= maxAgeMinutes * 60_000 ? c : undefined;
  }
}
