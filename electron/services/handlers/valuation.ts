/**
 * Directed valuation inquiries (IPC group `valuation`; docs/distribution.md): the case's properties
 * with their latest request, and a new request (act distribution.prepare, checked by the router).
 */
import type { FeatureHandlers } from '../context';
import type { Deps } from '../deps';
import { caseValuations, requestValuation } from '../valuation/inquiry';

export function valuationHandlers(d: Deps): FeatureHandlers<'valuation'> {
  return {
    list: (_i, { store, officer, case: c }) => caseValuations(d, store, officer, c),
    request: ({ assetId }, { store, officer, case: c }) => requestValuation(d, store, officer, c, assetId),
  };
}
