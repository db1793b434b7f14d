/**
 * Cases and their parties. A case number (案号) is unique; the docket import is idempotent by it.
 * Deadlines are not stored: they depend on the holiday table of the year and are computed by the
 * case service from filedOn (docs/domain.md rule 11).
 */
import { randomUUID } from 'node:crypto';
import type { CaseClosing, CaseDetail, CaseStatus, CaseSummary, FilingState, Party, PartyKind, PartyParticulars, PartyRole } from '../../shared/domain/types';
import type { CaseTypeCode } from '../../shared/ids/case-number';
import { parseCaseNumber } from '../../shared/ids/case-number';
import { AppFailure } from '../../shared/app-failure';
import { assertFen, type Fen } from '../../shared/money';
import type { Db } from './db';
import type { Connection } from './connection';
import type { Clock } from './clock';

export interface NewParty {
  kind: PartyKind;
  name: string;
  /** already validated by the caller (resident ID or credit code) */
  idNumber: string;
  address?: string;
  legalRepresentative?: { name: string; title?: string };
}

export interface NewCase {
  number: string;
  filedOn: string;
  cause: string;
  amountOwed: Fen;
  costs: Fen;
  applicant: NewParty;
  debtors: NewParty[];
  /** 履行期限届满日 and the principal late-performance interest accrues on: both or neither */
  performanceDueOn?: string;
  interestPrincipal?: Fen;
  status?: CaseStatus;
  /** 承办人, from the case-management system */
  assignee?: string;
  /** who entered it by hand (a pending filing) */
  enteredBy?: string;
  filing?: FilingState;
  /** a case the case-management system holds as closed (its closing history): the day and the way */
  closedOn?: string;
  cmsClosing?: CaseClosing;
}

/** CaseDetail without the date-derived fields (deadline, daysLeft) the service adds. */
export type StoredCase = Omit<CaseDetail, 'deadline' | 'daysLeft' | 'lateInterest' | 'preservationEndsOn'>;

export interface CaseListQuery {
  /** matches part of the case number, a party's name or a party's ID number */
  search?: string;
  status?: CaseStatus | 'all';
  offset?: number;
  limit?: number;
  /** only these 承办人's cases, and the filings `enteredBy` entered (a clerk's team); absent = all */
  scope?: { assignees: readonly string[]; enteredBy: string };
  /** only the cases assigned to these officers ("my cases") */
  assignees?: readonly string[];
  /** only these cases (the cases behind a dashboard figure) */
  ids?: readonly string[];
}

export interface CaseList {
  total: number;
  items: CaseSummary[];
}

interface CaseRow {
  id: string;
  number: string;
  court: string;
  type: CaseTypeCode;
  filed_on: string;
  status: CaseStatus;
  cause: string;
  amount_owed: number;
  costs: number;
  recovered: number;
  created_at: string;
  assignee: string | null;
  entered_by: string | null;
  filing: FilingState;
  filing_note: string | null;
  closed_on: string | null;
  closed_by: string | null;
  closing: CaseClosing | null;
  /** 终本: the approved closing (docs/domain.md rule 12) */
  terminal_closing?: string | null;
  /** closed as the case-management system records it (migration "closing history and dashboard indexes") */
  cms_closing?: CaseClosing | null;
  performance_due_on: string | null;
  interest_principal: number | null;
}

interface PartyRow {
  id: string;
  case_id: string;
  role: PartyRole;
  kind: PartyKind;
  name: string;
  id_number: string;
  particulars: string | null;
}

const toParty = (r: PartyRow): Party => ({
  id: r.id, caseId: r.case_id, role: r.role, kind: r.kind, name: r.name, idNumber: r.id_number,
  ...(r.particulars != null ? (JSON.parse(r.particulars) as PartyParticulars) : {}),
});

/** A party's 住所 and 法定代表人 as the store keeps them (JSON), or null when none is known; a person has no 法定代表人. */
export function partyParticulars(p: Pick<NewParty, 'kind' | 'address' | 'legalRepresentative'>): string | null {
  const address = p.address?.trim();
  const repName = p.kind === 'company' ? p.legalRepresentative?.name.trim() : undefined;
  const repTitle = p.legalRepresentative?.title?.trim();
  const out: PartyParticulars = {
    ...(address ? { address } : {}),
    ...(repName ? { legalRepresentative: { name: repName, ...(repTitle ? { title: repTitle } : {}) } } : {}),
  };
  return Object.keys(out).length ? JSON.stringify(out) : null;
}

function summary(r: CaseRow, parties: readonly { role: PartyRole; name: string }[]): CaseSummary {
  const s: CaseSummary = {
    id: r.id,
    number: r.number,
    court: r.court,
    type: r.type,
    filedOn: r.filed_on,
    status: r.status,
    applicantName: parties.find((p) => p.role === 'applicant')?.name ?? '',
    debtorNames: parties.filter((p) => p.role === 'debtor').map((p) => p.name),
    amountOwed: r.amount_owed,
    recovered: r.recovered,
    filing: r.filing,
  };
  if (r.assignee !== null) s.assignee = r.assignee;
  if (r.closed_on !== null) s.closedOn = r.closed_on;
  if (r.closing !== null) s.closing = r.closing;
  else if (r.terminal_closing) s.closing = 'terminal';
  else if (r.cms_closing) s.closing = r.cms_closing;
  return s;
}

function normalizeNumber(number: string) {
  const parsed = parseCaseNumber(number);
  if (!parsed.ok) throw new AppFailure(parsed.error);
  return parsed.value;
}

/** The two late-interest columns of a case: both, or neither (migration 9). */
function lateInterestColumns(c: Pick<NewCase, 'performanceDueOn' | 'interestPrincipal'>): { dueOn: string | null; principal: number | null } {
  if (c.performanceDueOn === undefined || c.interestPrincipal === undefined) return { dueOn: null, principal: null };
  return { dueOn: c.performanceDueOn, principal: assertFen(c.interestPrincipal, 'interestPrincipal') };
}

/** The system's 履行期限届满日 and principal when it gives them; else what the case has (entered by hand). */
const KEEP_OR_TAKE_LATE_INTEREST = `performance_due_on = CASE WHEN @dueOn IS NULL THEN performance_due_on ELSE @dueOn END,
  interest_principal = CASE WHEN @dueOn IS NULL THEN interest_principal ELSE @principal END`;

/** LIKE pattern for a substring, with the user's % and _ taken literally. */
function containsPattern(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** What a judge types: full-width brackets as on paper, a lower-case x at the end of an ID. */
function normalizeSearch(s: string): string {
  return s.trim().replace(/（/g, '(').replace(/）/g, ')').replace(/\s+/g, '').toUpperCase();
}

export class CaseRepo {
  constructor(
    private readonly conn: Connection,
    private readonly clock: Clock,
  ) {}

  private get db(): Db {
    return this.conn.db;
  }

  /** Case and parties in one transaction; AppFailure('CASE_EXISTS') for a number already present. */
  create(input: NewCase): StoredCase {
    const id = this.db.transaction(() => {
      const n = normalizeNumber(input.number);
      if (this.idByNumber(n.text)) throw new AppFailure('CASE_EXISTS', { zh: n.text, en: n.text }, 'number');
      return this.insert(n, input);
    }).immediate();
    return this.get(id)!;
  }

  get(id: string): StoredCase | undefined {
    const r = this.db.prepare<[string], CaseRow>('SELECT * FROM cases WHERE id = ?').get(id);
    if (!r) return undefined;
    const parties = this.db.prepare<[string], PartyRow>('SELECT * FROM parties WHERE case_id = ? ORDER BY position').all(id).map(toParty);
    const c: StoredCase = { ...summary(r, parties), costs: r.costs, cause: r.cause, parties, createdAt: r.created_at };
    if (r.entered_by !== null) c.enteredBy = r.entered_by;
    if (r.filing_note !== null) c.filingNote = r.filing_note;
    if (r.closed_by !== null) c.closedBy = r.closed_by;
    if (r.performance_due_on !== null && r.interest_principal !== null) {
      c.performanceDueOn = r.performance_due_on;
      c.interestPrincipal = r.interest_principal;
    }
    return c;
  }

  getByNumber(number: string): StoredCase | undefined {
    const parsed = parseCaseNumber(number);
    const id = parsed.ok ? this.idByNumber(parsed.value.text) : undefined;
    return id ? this.get(id) : undefined;
  }

  /** Newest first (by filing date); total counts all matches, not just the page. */
  list(q: CaseListQuery = {}): CaseList {
    const where: string[] = [];
    const params: Record<string, string | number> = {};
    if (q.status && q.status !== 'all') {
      where.push('c.status = @status');
      params.status = q.status;
    }
    if (q.scope) {
      where.push(`(c.assignee IN (SELECT value FROM json_each(@scopeAssignees)) OR (c.entered_by = @scopeEnteredBy AND c.filing = 'pending'))`);
      params.scopeAssignees = JSON.stringify(q.scope.assignees);
      params.scopeEnteredBy = q.scope.enteredBy;
    }
    if (q.assignees) {
      where.push('c.assignee IN (SELECT value FROM json_each(@assignees))');
      params.assignees = JSON.stringify(q.assignees);
    }
    if (q.ids) {
      where.push('c.id IN (SELECT value FROM json_each(@ids))');
      params.ids = JSON.stringify(q.ids);
    }
    const search = q.search ? normalizeSearch(q.search) : '';
    if (search) {
      where.push(`(c.number LIKE @like ESCAPE '\\' OR EXISTS (SELECT 1 FROM parties p WHERE p.case_id = c.id
        AND (p.name LIKE @like ESCAPE '\\' OR p.id_number LIKE @like ESCAPE '\\')))`);
      params.like = containsPattern(search);
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = this.db.prepare<[Record<string, string | number>], number>(`SELECT count(*) FROM cases c ${w}`).pluck().get(params) ?? 0;
    const rows = this.db.prepare<[Record<string, string | number>], CaseRow>(
      `SELECT c.* FROM cases c ${w} ORDER BY c.filed_on DESC, c.created_at DESC, c.rowid DESC LIMIT @limit OFFSET @offset`,
    ).all({ ...params, limit: Math.min(Math.max(q.limit ?? 50, 1), 500), offset: Math.max(q.offset ?? 0, 0) });
    const byCase = new Map<string, { role: PartyRole; name: string }[]>();
    if (rows.length) {
      const parties = this.db.prepare<[string], { case_id: string; role: PartyRole; name: string }>(
        'SELECT case_id, role, name FROM parties WHERE case_id IN (SELECT value FROM json_each(?)) ORDER BY case_id, position',
      ).all(JSON.stringify(rows.map((r) => r.id)));
      for (const p of parties) {
        const list = byCase.get(p.case_id) ?? [];
        list.push(p);
        byCase.set(p.case_id, list);
      }
    }
    return { total, items: rows.map((r) => summary(r, byCase.get(r.id) ?? [])) };
  }

  /**
   * Imports the court's docket. Idempotent by case number: a new number is created with its
   * parties; a known one takes the docket's cause, amounts and filing date, while its parties,
   * recovered amount and status stay as the bureau's own work left them.
   */
  upsertMany(cases: readonly NewCase[]): { imported: number; updated: number; total: number } {
    let imported = 0;
    let updated = 0;
    this.db.transaction(() => {
      for (const c of cases) {
        const n = normalizeNumber(c.number);
        const id = this.idByNumber(n.text);
        if (!id) {
          this.insert(n, c);
          imported++;
          continue;
        }
        // the system's word on the case wins: amounts, filing date and the 承办人 (a reassignment)
        const changes = this.db.prepare(
          `UPDATE cases SET cause = @cause, amount_owed = @owed, costs = @costs, filed_on = @filedOn, assignee = @assignee,
             ${KEEP_OR_TAKE_LATE_INTEREST}, filing = 'confirmed', filing_note = NULL, updated_at = @now
           WHERE id = @id AND (cause IS NOT @cause OR amount_owed IS NOT @owed OR costs IS NOT @costs OR filed_on IS NOT @filedOn
             OR assignee IS NOT @assignee OR (@dueOn IS NOT NULL AND (performance_due_on IS NOT @dueOn OR interest_principal IS NOT @principal))
             OR filing IS NOT 'confirmed')`,
        ).run({
          id, cause: c.cause, owed: assertFen(c.amountOwed, 'amountOwed'), costs: assertFen(c.costs, 'costs'),
          filedOn: c.filedOn, assignee: c.assignee ?? null, ...lateInterestColumns(c), now: this.clock().toISOString(),
        }).changes;
        updated += changes;
        this.takeParticulars(id, [c.applicant, ...c.debtors]);
      }
    }).immediate();
    return { imported, updated, total: cases.length };
  }

  /**
   * The case-management system's word on a filing entered by hand: confirmed (it takes the
   * system's cause, amounts, filing date and 承办人), refused, or still pending, with a note in the
   * judge's words. Only a filing not yet confirmed changes.
   */
  settleFiling(caseId: string, verdict: { filing: 'confirmed'; from: Pick<NewCase, 'cause' | 'amountOwed' | 'costs' | 'filedOn' | 'assignee' | 'performanceDueOn' | 'interestPrincipal'> } | { filing: 'pending' | 'refused'; note: string }): StoredCase {
    const now = this.clock().toISOString();
    const r = verdict.filing === 'confirmed'
      ? this.db.prepare(
        `UPDATE cases SET filing = 'confirmed', filing_note = NULL, cause = @cause, amount_owed = @owed, costs = @costs,
           filed_on = @filedOn, assignee = @assignee, ${KEEP_OR_TAKE_LATE_INTEREST}, updated_at = @now WHERE id = @id AND filing != 'confirmed'`,
      ).run({
        id: caseId, cause: verdict.from.cause, owed: assertFen(verdict.from.amountOwed, 'amountOwed'), costs: assertFen(verdict.from.costs, 'costs'),
        filedOn: verdict.from.filedOn, assignee: verdict.from.assignee ?? null, ...lateInterestColumns(verdict.from), now,
      })
      : this.db.prepare(`UPDATE cases SET filing = ?, filing_note = ?, updated_at = ? WHERE id = ? AND filing != 'confirmed'`).run(verdict.filing, verdict.note, now, caseId);
    if (r.changes === 0 && !this.get(caseId)) throw new AppFailure('NOT_FOUND', { zh: '案件不存在', en: 'no such case' });
    return this.get(caseId)!;
  }

  /**
   * The case-management system's 住所 and 法定代表人 for the parties of a case, matched by ID
   * number; a party the system says nothing about keeps what it has.
   */
  takeParticulars(caseId: string, from: readonly NewParty[]): void {
    const set = this.db.prepare('UPDATE parties SET particulars = ? WHERE case_id = ? AND id_number = ? AND particulars IS NOT ?');
    for (const p of from) {
      const json = partyParticulars(p);
      if (json !== null) set.run(json, caseId, p.idNumber.trim().toUpperCase(), json);
    }
  }

  setRecovered(caseId: string, recovered: Fen): StoredCase {
    this.update(caseId, 'recovered', assertFen(recovered, 'recovered'));
    return this.get(caseId)!;
  }

  setStatus(caseId: string, status: CaseStatus): StoredCase {
    this.update(caseId, 'status', status);
    return this.get(caseId)!;
  }

  /**
   * Closes an open case: the day (CST), who and the way, in one write — paid in full (执行完毕), or
   * 终本 under its approved closing (docs/domain.md rule 12; the migration "terminal closings, re-query runs and conduct reviews" keeps it in
   * its own column, as version 9's CHECK on `closing` admits only 'completed'). A case already
   * closed is refused (CASE_CLOSED), so two windows cannot close it twice.
   */
  close(caseId: string, how: { closedOn: string; closedBy: string } & ({ closing: Exclude<CaseClosing, 'terminal'> } | { terminalClosing: string })): StoredCase {
    const r = this.db.prepare(
      `UPDATE cases SET status = 'closed', closed_on = @closedOn, closed_by = @closedBy, closing = @closing, terminal_closing = @terminalClosing, updated_at = @now
       WHERE id = @id AND status = 'open'`,
    ).run({
      id: caseId, closedOn: how.closedOn, closedBy: how.closedBy, now: this.clock().toISOString(),
      closing: 'closing' in how ? how.closing : null, terminalClosing: 'terminalClosing' in how ? how.terminalClosing : null,
    });
    if (r.changes === 0) throw this.get(caseId) ? new AppFailure('CASE_CLOSED') : new AppFailure('NOT_FOUND', { zh: '案件不存在', en: 'no such case' });
    return this.get(caseId)!;
  }

  private update(caseId: string, column: 'recovered' | 'status', value: string | number): void {
    const r = this.db.prepare(`UPDATE cases SET ${column} = ?, updated_at = ? WHERE id = ?`).run(value, this.clock().toISOString(), caseId);
    if (r.changes === 0) throw new AppFailure('NOT_FOUND', { zh: '案件不存在', en: 'no such case' });
  }

  private idByNumber(number: string): string | undefined {
    return this.db.prepare<[string], string>('SELECT id FROM cases WHERE number = ?').pluck().get(number);
  }

  private insert(n: { text: string; court: string; type: CaseTypeCode }, c: NewCase): string {
    const id = randomUUID();
    const now = this.clock().toISOString();
    this.db.prepare(
      `INSERT INTO cases (id, number, court, type, filed_on, status, cause, amount_owed, costs, recovered, created_at, updated_at,
         assignee, entered_by, filing, performance_due_on, interest_principal, closed_on, cms_closing)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, n.text, n.court, n.type, c.filedOn, c.cmsClosing && c.closedOn ? 'closed' : c.status ?? 'open', c.cause,
      assertFen(c.amountOwed, 'amountOwed'), assertFen(c.costs, 'costs'), now, now,
      c.assignee ?? null, c.enteredBy ?? null, c.filing ?? 'confirmed', ...Object.values(lateInterestColumns(c)),
      c.cmsClosing && c.closedOn ? c.closedOn : null, c.cmsClosing && c.closedOn ? c.cmsClosing : null);
    const insertParty = this.db.prepare(
      'INSERT INTO parties (id, case_id, position, role, kind, name, id_number, particulars) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const parties: [PartyRole, NewParty][] = [['applicant', c.applicant], ...c.debtors.map((d): [PartyRole, NewParty] => ['debtor', d])];
    parties.forEach(([role, p], i) => insertParty.run(randomUUID(), id, i, role, p.kind, p.name.trim(), p.idNumber.trim().toUpperCase(), partyParticulars(p)));
    return id;
  }
}
