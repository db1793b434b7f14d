/** Workspace: the case the judge has open, and which party IDs are shown unmasked. */
import type { AppError } from '../../../../shared/errors';
import type { CaseDetail } from '../../../../shared/domain/types';
import { rememberRecentCase } from '../../db/ui-db';
import { api } from '../api-holder';
import type { SliceCreator } from '../types';

export interface WorkspaceData {
  currentCaseId: string | null;
  currentCase: CaseDetail | null;
  caseLoadError: AppError | null;
  /** party ids whose ID number the judge chose to reveal; masked by default */
  revealedIds: Record<string, true>;
}

export interface WorkspaceSlice extends WorkspaceData {
  openCase(caseId: string): Promise<void>;
  /** opens a case whose detail is already at hand (just created) */
  showCase(detail: CaseDetail): void;
  closeCase(): void;
  toggleReveal(partyId: string): void;
  /** forgets every case and party in memory (sign-out, lock) */
  clearCaseData(): void;
}

export const workspaceInitial: WorkspaceData = {
  currentCaseId: null,
  currentCase: null,
  caseLoadError: null,
  revealedIds: {},
};

function remember(detail: CaseDetail): void {
  // only the id and the case number go to IndexedDB (STYLE 13)
  void rememberRecentCase({ caseId: detail.id, number: detail.number }).catch((e: unknown) => console.error(e));
}

export const createWorkspaceSlice: SliceCreator<WorkspaceSlice> = (set, get) => ({
  ...workspaceInitial,

  async openCase(caseId) {
    set({ currentCaseId: caseId, currentCase: null, caseLoadError: null, revealedIds: {}, resultsTab: 'assets' });
    get().resetQuery(caseId);
    const view = get().loadQueryView(caseId);
    const r = await api().cases.get({ caseId });
    if (get().currentCaseId !== caseId) return;
    if (!r.ok) {
      set({ caseLoadError: r.error });
      return;
    }
    set({ currentCase: r.value });
    remember(r.value);
    await view;
  },

  showCase(detail) {
    set({ currentCaseId: detail.id, currentCase: detail, caseLoadError: null, revealedIds: {}, resultsTab: 'assets' });
    get().resetQuery(detail.id);
    void get().loadQueryView(detail.id);
    remember(detail);
  },

  closeCase() {
    set({ ...workspaceInitial });
    get().resetQuery(null);
  },

  toggleReveal(partyId) {
    const { [partyId]: was, ...rest } = get().revealedIds;
    set({ revealedIds: was ? rest : { ...rest, [partyId]: true } });
  },

  clearCaseData() {
    get().closeCase();
    const { caseStatus } = get();
    set({
      caseSearch: '', caseTotal: null, caseRows: {}, casePagesLoading: {}, caseListSeq: get().caseListSeq + 1,
      caseListError: null, caseSelected: 0, caseStatus, newCaseOpen: false,
    });
  },
});
