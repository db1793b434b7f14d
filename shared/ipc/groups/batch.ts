/**
 * IPC group `batch` (docs/batch.md): the one-click property query of many cases as one durable job.
 * Starting one is the act query.property on every case chosen — the router checks each (his cases, or
 * his team's; confirmed filings) and refuses the whole batch, naming the case, when one is not his
 * to query; the refusal is recorded. Pause, resume and cancel are the jobs group's calls.
 */
import { z } from 'zod';
import {
  BATCH_ITEM_STATES, MAX_BATCH_CASES, MAX_FRESH_DAYS,
  type BatchChannelProgress, type BatchItem, type BatchParams, type BatchTotals,
} from '../../domain/batch';
import type { JobView } from './jobs';

const out = <T>() => z.custom<T>(() => true);
const id = z.string().min(1).max(64);

/** a batch as its progress page shows it: the job, its totals, each channel, a page of its cases */
export interface BatchView {
  job: JobView;
  params: BatchParams;
  totals: BatchTotals;
  channels: BatchChannelProgress[];
  items: BatchItem[];
}

export const batchGroup = {
  start: {
    policy: { act: 'query.property', case: 'caseIds' },
    input: z.object({
      caseIds: z.array(id).min(1, '请至少选择一件案件').max(MAX_BATCH_CASES, `一次最多批量查询${MAX_BATCH_CASES}件案件`),
      /** ask every channel again, even one answered within the freshness window */
      force: z.boolean().optional(),
      freshDays: z.number().int().min(0).max(MAX_FRESH_DAYS, `有效期最长${MAX_FRESH_DAYS}天`).optional(),
    }).strict(),
    output: out<BatchView>(),
  },
  /** the batch's progress: its creator's, or any batch for a chief or the director */
  view: {
    policy: { act: 'jobs.manage', read: true },
    input: z.object({
      jobId: id,
      offset: z.number().int().min(0).max(MAX_BATCH_CASES).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
      state: z.enum(BATCH_ITEM_STATES).optional(),
    }).strict(),
    output: out<BatchView>(),
  },
  /** the officer's batches, newest first */
  list: { policy: { act: 'jobs.manage', read: true }, input: z.object({}).strict(), output: out<JobView[]>() },
} as const;
