/**
 * The ids of the case list's rows, read page by page from `cases.list` with the list's own query:
 * for ticking a range or every case of the filtered list, and for a batch over all of the officer's
 * open cases. Ids only: nothing personal is kept.
 */
import type { AppError } from '../../../shared/errors';
import { CASE_LIST_MAX_PAGE } from '../../../shared/ipc/contract';
import type { CaseSummary } from '../../../shared/domain/types';
import { api } from './api-holder';

export interface CaseIdQuery {
  search?: string;
  status?: 'open' | 'closed' | 'all';
  mine?: boolean;
}

export type CaseIdPages = { ok: true; ids: string[] } | { ok: false; error: AppError } | { ok: false; stale: true };

/**
 * Rows [from, to] of the list under `query` (to = Infinity: to the end), keeping those `keep`
 * accepts, at most `max`. `stillCurrent` is asked after each page: when it answers false (the list
 * was queried again meanwhile) the reading stops as stale.
 */
export async function caseIdPages(
  query: CaseIdQuery,
  range: { from: number; to: number },
  opts: { keep?: (c: CaseSummary) => boolean; max?: number; stillCurrent?: () => boolean } = {},
): Promise<CaseIdPages> {
  const ids: string[] = [];
  const max = opts.max ?? Number.POSITIVE_INFINITY;
  for (let offset = range.from; offset <= range.to && ids.length < max; offset += CASE_LIST_MAX_PAGE) {
    const limit = Math.min(CASE_LIST_MAX_PAGE, range.to - offset + 1);
    const r = await api().cases.list({ ...query, offset, limit });
    if (opts.stillCurrent && !opts.stillCurrent()) return { ok: false, stale: true };
    if (!r.ok) return { ok: false, error: r.error };
    for (const c of r.value.items) if (!opts.keep || opts.keep(c)) ids.push(c.id);
    if (r.value.items.length < limit || offset + limit >= r.value.total) break;
  }
  return { ok: true, ids: ids.slice(0, max) };
}
