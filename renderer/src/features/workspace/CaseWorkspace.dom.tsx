/**
 * The case workspace: header (amounts, filing date, the 6-month time limit), then three tabs —
 * inquiry (parties with IDs masked by default, the query panel and its results), freeze, deduction,
 * credit sanctions (C).
 * Keys (renderer/src/ui/shortcuts.ts, scope 'workspace'): Q or Ctrl+Enter queries; F opens the freeze panel and, once there, sends the freeze; D opens the
 * deduction panel; H switches hearing mode on; Esc goes back. A case paid in full proposes 结案
 * above the tabs.
 */
import { useEffect } from 'react';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { hasModifier, isEditable } from '../../ui/keys';
import { matches } from '../../ui/shortcuts';
import { QueryResultNoticeButton } from '../notices/QueryResultNoticeButton.dom';
import { QueryPanel } from '../query/QueryPanel.dom';
import { ResultsTabs } from '../query/ResultsTabs.dom';
import { FreezePanel } from '../freeze/FreezePanel.dom';
import { DeductionPanel } from '../deduction/DeductionPanel.dom';
import { ConductPanel } from '../conduct/ConductPanel.dom';
import { PaidInFull } from '../deduction/PaidInFull.dom';
import { DebtorPayments } from '../payments/DebtorPayments.dom';
import { DistributionPanel } from '../distribution/DistributionPanel.dom';
import { ValuationPanel } from '../valuation/ValuationPanel.dom';
import { CaseHeader } from './CaseHeader.dom';
import { EvidenceExport } from './EvidenceExport.dom';
import { PartiesPanel } from './PartiesPanel.dom';
import { WorkspaceTabs } from './WorkspaceTabs.dom';
import { CaseJobButtons } from '../jobs/CaseJobButtons.dom';
import { CreditPanel } from '../credit/CreditPanel.dom';
import { TerminalPanel } from '../terminal/TerminalPanel.dom';
import { RestrictionPanel } from '../restriction/RestrictionPanel.dom';

export function CaseWorkspace() {
  const { t, lang } = useT();
  const detail = useAppStore((s) => s.currentCase);
  const loadError = useAppStore((s) => s.caseLoadError);
  const closeCase = useAppStore((s) => s.closeCase);
  const tab = useAppStore((s) => s.workspaceTab);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const s = useAppStore.getState();
      // a dialog open on top has the keyboard
      if (s.docViewer || s.approvalFor || s.newCaseOpen || s.sendBatch || s.paletteOpen || s.shortcutHelpOpen) return;
      if (matches('ws.query', e) && (hasModifier(e) || !isEditable(e.target))) {
        e.preventDefault();
        void s.startQuery();
        return;
      }
      if (isEditable(e.target) || hasModifier(e)) return;
      if (matches('ws.freeze', e)) {
        e.preventDefault();
        if (s.workspaceTab !== 'freeze') s.setWorkspaceTab('freeze');
        else s.reviewFreeze();
      } else if (matches('ws.deduct', e)) {
        e.preventDefault();
        s.setWorkspaceTab('deduct');
      } else if (matches('ws.credit', e)) {
        e.preventDefault();
        s.setWorkspaceTab('credit');
      } else if (matches('ws.restrict', e)) {
        e.preventDefault();
        s.setWorkspaceTab('restrict');
      } else if (matches('ws.hearing', e)) {
        e.preventDefault();
        s.setHearing(true);
      } else if (matches('ws.back', e)) {
        e.preventDefault();
        s.closeCase();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <main className="page workspace">
      <div className="workspace-nav">
        <button type="button" className="btn btn-quiet" data-testid="workspace-back" onClick={closeCase}>
          ← {t.workspace.back}
        </button>
        {detail && <EvidenceExport caseId={detail.id} />}
      </div>
      {!detail ? (
        <div className="empty" data-testid="workspace-loading" role={loadError ? 'alert' : 'status'}>
          {loadError ? errorText(loadError, lang) : t.workspace.loading}
        </div>
      ) : (
        <>
          <CaseHeader detail={detail} />
          <PaidInFull />
          <WorkspaceTabs />
          {tab === 'query' && (
            <div className="workspace-body" id="ws-panel-query" role="tabpanel" aria-labelledby="ws-tab-query">
              <section className="panel workspace-left">
                <PartiesPanel parties={detail.parties} />
                <QueryPanel />
                <QueryResultNoticeButton caseId={detail.id} />
              </section>
              <section className="panel workspace-right" aria-label={t.workspace.tabsLabel}>
                <ResultsTabs />
              </section>
            </div>
          )}
          {tab === 'freeze' && (
            <div className="panel workspace-single" id="ws-panel-freeze" role="tabpanel" aria-labelledby="ws-tab-freeze">
              <CaseJobButtons caseId={detail.id} />
              <FreezePanel />
              <ValuationPanel caseId={detail.id} />
            </div>
          )}
          {tab === 'deduct' && (
            <div className="panel workspace-single" id="ws-panel-deduct" role="tabpanel" aria-labelledby="ws-tab-deduct">
              <DeductionPanel />
              <DebtorPayments />
              <DistributionPanel caseId={detail.id} />
            </div>
          )}
          {tab === 'terminal' && (
            <div className="panel workspace-single" id="ws-panel-terminal" role="tabpanel" aria-labelledby="ws-tab-terminal">
              <TerminalPanel caseId={detail.id} />
            </div>
          )}
          {tab === 'conduct' && (
            <div className="panel workspace-single" id="ws-panel-conduct" role="tabpanel" aria-labelledby="ws-tab-conduct">
              <ConductPanel />
            </div>
          )}
          {tab === 'credit' && (
            <div className="panel workspace-single" id="ws-panel-credit" role="tabpanel" aria-labelledby="ws-tab-credit">
              <CreditPanel caseId={detail.id} />
            </div>
          )}
          {tab === 'restrict' && (
            <div className="panel workspace-single" id="ws-panel-restrict" role="tabpanel" aria-labelledby="ws-tab-restrict">
              <RestrictionPanel caseId={detail.id} parties={detail.parties} />
            </div>
          )}
        </>
      )}
    </main>
  );
}
