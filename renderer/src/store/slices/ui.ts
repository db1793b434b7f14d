/** UI: language, which dialog and tab are open. The language is persisted through Dexie. */
import { saveLang } from '../../db/ui-db';
import type { Lang } from '../../i18n/dict';
import type { SliceCreator } from '../types';

export type ResultsTab = 'assets' | 'whereabouts' | 'info';
/** The case workspace: query (and results), freeze, deduction, credit sanctions, the debtor's conduct, 终本. */
export type WorkspaceTab = 'query' | 'freeze' | 'deduct' | 'credit' | 'conduct' | 'terminal';

export interface UiData {
  lang: Lang;
  /** the judge chose a language in this session: the stored preference no longer overrides it */
  langChosen: boolean;
  newCaseOpen: boolean;
  resultsTab: ResultsTab;
  workspaceTab: WorkspaceTab;
}

export interface UiSlice extends UiData {
  /** `persist: false` when the value comes from the stored preference itself */
  setLang(lang: Lang, opts?: { persist?: boolean }): void;
  setNewCaseOpen(open: boolean): void;
  setResultsTab(tab: ResultsTab): void;
  /** switches the workspace tab and loads what it shows */
  setWorkspaceTab(tab: WorkspaceTab): void;
}

export const uiInitial: UiData = { lang: 'zh', langChosen: false, newCaseOpen: false, resultsTab: 'assets', workspaceTab: 'query' };

export const createUiSlice: SliceCreator<UiSlice> = (set, get) => ({
  ...uiInitial,
  setLang(lang, opts) {
    const chosen = opts?.persist !== false;
    // a stored preference read late must not undo a choice the judge has just made
    if (!chosen && get().langChosen) return;
    if (get().lang !== lang || (chosen && !get().langChosen)) set({ lang, langChosen: get().langChosen || chosen });
    if (chosen) void saveLang(lang).catch((e: unknown) => console.error(e));
  },
  setNewCaseOpen(open) {
    set({ newCaseOpen: open });
  },
  setResultsTab(tab) {
    set({ resultsTab: tab });
  },
  setWorkspaceTab(tab) {
    if (get().workspaceTab !== tab) set({ workspaceTab: tab });
    if (tab === 'freeze') {
      if (!get().plan && !get().planLoading) void get().loadPlan();
      void get().loadMeasures();
      void get().loadCaseDocuments();
    } else if (tab === 'deduct') {
      void get().loadMeasures();
      if (!get().settings) void get().loadSettings();
    }
  },
});
