/**
 * The case list's keys (renderer/src/ui/shortcuts.ts, scope 'caseList'): / focuses the search box,
 * ↑/↓ and PageUp/PageDown move the highlighted row, Enter opens it; when not in the search box, the
 * ticking keys (SelectionBar.dom.tsx).
 */
import { useCallback, useEffect, type RefObject } from 'react';
import { useAppStore } from '../../store';
import { takesText } from '../../ui/keys';
import { matches } from '../../ui/shortcuts';
import { selectionKey } from './SelectionBar.dom';

export function useCaseListKeys(searchRef: RefObject<HTMLInputElement | null>): void {
  const openSelected = useCallback(() => {
    const s = useAppStore.getState();
    const row = s.caseRows[s.caseSelected];
    if (row) void s.openCase(row.id);
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = useAppStore.getState();
      if (s.newCaseOpen || s.batchStartOpen || s.paletteOpen || s.shortcutHelpOpen || e.defaultPrevented) return;
      const inSearch = e.target === searchRef.current;
      if (takesText(e.target) && !inSearch) return;
      if (matches('list.search', e) && !inSearch) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if (matches('list.move', e)) {
        e.preventDefault();
        s.moveCaseSelection(e.key === 'ArrowDown' ? 1 : -1);
      } else if (matches('list.page', e)) {
        e.preventDefault();
        s.moveCaseSelection(e.key === 'PageDown' ? 15 : -15);
      } else if (matches('list.open', e) && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault();
        openSelected();
      } else if (!inSearch) {
        selectionKey(e);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [openSelected, searchRef]);
}
