/**
 * 批量查询 in the renderer (docs/batch.md): starting a batch over the cases chosen (or all of the
 * officer's open cases), and the progress page of one batch — its totals, each channel, its cases —
 * read again when 'job.updated' says the batch moved (at most a few times a second).
 */
import { BATCH_QUERY_KIND, MAX_BATCH_CASES, type BatchItemState } from '../../../../shared/domain/batch';
import type { AppError } from '../../../../shared/errors';
import type { BatchView } from '../../../../shared/ipc/groups/batch';
import type { JobView } from '../../../../shared/ipc/groups/jobs';
import { api } from '../api-holder';
import { caseIdPages } from '../case-ids';
import type { SliceCreator } from '../types';

/** the cases shown on one page of the progress view */
export const BATCH_PAGE_ROWS = 100;
/** the progress page is read again at most this often while the batch runs */
const REFRESH_MS = 400;

export interface BatchData {
  batch: BatchView | null;
  batchError: AppError | null;
  batchStartOpen: boolean;
  /** the cases a batch is started over; empty = the officer's open cases */
  batchCaseIds: string[];
  /** the page of the batch's cases on show: its first row and the state it is filtered to */
  batchPage: { offset: number; state: BatchItemState | null };
}

export interface BatchSlice extends BatchData {
  openBatchStart(caseIds?: string[]): void;
  closeBatchStart(): void;
  /** the officer's own open, confirmed cases (his team's for a clerk), every page */
  myOpenCaseIds(): Promise<string[]>;
  startBatch(caseIds: string[], opts: { force: boolean; freshDays: number }): Promise<AppError | null>;
  showBatch(jobId: string): Promise<void>;
  /** shows the page of cases from this row, of this state (null: every state) */
  setBatchPage(page: { offset: number; state: BatchItemState | null }): Promise<void>;
  /** 'job.updated' of the batch on show */
  applyBatchJob(j: JobView): void;
}

export const batchInitial: BatchData = { batch: null, batchError: null, batchStartOpen: false, batchCaseIds: [], batchPage: { offset: 0, state: null } };

export const createBatchSlice: SliceCreator<BatchSlice> = (set, get) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const reload = async (jobId: string) => {
    const { offset, state } = get().batchPage;
    const r = await api().batch.view({ jobId, offset, limit: BATCH_PAGE_ROWS, ...(state ? { state } : {}) });
    if (get().batch?.job.id !== jobId && get().batch !== null) return;
    if (r.ok) set({ batch: r.value, batchError: null });
    else set({ batchError: r.error });
  };
  return {
    ...batchInitial,

    openBatchStart(caseIds = []) {
      set({ batchStartOpen: true, batchCaseIds: caseIds });
    },
    closeBatchStart() {
      set({ batchStartOpen: false });
    },

    async myOpenCaseIds() {
      const r = await caseIdPages({ mine: true, status: 'open' }, { from: 0, to: Number.POSITIVE_INFINITY }, { keep: (c) => c.filing === 'confirmed', max: MAX_BATCH_CASES });
      if (!r.ok) throw 'error' in r ? r.error : new Error('stale');
      return r.ids;
    },

    async startBatch(caseIds, opts) {
      const r = await api().batch.start({ caseIds, force: opts.force, freshDays: opts.freshDays });
      if (!r.ok) return r.error;
      set({ batch: r.value, batchError: null, batchStartOpen: false, batchCaseIds: [] });
      get().setDeskView('batch');
      return null;
    },

    async showBatch(jobId) {
      set({ batch: null, batchError: null, batchPage: batchInitial.batchPage });
      get().setDeskView('batch');
      await reload(jobId);
    },

    async setBatchPage(page) {
      const shown = get().batch;
      set({ batchPage: page });
      if (shown) await reload(shown.job.id);
    },

    applyBatchJob(j) {
      const shown = get().batch;
      if (j.kind !== BATCH_QUERY_KIND || !shown || shown.job.id !== j.id || timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        void reload(j.id);
      }, REFRESH_MS);
    },
  };
};
