/**
 * The measures outbox: the MeasureStore the engine writes through (docs/domain.md rule 7). A measure is
 * written before it is sent, each state change before the step it guards, and every write is its
 * own immediate transaction on a synchronous=FULL connection, so what was acknowledged survives
 * a crash. In that same transaction each state change is appended to the measure's history and to
 * the hash-chained audit log, with its legal basis: the change and its record cannot diverge.
 *
 * Guards kept here, where no race can slip between check and write:
 * - one decision, one id: a second insert under an existing id is refused; what was decided
 *   (asset, kind, amount, end date, account) never changes after the outbox write;
 * - only a debtor of the case, and only an asset found for that debtor in that case;
 * - no move out of a final state, and none back to a draft once queued (MEASURE_TRANSITIONS);
 * - no over-seizure (rule 1): a freeze entering the outbox may not take the case's frozen total
 *   (in force plus pending) above the outstanding amount plus costs and late-performance
 *   interest, unless a reason is recorded;
 * - no freeze or renewal with an end date past the period cap (rule 2); one decided under the
 *   earlier count and not yet sent is withdrawn when the store opens (withdrawPastCap);
 * - a deduction above the bureau's approval threshold does not enter the outbox unapproved;
 * - the recovered amount of the case grows by a deduction exactly once, when it is confirmed;
 * - a measure the agency refuses, or one withdrawn before it went out, voids in the same
 *   transaction each of its documents none of whose measures still stands (作废, docs/documents.md).
 */
import { RECOVERED_PARTS } from './recovered-parts';
import { AppFailure } from '../../shared/app-failure';
import { todayCst, type IsoDate } from '../../shared/dates';
import type { CourtAccount } from '../../shared/domain/measure-views';
import type { Measure, MeasureKind, MeasureOutcome, MeasureSignature, MeasureState } from '../../shared/domain/measures';
import { assertFen, type Fen } from '../../shared/money';
import { freezeCap, type CapInput } from '../../shared/rules/cap';
import { maxEndDate, renewalStart } from '../../shared/rules/periods';
import type { ChannelId } from '../../shared/domain/channels';
import type { AssetKind } from '../../shared/domain/types';
import { MEASURE_MOVES as MEASURE_TRANSITIONS, OUTBOX_STATES, type MeasurePatch, type MeasureStore } from '../engine/measure-store';
import { auditSubject, type AuditLog } from './audit';
import type { Clock } from './clock';
import type { Connection } from './connection';
import type { Db } from './db';
import { attachDocuments, documentsOfMeasure, storedDocumentsOfMeasure, voidDocument } from './documents';
import { documentVoidReason, FAILED_MEASURE_STATES } from './measure-failure';
import { freezeViews, frozenTotal, PENDING_FREEZE_STATES, type LiveFreeze } from './freeze-views';
import { MEASURE_LEGAL_BASIS } from './legal-basis';
import { sha256Hex } from './requests';
import type { SettingsRepo } from './settings';
import { caseNumberOf } from './case-ref';

export const MEASURE_KINDS: readonly MeasureKind[] = ['freeze', 'renew', 'unfreeze', 'deduct'];

/** The states a measure may be written in: nothing enters the outbox already sent. */
export const INITIAL_MEASURE_STATES: readonly MeasureState[] = ['draft', 'awaiting_approval', 'queued'];

/** The outbox states and the allowed moves are the engine's contract with any store: one table. */
export { OUTBOX_STATES, MEASURE_MOVES as MEASURE_TRANSITIONS } from '../engine/measure-store';

/** Refused: an id stored twice (one decision, one id). */
export class MeasureExistsError extends Error {
  readonly code = 'MEASURE_EXISTS';
  constructor(readonly id: string) {
    super(`a measure with this id exists: ${id}`);
  }
}

/** Refused: a move the outbox does not allow, or a change to a confirmed deduction. */
export class MeasureStateError extends Error {
  readonly code = 'MEASURE_STATE';
  constructor(message: string) {
    super(message);
  }
}

export interface MeasureEvent {
  seq: number;
  measureId: string;
  at: string;
  /** officer code, or 'system' when the program carried out a decided measure */
  actor: string;
  from?: MeasureState;
  to: MeasureState;
  detail: Record<string, unknown>;
}

export interface MeasureExchange {
  measureId: string;
  direction: 'sent' | 'received';
  at: string;
  text: string;
  sha256: string;
}

export interface MeasureListQuery {
  caseId?: string;
  kind?: MeasureKind;
  states?: readonly MeasureState[];
  decisionId?: string;
}

interface MeasureRow {
  id: string; case_id: string; party_id: string; asset_id: string; channel: ChannelId; asset_kind: AssetKind;
  asset_identifier: string; kind: MeasureKind; state: MeasureState; amount: number | null; ends_on: string | null;
  freeze_id: string | null; court_account: string | null; over_cap_reason: string | null; legal_basis?: string | null; decided_by: string;
  approved_by: string | null; outcome: string | null; attempts: number; error_code: string | null;
  error_message: string | null; error_message_en: string | null; body_sha256: string | null; credited: number | null;
  credited_at: string | null; created_at: string; updated_at: string; sent_at: string | null;
  decision_id: string | null; balance_check: number | null; signatures: string | null; retry_of: string | null;
}

const SYSTEM = 'system';
const PATCHABLE: ReadonlySet<string> = new Set<keyof MeasurePatch>(['state', 'attempts', 'sentAt', 'outcome', 'error', 'approvedBy', 'signatures', 'balanceCheck']);

function validationError(zh: string, en: string, field?: string): AppFailure {
  return new AppFailure('VALIDATION', { zh, en }, field);
}

/** SQLite trigger and constraint failures in the judge's words. */
function translate(e: unknown, id: string): unknown {
  const msg = e instanceof Error ? e.message : '';
  if (msg.includes('NOT_A_DEBTOR')) return new AppFailure('NOT_A_DEBTOR');
  if (msg.includes('ASSET_NOT_OF_DEBTOR')) return validationError('该财产不是本案该被执行人的财产', 'the asset was not found for this debtor in this case', 'assetId');
  if (msg.includes('FREEZE_NOT_OF_ASSET')) return validationError('所指冻结措施不是本案该财产的冻结', 'the freeze named is not a freeze of this asset in this case', 'freezeId');
  if (msg.includes('MEASURE_DECISION_FIXED')) return new MeasureStateError('what was decided cannot change after the outbox write');
  if (msg.includes('BALANCE_CHECK_NOT_OF_FREEZE')) return validationError('所依据的余额查询不是该冻结的查询', 'the balance check relied on is not of this freeze', 'checkedAt');
  const code = (e as { code?: string }).code;
  if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return new MeasureExistsError(id);
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' && msg.includes('retry_of')) return new AppFailure('DECISION_TAKEN', { zh: '该被拒绝的扣划已重新扣划过', en: 'the refused deduction has already been decided again' }, 'retryOf');
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' && msg.includes('balance_check')) return new AppFailure('BALANCE_CHECK_USED', undefined, 'checkedAt');
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' && msg.includes('decision_id')) return new AppFailure('DECISION_TAKEN', undefined, 'decisionId');
  if (code === 'SQLITE_CONSTRAINT_CHECK') return validationError('措施内容不完整或不一致', `the measure is incomplete or inconsistent (${msg})`);
  return e;
}

function outcomeSummary(o: MeasureOutcome | undefined): Record<string, unknown> | undefined {
  if (!o) return undefined;
  return {
    frozenAmount: o.frozenAmount, queuePosition: o.queuePosition, endsOn: o.endsOn, deductedAmount: o.deductedAmount,
    agencyRef: o.agencyRef, executedAt: o.executedAt, rejection: o.rejection?.code,
  };
}

const signaturesJson = (s: readonly MeasureSignature[] | undefined) => (s?.length ? JSON.stringify(s) : null);

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export class MeasureRepo implements MeasureStore {
  constructor(
    private readonly conn: Connection,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly settings: SettingsRepo,
  ) {}

  private get db(): Db {
    return this.conn.db;
  }

  private toMeasure(r: MeasureRow): Measure {
    const m: Measure = {
      id: r.id, caseId: r.case_id, partyId: r.party_id, assetId: r.asset_id, channel: r.channel, assetKind: r.asset_kind,
      assetIdentifier: r.asset_identifier, kind: r.kind, state: r.state, decidedBy: r.decided_by,
      documents: documentsOfMeasure(this.db, r.id), attempts: r.attempts, createdAt: r.created_at, updatedAt: r.updated_at,
    };
    if (r.amount !== null) m.amount = r.amount;
    if (r.ends_on !== null) m.endsOn = r.ends_on;
    if (r.freeze_id !== null) m.freezeId = r.freeze_id;
    if (r.court_account !== null) m.courtAccount = JSON.parse(r.court_account) as CourtAccount;
    if (r.over_cap_reason !== null) m.overCapReason = r.over_cap_reason;
    if (r.legal_basis != null) m.legalBasis = r.legal_basis;
    if (r.approved_by !== null) m.approvedBy = r.approved_by;
    if (r.decision_id !== null) m.decisionId = r.decision_id;
    if (r.balance_check !== null) m.balanceCheck = r.balance_check;
    if (r.retry_of !== null) m.retryOf = r.retry_of;
    if (r.signatures !== null) m.signatures = JSON.parse(r.signatures) as MeasureSignature[];
    if (r.outcome !== null) m.outcome = JSON.parse(r.outcome) as MeasureOutcome;
    if (r.sent_at !== null) m.sentAt = r.sent_at;
    if (r.error_code !== null) m.error = { code: r.error_code, message: r.error_message ?? '', messageEn: r.error_message_en ?? '' };
    return m;
  }

  private row(id: string): MeasureRow | undefined {
    return this.db.prepare<[string], MeasureRow>('SELECT * FROM measures WHERE id = ?').get(id);
  }

  // ---- MeasureStore -------------------------------------------------------------------------

  /**
   * The outbox write, with its documents attached, its first history event and its audit entry,
   * in one immediate transaction. Refuses an existing id (MeasureExistsError), a party that is not
   * a debtor of the case (AppFailure NOT_A_DEBTOR), an asset not found for that debtor, a state
   * past 'queued', an over-seizure without a recorded reason and an unapproved large deduction.
   */
  insertMeasure(m: Measure, actor?: string): void {
    if (!MEASURE_KINDS.includes(m.kind)) throw validationError('未知的措施类型', `unknown measure kind ${String(m.kind)}`, 'kind');
    if (!INITIAL_MEASURE_STATES.includes(m.state)) {
      throw new MeasureStateError(`a measure is written to the outbox before it is sent, not as '${m.state}'`);
    }
    if (m.amount !== undefined && (assertFen(m.amount, 'amount') <= 0)) throw validationError('金额应大于 0', 'the amount must be above 0', 'amount');
    if (!m.decidedBy) throw validationError('缺少决定人', 'who decided is missing', 'decidedBy');
    try {
      this.db.transaction(() => {
        this.db.prepare(
          `INSERT INTO measures (id, case_id, party_id, asset_id, channel, asset_kind, asset_identifier, kind, state, amount,
             ends_on, freeze_id, court_account, over_cap_reason, decided_by, approved_by, outcome, attempts, error_code,
             error_message, error_message_en, created_at, updated_at, sent_at, decision_id, balance_check, signatures, retry_of, legal_basis)
           VALUES (@id, @caseId, @partyId, @assetId, @channel, @assetKind, @assetIdentifier, @kind, @state, @amount,
             @endsOn, @freezeId, @courtAccount, @overCapReason, @decidedBy, @approvedBy, @outcome, @attempts, @errorCode,
             @errorMessage, @errorMessageEn, @createdAt, @updatedAt, @sentAt, @decisionId, @balanceCheck, @signatures, @retryOf, @legalBasis)`,
        ).run({
          id: m.id, caseId: m.caseId, partyId: m.partyId, assetId: m.assetId, channel: m.channel, assetKind: m.assetKind,
          assetIdentifier: m.assetIdentifier, kind: m.kind, state: m.state, amount: m.amount ?? null, endsOn: m.endsOn ?? null,
          freezeId: m.freezeId ?? null, courtAccount: m.courtAccount === undefined ? null : JSON.stringify(m.courtAccount),
          overCapReason: m.overCapReason?.trim() || null, decidedBy: m.decidedBy, approvedBy: m.approvedBy ?? null,
          outcome: m.outcome === undefined ? null : JSON.stringify(m.outcome), attempts: m.attempts ?? 0,
          errorCode: m.error?.code ?? null, errorMessage: m.error?.message ?? null, errorMessageEn: m.error?.messageEn ?? null,
          createdAt: m.createdAt, updatedAt: m.updatedAt, sentAt: m.sentAt ?? null,
          decisionId: m.decisionId ?? null, balanceCheck: m.balanceCheck ?? null, signatures: signaturesJson(m.signatures),
          retryOf: m.retryOf ?? null, legalBasis: m.legalBasis ?? null,
        });
        if (m.retryOf !== undefined) this.assertRetryOf(m);
        if (m.approvedBy !== undefined) this.assertFourEyes(m, m.approvedBy);
        this.assertWithinPeriodCap(m);
        if (m.state !== 'draft') this.assertDecisionAllowed(m);
        if (m.documents?.length) attachDocuments(this.db, m, m.documents);
        const stored = this.getMeasure(m.id)!;
        this.record(stored, undefined, actor ?? m.decidedBy, {
          amount: m.amount, endsOn: m.endsOn, freezeId: m.freezeId, assetId: m.assetId, channel: m.channel,
          assetKind: m.assetKind, overCapReason: m.overCapReason, documents: stored.documents.map((d) => d.number),
          retryOf: m.retryOf,
        });
      }).immediate();
    } catch (e) {
      throw translate(e, m.id);
    }
  }

  /**
   * Patches progress (state, attempts, sentAt, outcome, error, approvedBy) in one immediate
   * transaction with its history event and audit entry. `error: undefined` in the patch clears the
   * error; a key left out keeps its value. A deduction confirmed executed adds its amount to the
   * case's recovered amount once: the same confirmation saved again changes nothing, a different
   * amount is refused. `actor` is who acted (defaults to 'system' for the engine).
   */
  updateMeasure(id: string, patch: MeasurePatch, actor?: string): Measure {
    try {
      return this.db.transaction((): Measure => {
        const row = this.row(id);
        if (!row) throw new AppFailure('NOT_FOUND', { zh: '措施不存在', en: 'no such measure' });
        const cur = this.toMeasure(row);
        const next: Measure = { ...cur, updatedAt: this.clock().toISOString() };
        for (const [k, v] of Object.entries(patch) as [keyof MeasurePatch, unknown][]) {
          // only progress is patched; what was decided is fixed (and a trigger refuses it anyway)
          if (!PATCHABLE.has(k)) continue;
          // an explicit undefined clears error or outcome; for any other field it changes nothing
          if (v !== undefined) (next as unknown as Record<string, unknown>)[k] = v;
          else if (k === 'error' || k === 'outcome') delete next[k];
        }
        if (!MEASURE_TRANSITIONS[cur.state]?.includes(next.state)) {
          throw new MeasureStateError(`a ${cur.kind} measure cannot move from '${cur.state}' to '${next.state}'`);
        }
        if (next.attempts === undefined || !Number.isInteger(next.attempts) || next.attempts < 0) {
          throw validationError('尝试次数无效', 'attempts must be a whole number', 'attempts');
        }
        if (next.approvedBy !== cur.approvedBy && next.approvedBy !== undefined) this.assertFourEyes(cur, next.approvedBy);
        // entering the outbox from a draft or an approval: the decision guards apply now
        if ((cur.state === 'draft' || cur.state === 'awaiting_approval') && next.state !== 'draft' && next.state !== 'cancelled') {
          this.assertDecisionAllowed(next, cur.state === 'awaiting_approval');
        }
        const credit = this.creditOf(row, next);
        this.db.prepare(
          `UPDATE measures SET state = @state, attempts = @attempts, sent_at = @sentAt, outcome = @outcome, approved_by = @approvedBy, signatures = @signatures, balance_check = @balanceCheck,
             error_code = @errorCode, error_message = @errorMessage, error_message_en = @errorMessageEn, updated_at = @updatedAt,
             credited = coalesce(credited, @credited), credited_at = coalesce(credited_at, @creditedAt)
           WHERE id = @id`,
        ).run({
          id, state: next.state, attempts: next.attempts, sentAt: next.sentAt ?? null,
          outcome: next.outcome === undefined ? null : JSON.stringify(next.outcome), approvedBy: next.approvedBy ?? null,
          signatures: signaturesJson(next.signatures), balanceCheck: next.balanceCheck ?? null,
          errorCode: next.error?.code ?? null, errorMessage: next.error?.message ?? null, errorMessageEn: next.error?.messageEn ?? null,
          updatedAt: next.updatedAt, credited: credit ?? null, creditedAt: credit === undefined ? null : next.updatedAt,
        });
        if (credit !== undefined) {
          this.db.prepare('UPDATE cases SET recovered = recovered + ?, updated_at = ? WHERE id = ?').run(credit, next.updatedAt, cur.caseId);
        }
        const stored = this.getMeasure(id)!;
        if (cur.state !== next.state || !sameJson(cur.outcome, next.outcome)) {
          this.record(stored, cur.state, actor ?? SYSTEM, {
            attempts: next.attempts, sentAt: next.sentAt, error: next.error?.code, outcome: outcomeSummary(next.outcome),
            credited: credit, approvedBy: next.approvedBy === cur.approvedBy ? undefined : next.approvedBy,
          });
        }
        if (cur.state !== stored.state && FAILED_MEASURE_STATES.has(stored.state)) {
          this.voidFailedDocuments(stored, actor ?? SYSTEM);
          return this.getMeasure(id)!;
        }
        return stored;
      }).immediate();
    } catch (e) {
      throw translate(e, id);
    }
  }

  getMeasure(id: string): Measure | undefined {
    const r = this.row(id);
    return r ? this.toMeasure(r) : undefined;
  }

  /**
   * The latest lawful last day of a freeze or renewal (docs/domain.md rule 2; 民诉法解释 第四百八十五条):
   * a freeze counted from the day it was decided (it cannot take effect earlier), a renewal from
   * the day after the end its freeze has now. Undefined for other kinds.
   */
  lawfulEndOf(m: Pick<Measure, 'id' | 'kind' | 'assetKind' | 'createdAt' | 'freezeId'>): IsoDate | undefined {
    if (m.kind === 'freeze') return maxEndDate(todayCst(new Date(m.createdAt)), m.assetKind);
    if (m.kind !== 'renew' || m.freezeId === undefined) return undefined;
    const ends = this.db.prepare<[string, string, string], string | null>(
      `SELECT coalesce(json_extract(outcome, '$.endsOn'), ends_on) FROM measures
         WHERE (id = ? OR (freeze_id = ? AND kind = 'renew' AND state = 'executed')) AND id <> ?`,
    ).pluck().all(m.freezeId, m.freezeId, m.id).filter((e): e is string => e !== null).sort();
    const current = ends[ends.length - 1];
    return current === undefined ? undefined : maxEndDate(renewalStart(current), m.assetKind);
  }

  /**
   * Measures not yet sent whose end date passes the legal cap — decided under the earlier count
   * (start day not counted, rolled past holidays) — must not go out as they are, and their date
   * cannot be corrected in place: the decision's signature covers it. Each is withdrawn with the
   * reason, its documents 作废 and an audit entry, for the judge to decide again (docs/domain.md
   * rule 2). Idempotent: the store runs it each time it opens.
   */
  withdrawPastCap(): Measure[] {
    const out: Measure[] = [];
    for (const m of this.list({ states: INITIAL_MEASURE_STATES })) {
      if (m.endsOn === undefined) continue;
      const max = this.lawfulEndOf(m);
      if (max === undefined || m.endsOn <= max) continue;
      out.push(this.db.transaction(() => {
        const done = this.updateMeasure(m.id, { state: 'cancelled', error: pastCapError(m.endsOn!, max) }, SYSTEM);
        this.audit.append({
          officer: m.decidedBy, action: `measure.${m.kind}.past-cap`, caseId: m.caseId,
          caseNumber: caseNumberOf(this.db, m.caseId),
          legalBasis: MEASURE_LEGAL_BASIS.renew,
          detail: { measureId: m.id, from: m.state, endsOn: m.endsOn, maxEndDate: max, via: SYSTEM },
        });
        return done;
      }).immediate());
    }
    return out;
  }

  /** Queued, sent or unknown, oldest first: what the engine resumes after a restart. */
  listOutbox(): Measure[] {
    return this.db.prepare<[], MeasureRow>(
      `SELECT * FROM measures WHERE state IN ('queued', 'sent', 'unknown') ORDER BY created_at, rowid`,
    ).all().map((r) => this.toMeasure(r));
  }

  /** Keeps a measure request sent or an answer received, verbatim with its SHA-256 (evidence). */
  recordMeasureExchange(e: { measureId: string; direction: 'sent' | 'received'; at: string; text: string }): void {
    const digest = sha256Hex(e.text);
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO measure_exchanges (measure_id, direction, text, sha256, at) VALUES (?, ?, ?, ?, ?)')
        .run(e.measureId, e.direction, e.text, digest, e.at);
      // the digest of what was first sent under this id: a re-send must be the same body
      if (e.direction === 'sent') this.db.prepare('UPDATE measures SET body_sha256 = coalesce(body_sha256, ?) WHERE id = ?').run(digest, e.measureId);
    }).immediate();
  }

  /**
   * The lease on an outbox measure (migration 6): one UPDATE, so that of two processes asking at
   * once exactly one is granted it. Not audited: who sends is not a decision, and every state
   * change the holder makes is.
   */
  claimMeasure(id: string, owner: string, until: string, now: string): boolean {
    return this.db.prepare(
      // the owner's own lease never shortens: one taken through a call's timeout outlasts the heartbeat
      `UPDATE measures SET claimed_by = @owner,
           claimed_until = CASE WHEN claimed_by = @owner AND claimed_until > @until THEN claimed_until ELSE @until END
         WHERE id = @id AND state IN ('queued', 'sent', 'unknown')
           AND (claimed_by IS NULL OR claimed_by = @owner OR claimed_until < @now)`,
    ).run({ id, owner, until, now }).changes === 1;
  }

  renewClaims(owner: string, until: string): void {
    // extends, never shortens: a lease taken through a call's timeout holds until the call is over
    this.db.prepare('UPDATE measures SET claimed_until = @until WHERE claimed_by = @owner AND (claimed_until IS NULL OR claimed_until < @until)').run({ until, owner });
  }

  releaseClaims(owner: string, id?: string): void {
    this.db.prepare('UPDATE measures SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = @owner AND (@id IS NULL OR id = @id)')
      .run({ owner, id: id ?? null });
  }

  /** who holds a measure now, if anyone */
  claimOf(id: string): { owner: string; until: string } | undefined {
    const r = this.db.prepare<[string], { claimed_by: string | null; claimed_until: string | null }>(
      'SELECT claimed_by, claimed_until FROM measures WHERE id = ?').get(id);
    return r?.claimed_by ? { owner: r.claimed_by, until: r.claimed_until ?? '' } : undefined;
  }

  // ---- reading -------------------------------------------------------------------------------

  /** Oldest first. */
  list(q: MeasureListQuery = {}): Measure[] {
    const where: string[] = [];
    const params: Record<string, string> = {};
    if (q.caseId !== undefined) {
      where.push('case_id = @caseId');
      params.caseId = q.caseId;
    }
    if (q.kind !== undefined) {
      where.push('kind = @kind');
      params.kind = q.kind;
    }
    if (q.decisionId !== undefined) {
      where.push('decision_id = @decisionId');
      params.decisionId = q.decisionId;
    }
    if (q.states !== undefined) {
      where.push('state IN (SELECT value FROM json_each(@states))');
      params.states = JSON.stringify(q.states);
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    return this.db.prepare<[Record<string, string>], MeasureRow>(`SELECT * FROM measures ${w} ORDER BY created_at, rowid`)
      .all(params).map((r) => this.toMeasure(r));
  }

  listForCase(caseId: string): Measure[] {
    return this.list({ caseId });
  }

  /** The measure's state changes, oldest first (the outbox view and the audit trail). */
  history(measureId: string): MeasureEvent[] {
    return this.db.prepare<[string], { seq: number; measure_id: string; at: string; actor: string; from_state: MeasureState | null; to_state: MeasureState; detail: string }>(
      'SELECT * FROM measure_events WHERE measure_id = ? ORDER BY seq',
    ).all(measureId).map((r) => {
      const ev: MeasureEvent = { seq: r.seq, measureId: r.measure_id, at: r.at, actor: r.actor, to: r.to_state, detail: JSON.parse(r.detail) as Record<string, unknown> };
      if (r.from_state !== null) ev.from = r.from_state;
      return ev;
    });
  }

  exchangesOf(measureId: string): MeasureExchange[] {
    return this.db.prepare<[string], { measure_id: string; direction: 'sent' | 'received'; at: string; text: string; sha256: string }>(
      'SELECT measure_id, direction, at, text, sha256 FROM measure_exchanges WHERE measure_id = ? ORDER BY seq',
    ).all(measureId).map((r) => ({ measureId: r.measure_id, direction: r.direction, at: r.at, text: r.text, sha256: r.sha256 }));
  }

  /** SHA-256 of the body first sent under this id. */
  bodyDigestOf(measureId: string): string | undefined {
    return this.db.prepare<[string], string | null>('SELECT body_sha256 FROM measures WHERE id = ?').pluck().get(measureId) ?? undefined;
  }

  /** Fen this deduction added to the case's recovered amount (undefined until confirmed). */
  creditedOf(measureId: string): Fen | undefined {
    return this.db.prepare<[string], number | null>('SELECT credited FROM measures WHERE id = ?').pluck().get(measureId) ?? undefined;
  }

  /**
   * The case's freezes as the judge tracks them today: pending ones, and executed ones not yet
   * wholly released or deducted (in force, waiting or lapsed), with the amount still frozen, the
   * end date after renewals and the queue position. Oldest first.
   */
  liveFreezes(caseId: string, today: IsoDate = todayCst(this.clock())): LiveFreeze[] {
    const values = new Map(this.db.prepare<[string], { id: string; value: number }>('SELECT id, value FROM assets WHERE case_id = ? AND value IS NOT NULL')
      .all(caseId).map((a) => [a.id, a.value] as const));
    return freezeViews(this.list({ caseId }), today, values);
  }

  /**
   * Every case's live freezes at once (the expiry calendar, the reminders, the preservation list):
   * the cases with a freeze, then their measures and their valued assets in one pass each, grouped
   * here — never a query per case. Cases in the order of their first freeze.
   */
  liveFreezesOfAll(today: IsoDate = todayCst(this.clock())): { caseId: string; caseNumber: string; freezes: LiveFreeze[] }[] {
    const numbers = new Map(this.db.prepare<[], { id: string; number: string }>(
      `SELECT id, number FROM cases WHERE id IN (SELECT case_id FROM measures WHERE kind = 'freeze')`).all().map((c) => [c.id, c.number] as const));
    const ids = JSON.stringify([...numbers.keys()]);
    const inCases = 'case_id IN (SELECT value FROM json_each(?))';
    const values = new Map(this.db.prepare<[string], { id: string; value: number }>(`SELECT id, value FROM assets WHERE value IS NOT NULL AND ${inCases}`)
      .all(ids).map((a) => [a.id, a.value] as const));
    const byCase = new Map<string, Measure[]>();
    const firstFreeze = new Set<string>();
    for (const r of this.db.prepare<[string], MeasureRow>(`SELECT * FROM measures WHERE ${inCases} ORDER BY created_at, rowid`).all(ids)) {
      const m = this.toMeasure(r);
      if (m.kind === 'freeze') firstFreeze.add(m.caseId);
      const list = byCase.get(m.caseId);
      if (list) list.push(m);
      else byCase.set(m.caseId, [m]);
    }
    return [...firstFreeze].map((caseId) => ({ caseId, caseNumber: numbers.get(caseId) ?? '', freezes: freezeViews(byCase.get(caseId)!, today, values) }));
  }

  /** Frozen in force plus asked by pending freezes: what counts against the cap (rule 1). */
  frozenTotalForCase(caseId: string, today: IsoDate = todayCst(this.clock())): Fen {
    return frozenTotal(this.liveFreezes(caseId, today));
  }

  /**
   * What the cap of a case is computed from on `asOf` (rule 1): amount owed, costs, recovered and,
   * when the case gives its 履行期限届满日 and principal, the late-performance interest with the
   * executed deductions as payments on the day they were executed, and the debtor's own payments
   * on the day he paid.
   */
  capInputFor(caseId: string, asOf: IsoDate = todayCst(this.clock())): CapInput {
    const c = this.db.prepare<[string], { amount_owed: number; costs: number; recovered: number; performance_due_on: string | null; interest_principal: number | null }>(
      'SELECT amount_owed, costs, recovered, performance_due_on, interest_principal FROM cases WHERE id = ?',
    ).get(caseId);
    if (!c) throw new AppFailure('NOT_FOUND', { zh: '案件不存在', en: 'no such case' });
    const input: CapInput = { amountOwed: c.amount_owed, costs: c.costs, recovered: c.recovered };
    if (c.performance_due_on === null || c.interest_principal === null) return input;
    // executed deductions on their day, his own payments (migration "debtor payments") on the day he paid
    const payments = this.db.prepare<[string], { amount: number; on: string }>(
      `SELECT r.amount, r.on_day AS "on" FROM (${RECOVERED_PARTS}) r WHERE r.case_id = ?`,
    ).all(caseId);
    input.lateInterest = { principal: c.interest_principal, dueOn: c.performance_due_on, asOf, payments };
    return input;
  }

  /** The most a case may hold frozen (rule 1): the one formula, `freezeCap`. */
  capForCase(caseId: string, asOf?: IsoDate): Fen {
    return freezeCap(this.capInputFor(caseId, asOf));
  }

  // ---- inside the write transaction ----------------------------------------------------------

  /** A deduction taken up again names a deduction of the same freeze that the agency refused. */
  private assertRetryOf(m: Measure): void {
    const r = this.row(m.retryOf!);
    if (!r || m.kind !== 'deduct' || r.kind !== 'deduct' || r.freeze_id !== (m.freezeId ?? null) || r.state !== 'rejected') {
      throw validationError('只能就本冻结被协助单位拒绝的扣划重新扣划', 'only a deduction of this freeze that the agency refused can be decided again', 'retryOf');
    }
  }

  /** A measure is approved by someone other than who decided it. */
  private assertFourEyes(m: Pick<Measure, 'decidedBy'>, approver: string): void {
    if (!approver) throw validationError('缺少审批人', 'the approver is missing', 'approvedBy');
    if (approver === m.decidedBy) throw validationError('审批人不能是决定人本人', 'the approver cannot be the officer who decided', 'approvedBy');
  }

  /**
   * Deductions decided but not concluded (awaiting approval, queued, sent, unknown) other than
   * `exceptId`: of one freeze, or of the whole case. They count against the frozen and the
   * outstanding amount as if done, so two windows cannot each spend the same balance.
   */
  deductionsInFlight(q: { freezeId?: string; caseId?: string; exceptId?: string; executedAfter?: string }): Fen {
    const where = q.freezeId !== undefined ? 'freeze_id = @scope' : 'case_id = @scope';
    return this.db.prepare<[Record<string, string | null>], number>(
      `SELECT coalesce(sum(amount), 0) FROM measures WHERE kind = 'deduct' AND ${where} AND id IS NOT @exceptId
         AND (state IN ('awaiting_approval', 'queued', 'sent', 'unknown')
           OR (state = 'executed' AND @after IS NOT NULL AND json_extract(outcome, '$.executedAt') > @after))`,
    ).pluck().get({ scope: q.freezeId ?? q.caseId ?? '', exceptId: q.exceptId ?? null, after: q.executedAfter ?? null }) ?? 0;
  }

  /** No freeze or renewal is stored with an end date past the legal cap (rule 2). */
  private assertWithinPeriodCap(m: Measure): void {
    if (m.endsOn === undefined) return;
    const max = this.lawfulEndOf(m);
    if (max !== undefined && m.endsOn > max) {
      const e = pastCapError(m.endsOn, max);
      throw validationError(e.message, e.messageEn, 'endsOn');
    }
  }

  /** Guards for a measure entering the outbox (or awaiting approval). */
  private assertDecisionAllowed(m: Measure, alreadyCounted = false): void {
    if (m.kind === 'deduct' && m.amount !== undefined && OUTBOX_STATES.concat('executed').includes(m.state)) {
      const threshold = this.settings.get('approvalThreshold');
      if (m.amount > threshold && !m.approvedBy) {
        throw validationError('扣划金额超过审批额度，须经庭长或局长审批', 'a deduction above the approval threshold needs a division chief’s approval', 'approvedBy');
      }
    }
    if (m.kind === 'deduct' && m.amount !== undefined && !alreadyCounted && (m.state === 'awaiting_approval' || OUTBOX_STATES.includes(m.state))) {
      this.assertDeductionCovered(m);
    }
    if (m.kind === 'freeze' && m.amount !== undefined && !m.overCapReason && !alreadyCounted && PENDING_FREEZE_STATES.has(m.state)) {
      const others = frozenTotal(this.liveFreezes(m.caseId).filter((v) => v.measure.id !== m.id));
      const cap = this.capForCase(m.caseId);
      if (others + m.amount > cap) {
        throw validationError(
          `冻结后合计 ${others + m.amount} 分，超过未履行金额、执行费与迟延履行利息之和 ${cap} 分（超标的）；如财产不可分，请记录理由`,
          `frozen in total ${others + m.amount} fen would exceed the outstanding amount plus costs and late-performance interest, ${cap} fen (over-seizure); record a reason for an indivisible asset`,
          'amount',
        );
      }
    }
  }

  /**
   * A deduction fits what its balance check found, less what other deductions of the freeze
   * already take, and what is still owed, less the case's other deductions in flight (rules 1, 6).
   */
  private assertDeductionCovered(m: Measure): void {
    const amount = m.amount ?? 0;
    if (m.balanceCheck !== undefined && m.freezeId !== undefined) {
      const check = this.db.prepare<[number], { amount: number; checked_at: string }>('SELECT amount, checked_at FROM frozen_balance_checks WHERE seq = ?').get(m.balanceCheck);
      const left = (check?.amount ?? 0) - this.deductionsInFlight({ freezeId: m.freezeId, exceptId: m.id, ...(check ? { executedAfter: check.checked_at } : {}) });
      if (amount > left) {
        throw validationError(
          `扣划 ${amount} 分超过冻结余额中尚未扣划的 ${Math.max(0, left)} 分（已有扣划在办理中）`,
          `a deduction of ${amount} fen exceeds the ${Math.max(0, left)} fen of the frozen balance not yet taken by deductions under way`, 'amount');
      }
    }
    const owed = this.capForCase(m.caseId) - this.deductionsInFlight({ caseId: m.caseId, exceptId: m.id });
    if (amount > owed) {
      throw validationError(
        `扣划 ${amount} 分超过扣除办理中扣划后尚未履行的 ${Math.max(0, owed)} 分`,
        `a deduction of ${amount} fen exceeds the ${Math.max(0, owed)} fen still owed after the deductions under way`, 'amount');
    }
  }

  /** The fen to add to the case's recovered amount with this update, if any (once per deduction). */
  private creditOf(row: MeasureRow, next: Measure): Fen | undefined {
    if (row.kind !== 'deduct' || next.state !== 'executed') return undefined;
    const amount = next.outcome?.deductedAmount ?? next.amount;
    if (row.credited !== null) {
      if (amount !== row.credited) {
        throw new MeasureStateError(`a confirmed deduction of ${row.credited} fen cannot be changed to ${String(amount)}`);
      }
      return undefined;
    }
    if (amount === undefined || assertFen(amount, 'deductedAmount') <= 0) return undefined;
    return amount;
  }

  /**
   * A ruling or notice is 作废 once every measure it covers has failed (docs/documents.md): the
   * last failure of a decision's items voids its ruling, the last of an agency's its notice.
   */
  private voidFailedDocuments(m: Measure, actor: string): void {
    for (const doc of storedDocumentsOfMeasure(this.db, m.id)) {
      const cover = doc.measureIds.map((x) => (x === m.id ? m : this.getMeasure(x)!));
      if (!cover.every((x) => FAILED_MEASURE_STATES.has(x.state))) continue;
      voidDocument(this.db, this.audit, doc, m, { reason: documentVoidReason(cover), at: m.updatedAt }, actor);
    }
  }

  /** History event and audit entry for a new state (or outcome), in the caller's transaction. */
  private record(m: Measure, from: MeasureState | undefined, actor: string, extra: Record<string, unknown>): void {
    const at = this.clock().toISOString();
    const detail = JSON.parse(JSON.stringify({ measureId: m.id, kind: m.kind, from, to: m.state, ...extra })) as Record<string, unknown>;
    this.db.prepare('INSERT INTO measure_events (measure_id, at, actor, from_state, to_state, detail) VALUES (?, ?, ?, ?, ?, ?)')
      .run(m.id, at, actor, from ?? null, m.state, JSON.stringify(detail));
    const c = caseNumberOf(this.db, m.caseId);
    const p = this.db.prepare<[string], { id: string; id_number: string }>('SELECT id, id_number FROM parties WHERE id = ?').get(m.partyId);
    this.audit.append({
      officer: actor === SYSTEM ? m.decidedBy : actor,
      action: `measure.${m.kind}.${m.state}`,
      caseId: m.caseId,
      caseNumber: c,
      subject: p ? auditSubject({ id: p.id, idNumber: p.id_number }) : undefined,
      legalBasis: m.legalBasis ?? MEASURE_LEGAL_BASIS[m.kind],
      detail: actor === SYSTEM ? { ...detail, via: SYSTEM } : detail,
    });
  }
}

/** Why a measure past the period cap was withdrawn, with the lawful date for the new decision. */
function pastCapError(endsOn: string, max: string): { code: string; message: string; messageEn: string } {
  return {
    code: 'PAST_LEGAL_CAP',
    message: `冻结期限超过法定上限，须重新决定：所定截止日 ${endsOn}，依法最迟至 ${max}`,
    messageEn: `The freeze period passes the legal cap and must be decided again: it was set to end on ${endsOn}, lawfully ${max} at the latest`,
  };
}

