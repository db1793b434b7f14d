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
  /** reads the case again (the recovered figure after a deduction) without leaving it */
  refreshCurrentCase(): Promise<void>;
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
  // only the id and the case number go to IndexedDB (docs/architecture.md, principle 13)
  void rememberRecentCase({ caseId: detail.id, number: detail.number }).catch((e: unknown) => console.error(e));
}

export const createWorkspaceSlice: SliceCreator<WorkspaceSlice> = (set, get) => ({
  ...workspaceInitial,

  async openCase(caseId) {
    set({ currentCaseId: caseId, currentCase: null, caseLoadError: null, revealedIds: {}, resultsTab: 'assets', workspaceTab: 'query', deskView: 'main' });
    get().resetQuery(caseId);
    get().resetMeasures(caseId);
    get().resetDeduction();
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

  async refreshCurrentCase() {
    const caseId = get().currentCaseId;
    if (!caseId) return;
    const r = await api().cases.get({ caseId });
    if (get().currentCaseId === caseId && r.ok) set({ currentCase: r.value });
  },

  showCase(detail) {
    set({ currentCaseId: detail.id, currentCase: detail, caseLoadError: null, revealedIds: {}, resultsTab: 'assets', workspaceTab: 'query', deskView: 'main' });
    get().resetQuery(detail.id);
    get().resetMeasures(detail.id);
    get().resetDeduction();
    void get().loadQueryView(detail.id);
    remember(detail);
  },

  closeCase() {
    set({ ...workspaceInitial, workspaceTab: 'query', hearing: false });
    get().resetQuery(null);
    get().resetMeasures(null);
    get().resetDeduction();
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
