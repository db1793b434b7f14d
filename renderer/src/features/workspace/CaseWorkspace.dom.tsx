/**
 * The case workspace: header (amounts, filing date, the 6-month time limit), parties with IDs
 * masked by default, the query panel and its results. Q or Ctrl+Enter queries; Esc goes back.
 */
import { useEffect } from 'react';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { hasModifier, isEditable } from '../../ui/keys';
import { QueryPanel } from '../query/QueryPanel.dom';
import { ResultsTabs } from '../query/ResultsTabs.dom';
import { CaseHeader } from './CaseHeader.dom';
import { PartiesPanel } from './PartiesPanel.dom';

export function CaseWorkspace() {
  const { t, lang } = useT();
  const detail = useAppStore((s) => s.currentCase);
  const loadError = useAppStore((s) => s.caseLoadError);
  const closeCase = useAppStore((s) => s.closeCase);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const s = useAppStore.getState();
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        void s.startQuery();
        return;
      }
      if (isEditable(e.target) || hasModifier(e)) return;
      if (e.key === 'q' || e.key === 'Q') {
        e.preventDefault();
        void s.startQuery();
      } else if (e.key === 'Escape') {
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
      </div>
      {!detail ? (
        <div className="empty" data-testid="workspace-loading" role={loadError ? 'alert' : 'status'}>
          {loadError ? errorText(loadError, lang) : t.workspace.loading}
        </div>
      ) : (
        <>
          <CaseHeader detail={detail} />
          <div className="workspace-body">
            <section className="panel workspace-left">
              <PartiesPanel parties={detail.parties} />
              <QueryPanel />
            </section>
            <section className="panel workspace-right" aria-label={t.workspace.tabsLabel}>
              <ResultsTabs />
            </section>
          </div>
        </>
      )}
    </main>
  );
}
