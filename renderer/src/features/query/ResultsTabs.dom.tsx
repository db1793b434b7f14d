/** What the queries found, in three tabs: assets (with totals), whereabouts, other records. */
import { useMemo, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store';
import type { ResultsTab } from '../../store/slices/ui';
import { useT } from '../../store/selectors';
import { AssetsPanel } from './AssetsPanel.dom';
import { InfoPanel } from './InfoPanel.dom';
import { WhereaboutsPanel } from './WhereaboutsPanel.dom';
import { matches } from '../../ui/shortcuts';

const TABS: readonly ResultsTab[] = ['assets', 'whereabouts', 'info'];

export function ResultsTabs() {
  const { t } = useT();
  const tab = useAppStore((s) => s.resultsTab);
  const setTab = useAppStore((s) => s.setResultsTab);
  const counts = useAppStore(
    useShallow((s) => ({ assets: s.assets.length, whereabouts: s.whereabouts.length, info: s.info.length })),
  );
  const labels: Record<ResultsTab, string> = { assets: t.assets.tab, whereabouts: t.whereabouts.tab, info: t.info.tab };

  const onKey = (e: KeyboardEvent) => {
    if (!matches('tabs.switch', e)) return;
    e.preventDefault();
    const i = TABS.indexOf(tab);
    const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
    setTab(next);
    document.getElementById(`tab-${next}`)?.focus();
  };

  const panel = useMemo(() => {
    if (tab === 'assets') return <AssetsPanel />;
    if (tab === 'whereabouts') return <WhereaboutsPanel />;
    return <InfoPanel />;
  }, [tab]);

  return (
    <>
      <div className="tabs" role="tablist" onKeyDown={onKey}>
        {TABS.map((k) => (
          <button
            key={k}
            id={`tab-${k}`}
            type="button"
            role="tab"
            className="tab"
            aria-selected={tab === k}
            aria-controls={`tabpanel-${k}`}
            tabIndex={tab === k ? 0 : -1}
            data-testid={`tab-${k}`}
            onClick={() => setTab(k)}
          >
            {labels[k]} <span className="count">{counts[k]}</span>
          </button>
        ))}
      </div>
      <div className="tabpanel" role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {panel}
      </div>
    </>
  );
}
