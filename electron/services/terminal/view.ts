/**
 * What the 终本 panel shows (docs/domain.md rule 12): the five conditions (as they stand today while the
 * case is open; as they stood when proposed once a closing is under way), the closing and its
 * signatures, the re-query runs with their 查询结果告知书, the re-query job, and the 执恢 case.
 */
import { TERMINAL_REQUERY_KIND, type TerminalApprovalItem, type TerminalView } from '../../../shared/domain/terminal';
import type { Officer } from '../../../shared/domain/types';
import type { SecureStore } from '../../store';
import type { StoredCase } from '../../store/cases';
import { checklistOf } from './closing';

function latestClosing(store: SecureStore, c: StoredCase) {
  return store.terminal.liveClosing(c.id) ?? store.terminal.lastClosing(c.id);
}

export function terminalView(store: SecureStore, c: StoredCase, now: Date): TerminalView {
  const closing = latestClosing(store, c);
  const live = closing && closing.state !== 'refused' ? closing : undefined;
  const job = store.jobs.list({ kinds: [TERMINAL_REQUERY_KIND], caseId: c.id }).at(-1);
  const resumed = live?.resumedCaseId ? store.cases.get(live.resumedCaseId) : undefined;
  return {
    checklist: live ? live.checklist : checklistOf(store, c, now),
    ...(closing ? { closing } : {}),
    runs: store.terminal.runs(c.id),
    ...(job ? { job: { id: job.id, state: job.state, runAt: job.runAt, runs: job.runs } } : {}),
    ...(resumed ? { resumed: { caseId: resumed.id, number: resumed.number } } : {}),
    caseStatus: c.status === 'open' ? 'open' : c.closing === 'terminal' ? 'terminal' : 'closed',
  };
}

/** The proposals waiting for approval, for a chief or the director (never his own). */
export function terminalApprovals(store: SecureStore, officer: Officer): TerminalApprovalItem[] {
  return store.terminal.awaitingApproval().filter((x) => x.proposedBy !== officer.code).flatMap((x) => {
    const c = store.cases.get(x.caseId);
    return c ? [{ closingId: x.id, caseId: c.id, caseNumber: c.number, proposedBy: x.proposedBy, proposedAt: x.proposedAt, ready: x.checklist.ready }] : [];
  });
}
