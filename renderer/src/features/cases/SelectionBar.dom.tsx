/**
 * Ticking cases in the case list (store slice `selection`): a tick per row, shift-click for a range
 * from the last tick, the head's tick or Ctrl+A for the whole filtered list, Space for the row the
 * keyboard is on, Esc to clear. The bar says how many are ticked; what can be done with them is
 * `SelectionActions` (its own file), given the ticked ids.
 */
import type { MouseEvent } from 'react';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { errorText } from '../../i18n/dict';
import { matches } from '../../ui/shortcuts';
import { SelectionActions } from './SelectionActions.dom';

/** The list's keys for ticking; the case list calls it when focus is not in its search box. */
export function selectionKey(e: KeyboardEvent): void {
  const s = useAppStore.getState();
  if (matches('list.selectAll', e)) {
    e.preventDefault();
    void s.selectAllFilteredCases();
  } else if (matches('list.toggle', e) && !pressable(e.target)) {
    e.preventDefault();
    s.toggleCaseSelected(s.caseSelected);
  } else if (matches('list.clearSelection', e) && s.selectedCaseIds.length > 0) {
    e.preventDefault();
    s.clearCaseSelection();
  }
}

/** Space presses a focused button or tick itself: it is not the list's then. */
function pressable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('button, a, input, select, textarea, summary') !== null;
}

export function CaseTick({ index, caseId, number }: { index: number; caseId: string; number: string }) {
  const { t } = useT();
  const ticked = useAppStore((s) => s.selectedCaseIds.includes(caseId));
  const onClick = (e: MouseEvent<HTMLInputElement>) => {
    // a tick is not an open: the row's own click opens the case
    e.stopPropagation();
    const s = useAppStore.getState();
    if (e.shiftKey && s.selectionAnchor?.seq === s.caseListSeq) void s.selectCaseRange(index);
    else s.toggleCaseSelected(index);
  };
  return (
    <input
      type="checkbox"
      className="case-tick"
      data-testid={`case-tick-${number}`}
      aria-label={t.selection.tick(number)}
      checked={ticked}
      onChange={() => {}}
      onMouseDown={(e) => e.stopPropagation()}
      onClick={onClick}
    />
  );
}

export function SelectAllTick() {
  const { t } = useT();
  const total = useAppStore((s) => s.caseTotal ?? 0);
  const count = useAppStore((s) => s.selectedCaseIds.length);
  const all = useAppStore((s) => {
    if (!s.caseTotal) return false;
    const ticked = new Set(s.selectedCaseIds);
    return Object.values(s.caseRows).every((r) => ticked.has(r.id)) && ticked.size >= s.caseTotal;
  });
  const busy = useAppStore((s) => s.selectionBusy);
  return (
    <input
      type="checkbox"
      className="case-tick"
      data-testid="case-tick-all"
      aria-label={t.selection.all}
      title={t.selection.allTitle}
      disabled={total === 0 || busy}
      checked={all}
      ref={(el) => {
        if (el) el.indeterminate = !all && count > 0;
      }}
      onChange={() => {
        const s = useAppStore.getState();
        if (all) s.clearCaseSelection();
        else void s.selectAllFilteredCases();
      }}
    />
  );
}

export function SelectionBar() {
  const { t, lang } = useT();
  const ids = useAppStore((s) => s.selectedCaseIds);
  const busy = useAppStore((s) => s.selectionBusy);
  const error = useAppStore((s) => s.selectionError);
  const clear = useAppStore((s) => s.clearCaseSelection);
  if (ids.length === 0 && !busy && !error) return null;
  return (
    <div className="selection-bar" role="region" aria-label={t.selection.label} data-testid="selection-bar">
      <span data-testid="selection-count" aria-live="polite">
        {busy ? t.selection.selecting : t.selection.count(ids.length)}
      </span>
      {error && (
        <span className="field-error" role="alert" data-testid="selection-error">
          {errorText(error, lang)}
        </span>
      )}
      <SelectionActions selectedCaseIds={ids} />
      <span className="toolbar-spacer" />
      <button type="button" className="btn btn-quiet" data-testid="selection-clear" onClick={clear}>
        {t.selection.clear}
      </button>
    </div>
  );
}
