/**
 * Cases ticked in the case list, for acting on several at once: `selectedCaseIds` in the order they
 * were ticked. A tick, a shift-click range from the last tick, every case of the filtered list
 * (fetched in pages when it is longer than what is loaded), clear. Ids only: nothing personal.
 */
import type { AppError } from '../../../../shared/errors';
import { caseIdPages } from '../case-ids';
import type { SliceCreator } from '../types';

export interface SelectionData {
  selectedCaseIds: string[];
  /** the list index of the last single tick, in the list as it was queried then (caseListSeq): a shift-click ticks from there */
  selectionAnchor: { index: number; seq: number } | null;
  selectionBusy: boolean;
  selectionError: AppError | null;
}

export interface SelectionSlice extends SelectionData {
  /** ticks or unticks the case at this index of the list */
  toggleCaseSelected(index: number): void;
  /** ticks every case from the anchor to this index (the anchor itself when there is none) */
  selectCaseRange(index: number): Promise<void>;
  /** ticks every case of the list as filtered now */
  selectAllFilteredCases(): Promise<void>;
  clearCaseSelection(): void;
}

export const selectionInitial: SelectionData = { selectedCaseIds: [], selectionAnchor: null, selectionBusy: false, selectionError: null };

export const createSelectionSlice: SliceCreator<SelectionSlice> = (set, get) => {
  function add(ids: readonly string[]): void {
    const next = [...new Set([...get().selectedCaseIds, ...ids])];
    if (next.length !== get().selectedCaseIds.length) set({ selectedCaseIds: next });
  }

  /** the ids of list rows [from, to], from what is loaded, else from cases.list with the same query */
  async function idsOf(from: number, to: number): Promise<string[] | null> {
    const s = get();
    const loaded: string[] = [];
    for (let i = from; i <= to; i++) {
      const row = s.caseRows[i];
      if (!row) break;
      loaded.push(row.id);
    }
    if (loaded.length === to - from + 1) return loaded;
    const seq = s.caseListSeq;
    const search = s.caseSearch.trim();
    const query = { ...(search ? { search } : {}), status: s.caseStatus, ...(s.caseMine ? { mine: true } : {}) };
    const r = await caseIdPages(query, { from, to }, { stillCurrent: () => get().caseListSeq === seq });
    if (r.ok) return r.ids;
    if ('error' in r) set({ selectionError: r.error });
    return null;
  }

  async function busy(run: () => Promise<void>): Promise<void> {
    set({ selectionBusy: true, selectionError: null });
    try {
      await run();
    } finally {
      set({ selectionBusy: false });
    }
  }

  return {
    ...selectionInitial,

    toggleCaseSelected(index) {
      const row = get().caseRows[index];
      if (!row) return;
      const ids = get().selectedCaseIds;
      set({
        selectedCaseIds: ids.includes(row.id) ? ids.filter((id) => id !== row.id) : [...ids, row.id],
        selectionAnchor: { index, seq: get().caseListSeq },
      });
    },

    async selectCaseRange(index) {
      const a = get().selectionAnchor;
      // a tick made in another search or filter is no anchor in this list
      const anchor = a && a.seq === get().caseListSeq ? a.index : index;
      const [from, to] = anchor <= index ? [anchor, index] : [index, anchor];
      await busy(async () => {
        const ids = await idsOf(from, to);
        if (ids) add(ids);
      });
    },

    async selectAllFilteredCases() {
      const total = get().caseTotal;
      if (!total) return;
      await busy(async () => {
        const ids = await idsOf(0, total - 1);
        if (ids) add(ids);
      });
    },

    clearCaseSelection() {
      set({ ...selectionInitial });
    },
  };
};
