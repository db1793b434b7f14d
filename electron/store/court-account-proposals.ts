/**
 * Four eyes on the court's receiving accounts (docs/authority.md, "Four eyes on the court's
 * accounts"): where deducted money goes is changed only by two senior officers. One proposes the
 * new list with a reason; another — never the proposer — confirms it, and the settings change in
 * the same transaction as the decision, or rejects it. Each step is audited with the officers'
 * codes; a confirmed proposal supersedes the others still pending, which were made against the
 * old list.
 */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../shared/app-failure';
import type { CourtAccount, CourtAccountProposal } from '../../shared/domain/measure-views';
import type { AuditLog } from './audit';
import type { Clock } from './clock';
import type { Connection } from './connection';
import type { Db } from './db';
import { validateSetting, type SettingsRepo } from './settings';

interface ProposalRow {
  id: string; accounts: string; previous: string; reason: string; proposed_by: string; proposed_at: string;
  status: CourtAccountProposal['status']; decided_by: string | null; decided_at: string | null; decision_note: string | null;
}

const toProposal = (r: ProposalRow): CourtAccountProposal => {
  const p: CourtAccountProposal = {
    id: r.id, accounts: JSON.parse(r.accounts) as CourtAccount[], previous: JSON.parse(r.previous) as CourtAccount[],
    reason: r.reason, proposedBy: r.proposed_by, proposedAt: r.proposed_at, status: r.status,
  };
  if (r.decided_by !== null) p.decidedBy = r.decided_by;
  if (r.decided_at !== null) p.decidedAt = r.decided_at;
  if (r.decision_note !== null) p.note = r.decision_note;
  return p;
};

/** The refusal a proposer meets when he tries to confirm his own proposal. */
export const OWN_PROPOSAL = {
  zh: '执行款专户的变更须由另一名庭长或局长确认，提出人本人不能确认',
  en: 'a change of the court’s accounts is confirmed by another chief or the director, never by its proposer',
} as const;

export class CourtAccountProposalRepo {
  constructor(
    private readonly conn: Connection,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly settings: SettingsRepo,
  ) {}

  private get db(): Db {
    return this.conn.db;
  }

  get(id: string): CourtAccountProposal | undefined {
    const r = this.db.prepare<[string], ProposalRow>('SELECT * FROM court_account_proposals WHERE id = ?').get(id);
    return r ? toProposal(r) : undefined;
  }

  /** Pending proposals, oldest first. */
  pending(): CourtAccountProposal[] {
    return this.db.prepare<[], ProposalRow>("SELECT * FROM court_account_proposals WHERE status = 'pending' ORDER BY proposed_at, rowid")
      .all().map(toProposal);
  }

  /** A chief or the director proposes the new list; nothing changes until another confirms it. */
  propose(accounts: readonly CourtAccount[], reason: string, by: string): CourtAccountProposal {
    const list = validateSetting('courtAccounts', accounts);
    const why = reason.trim();
    if (why.length < 2) throw new AppFailure('VALIDATION', { zh: '请写明变更执行款专户的理由', en: 'give the reason for the change' }, 'reason');
    const id = randomUUID();
    this.db.transaction(() => {
      const previous = this.settings.get('courtAccounts');
      if (JSON.stringify(previous) === JSON.stringify(list)) {
        throw new AppFailure('VALIDATION', { zh: '提出的账户与现有执行款专户相同', en: 'the proposed accounts are the ones in force' }, 'accounts');
      }
      const at = this.clock().toISOString();
      this.db.prepare(
        `INSERT INTO court_account_proposals (id, accounts, previous, reason, proposed_by, proposed_at) VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(id, JSON.stringify(list), JSON.stringify(previous), why, by, at);
      this.audit.append({ officer: by, action: 'settings.courtAccounts.proposed', detail: { proposalId: id, from: previous, to: list, reason: why } });
    }).immediate();
    return this.get(id)!;
  }

  /**
   * Another senior officer confirms: the accounts change (audited as a settings update), the
   * proposal is closed with his code, and the other pending proposals are superseded.
   */
  confirm(id: string, by: string): CourtAccountProposal {
    this.db.transaction(() => {
      const p = this.pendingOne(id);
      if (p.proposedBy === by) throw new AppFailure('FORBIDDEN', OWN_PROPOSAL);
      const at = this.clock().toISOString();
      this.close(id, 'confirmed', by, at);
      this.settings.update({ courtAccounts: p.accounts }, by);
      const others = this.pending().map((o) => o.id);
      // decided by none: the list they were made against is gone (the note names the confirmed one)
      for (const o of others) this.close(o, 'superseded', null, at, id);
      this.audit.append({
        officer: by, action: 'settings.courtAccounts.confirmed',
        detail: { proposalId: id, proposedBy: p.proposedBy, confirmedBy: by, from: p.previous, to: p.accounts, reason: p.reason, superseded: others },
      });
    }).immediate();
    return this.get(id)!;
  }

  /** Another senior officer (or the proposer, withdrawing it) rejects: nothing changes. */
  reject(id: string, by: string, note: string | undefined): CourtAccountProposal {
    this.db.transaction(() => {
      const p = this.pendingOne(id);
      const at = this.clock().toISOString();
      this.close(id, 'rejected', p.proposedBy === by ? null : by, at, note?.trim() || null);
      this.audit.append({
        officer: by, action: 'settings.courtAccounts.rejected',
        detail: { proposalId: id, proposedBy: p.proposedBy, rejectedBy: by, withdrawn: p.proposedBy === by, note: note?.trim() || undefined },
      });
    }).immediate();
    return this.get(id)!;
  }

  private pendingOne(id: string): CourtAccountProposal {
    const p = this.get(id);
    if (!p) throw new AppFailure('NOT_FOUND', { zh: '该变更申请不存在', en: 'no such proposal' }, 'proposalId');
    if (p.status !== 'pending') {
      throw new AppFailure('VALIDATION', { zh: '该变更申请已处理，不能再确认或驳回', en: 'this proposal was already decided' }, 'proposalId');
    }
    return p;
  }

  private close(id: string, status: CourtAccountProposal['status'], by: string | null, at: string, note: string | null = null): void {
    this.db.prepare('UPDATE court_account_proposals SET status = ?, decided_by = ?, decided_at = ?, decision_note = ? WHERE id = ?')
      .run(status, by, at, note, id);
  }
}
