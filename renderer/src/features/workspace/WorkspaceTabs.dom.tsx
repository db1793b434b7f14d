/** The workspace's tabs: inquiry (query and results), freeze (F), deduction (D), credit sanctions (C), consumption restriction (L), the debtor's conduct, 终本 (docs/domain.md rule 12). */
import type { KeyboardEvent } from 'react';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import type { WorkspaceTab } from '../../store/slices/ui';
import { firstKeyText, matches } from '../../ui/shortcuts';

const TABS: readonly WorkspaceTab[] = ['query', 'freeze', 'deduct', 'credit', 'restrict', 'conduct', 'terminal'];

export function WorkspaceTabs() {
  const { t } = useT();
  const tab = useAppStore((s) => s.workspaceTab);
  const setTab = useAppStore((s) => s.setWorkspaceTab);
  const label: Record<WorkspaceTab, string> = { query: t.wsTabs.query, freeze: t.wsTabs.freeze, deduct: t.wsTabs.deduct, credit: t.wsTabs.credit, restrict: t.restriction.tab, conduct: t.conduct.tab, terminal: t.terminal.tab };
  const title: Record<WorkspaceTab, string | undefined> = { query: t.query.shortcut, freeze: t.wsTabs.freezeTitle, deduct: t.wsTabs.deductTitle, credit: t.wsTabs.creditTitle, restrict: t.restriction.tabTitle, conduct: t.conduct.title, terminal: t.terminal.title };
  const key: Record<WorkspaceTab, string> = { query: firstKeyText('ws.query'), freeze: t.keys.freeze, deduct: t.keys.deduct, credit: t.keys.credit, restrict: firstKeyText('ws.restrict'), conduct: '', terminal: '' };

  const onKey = (e: KeyboardEvent) => {
    if (!matches('tabs.switch', e)) return;
    e.preventDefault();
    const i = TABS.indexOf(tab);
    const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
    setTab(next);
    document.getElementById(`ws-tab-${next}`)?.focus();
  };

  return (
    <div className="tabs ws-tabs" role="tablist" aria-label={t.wsTabs.label} onKeyDown={onKey}>
      {TABS.map((k) => (
        <button
          key={k}
          id={`ws-tab-${k}`}
          type="button"
          role="tab"
          className="tab"
          aria-selected={tab === k}
          aria-controls={`ws-panel-${k}`}
          aria-keyshortcuts={key[k]}
          tabIndex={tab === k ? 0 : -1}
          title={title[k]}
          data-testid={`ws-tab-${k}`}
          onClick={() => setTab(k)}
        >
          {label[k]} {key[k] && <kbd>{key[k]}</kbd>}
        </button>
      ))}
    </div>
  );
}
