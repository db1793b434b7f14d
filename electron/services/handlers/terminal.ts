/** 终本 and 执恢 (docs/domain.md rule 12): the checklist, the proposal, the chief's approval, 执恢. */
import { AppFailure } from '../../../shared/app-failure';
import { debtorOf } from '../credit/facts';
import type { FeatureHandlers } from '../context';
import type { Deps } from '../deps';
import { toRef } from '../../store/documents';
import { LEGAL_BASIS } from '../../../shared/legal/basis';
import { approveTerminal, proposeTerminal, refuseTerminal, type TerminalDeps } from '../terminal/closing';
import { resumeCase } from '../terminal/resume';
import { terminalApprovals, terminalView } from '../terminal/view';

export function terminalHandlers(d: Deps): FeatureHandlers<'terminal'> {
  const td: TerminalDeps = { now: d.now, courtName: d.courtName, client: d.client };
  return {
    view: (_i, { store, case: c }) => terminalView(store, c, d.now()),
    recordListingReason: ({ partyId, reason }, { store, officer, case: c }) => {
      if (c.status !== 'open') throw new AppFailure('CASE_CLOSED');
      const p = debtorOf(c, partyId);
      const id = store.terminal.recordListingReason(c.id, p.id, reason, officer.code);
      store.audit.append({ officer: officer.code, action: 'terminal.listing-reason', caseId: c.id, caseNumber: c.number, legalBasis: LEGAL_BASIS.terminal, detail: { partyId: p.id, reasonId: id } });
      return terminalView(store, c, d.now());
    },
    propose: async ({ pin }, { store, officer, session, case: c }) => {
      await d.vault.verifyPassword(officer.code, pin);
      return proposeTerminal(td, { store, officer, keys: session.keys }, c);
    },
    approvals: (_i, { store, officer }) => terminalApprovals(store, officer),
    approve: async ({ closingId, decision, reason, pin }, { store, officer, session, case: c }) => {
      await d.vault.verifyPassword(officer.code, pin);
      const actor = { store, officer, keys: session.keys };
      if (decision === 'refuse') return { closing: refuseTerminal(actor, c, closingId, reason ?? '') };
      const r = await approveTerminal(td, actor, c, closingId);
      session.jobs?.kick();
      const doc = r.closing.documentId ? store.documents.get(r.closing.documentId) : undefined;
      return { closing: r.closing, jobId: r.jobId, ...(doc ? { document: toRef(doc) } : {}) };
    },
    resume: async (_i, { store, officer, session, case: c }) => {
      const r = await resumeCase(td, { store, officer, keys: session.keys }, c, (jobId) => session.jobs?.interrupt(jobId));
      return {
        view: terminalView(store, r.case, d.now()),
        resumed: { id: r.resumed.id, number: r.resumed.number, status: r.resumed.status, amountOwed: r.resumed.amountOwed },
      };
    },
  };
}
