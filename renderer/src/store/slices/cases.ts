/**
 * Cases: the list (search, status, total, rows fetched page by page as they scroll into view),
 * the keyboard selection, import and creation.
 */
import type { AppError } from '../../../../shared/errors';
import type { CallInput, CallOutput } from '../../../../shared/ipc/contract';
import type { CaseDetail, CaseSummary } from '../../../../shared/domain/types';
import type { Result } from '../../../../shared/result';
import type { CaseStatusFilter } from '../../db/ui-db';
import { api } from '../api-holder';
import type { SliceCreator } from '../types';

export const CASE_PAGE = 100;

export interface CasesData {
  caseSearch: string;
  caseStatus: CaseStatusFilter;
  /** only the officer's own cases (a clerk's: his team's) */
  caseMine: boolean;
  /** null until the first page of the current query has answered */
  caseTotal: number | null;
  caseRows: Record<number, CaseSummary>;
  casePagesLoading: Record<number, true>;
  /** bumps on every new query so that late pages of an old one are dropped */
  caseListSeq: number;
  caseListError: AppError | null;
  caseSelected: number;
}

export interface CasesSlice extends CasesData {
  setCaseQuery(q: { search?: string; status?: CaseStatusFilter; mine?: boolean }): void;
  reloadCases(): Promise<void>;
  ensureCaseRows(start: number, end: number): void;
  moveCaseSelection(delta: number): void;
  setCaseSelection(index: number): void;
  importFromCourt(): Promise<Result<CallOutput<'cases', 'importFromCourt'>>>;
  createCase(input: CallInput<'cases', 'create'>): Promise<Result<CaseDetail>>;
}

export const casesInitial: CasesData = {
  caseSearch: '',
  caseStatus: 'open',
  caseMine: false,
  caseTotal: null,
  caseRows: {},
  casePagesLoading: {},
  caseListSeq: 0,
  caseListError: null,
  caseSelected: 0,
};

export const createCasesSlice: SliceCreator<CasesSlice> = (set, get) => {
  async function loadPage(page: number, seq: number): Promise<void> {
    const s = get();
    if (s.casePagesLoading[page]) return;
    set({ casePagesLoading: { ...s.casePagesLoading, [page]: true } });
    const search = s.caseSearch.trim();
    const r = await api().cases.list({
      ...(search ? { search } : {}),
      status: s.caseStatus,
      ...(s.caseMine ? { mine: true } : {}),
      offset: page * CASE_PAGE,
      limit: CASE_PAGE,
    });
    if (get().caseListSeq !== seq) return;
    const { [page]: _done, ...still } = get().casePagesLoading;
    if (!r.ok) {
      set({ casePagesLoading: still, caseListError: r.error });
      return;
    }
    const rows = { ...get().caseRows };
    r.value.items.forEach((c, i) => {
      rows[page * CASE_PAGE + i] = c;
    });
    const total = r.value.total;
    set({
      casePagesLoading: still,
      caseRows: rows,
      caseTotal: total,
      caseListError: null,
      caseSelected: Math.max(0, Math.min(get().caseSelected, total - 1)),
    });
  }

  return {
    ...casesInitial,

    setCaseQuery(q) {
      const s = get();
      const search = q.search ?? s.caseSearch;
      const status = q.status ?? s.caseStatus;
      const mine = q.mine ?? s.caseMine;
      if (search === s.caseSearch && status === s.caseStatus && mine === s.caseMine && s.caseTotal !== null) return;
      set({ caseSearch: search, caseStatus: status, caseMine: mine });
      void get().reloadCases();
    },

    async reloadCases() {
      const seq = get().caseListSeq + 1;
      set({ caseListSeq: seq, caseRows: {}, casePagesLoading: {}, caseTotal: null, caseSelected: 0, caseListError: null });
      await loadPage(0, seq);
    },

    ensureCaseRows(start, end) {
      const s = get();
      if (s.caseTotal === null) return;
      const last = Math.min(end, s.caseTotal - 1);
      for (let page = Math.floor(Math.max(0, start) / CASE_PAGE); page <= Math.floor(last / CASE_PAGE); page++) {
        if (s.caseRows[page * CASE_PAGE] === undefined && !s.casePagesLoading[page]) void loadPage(page, s.caseListSeq);
      }
    },

    moveCaseSelection(delta) {
      const { caseTotal, caseSelected } = get();
      if (!caseTotal) return;
      set({ caseSelected: Math.max(0, Math.min(caseTotal - 1, caseSelected + delta)) });
    },

    setCaseSelection(index) {
      set({ caseSelected: index });
    },

    async importFromCourt() {
      const r = await api().cases.importFromCourt({});
      if (r.ok) void get().reloadCases();
      return r;
    },

    async createCase(input) {
      const r = await api().cases.create(input);
      if (r.ok) {
        void get().reloadCases();
        get().showCase(r.value);
      }
      return r;
    },
  };
};
