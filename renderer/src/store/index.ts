/**
 * The one store (docs/architecture.md, principle 12): slices combined at the root, actions inside, no middleware needed.
 * `bindApi` gives the actions their Api and subscribes to main's events exactly once;
 * `resetAppStore` puts everything back for the next test.
 */
import { create } from 'zustand';
import type { Api } from '../../../shared/ipc/contract';
import type { ChannelRequest } from '../../../shared/domain/types';
import type { Measure } from '../../../shared/domain/measures';
import type { ReminderView } from '../../../shared/domain/measure-views';
import { setApi } from './api-holder';
import { createCasesSlice } from './slices/cases';
import { createNetworkSlice } from './slices/network';
import { createQuerySlice } from './slices/query';
import { createSessionSlice } from './slices/session';
import { createUiSlice } from './slices/ui';
import { createWorkspaceSlice } from './slices/workspace';
import { createMeasuresSlice } from './slices/measures';
import { createDeductionSlice } from './slices/deduction';
import { createDeskSlice } from './slices/desk';
import { createDocumentsSlice } from './slices/documents';
import { createAuditSlice } from './slices/audit';
import { createSendingSlice } from './slices/sending';
import { createAlertsSlice } from './slices/alerts';
import { createJobsSlice } from './slices/jobs';
import { createBatchSlice } from './slices/batch';
import type { AlertView } from '../../../shared/ipc/groups/alerts';
import type { JobView } from '../../../shared/ipc/groups/jobs';
import type { AppState } from './types';

export type { AppState } from './types';

export const useAppStore = create<AppState>()((...a) => ({
  ...createSessionSlice(...a),
  ...createCasesSlice(...a),
  ...createWorkspaceSlice(...a),
  ...createQuerySlice(...a),
  ...createNetworkSlice(...a),
  ...createUiSlice(...a),
  ...createMeasuresSlice(...a),
  ...createDeductionSlice(...a),
  ...createDeskSlice(...a),
  ...createDocumentsSlice(...a),
  ...createAuditSlice(...a),
  ...createSendingSlice(...a),
  ...createAlertsSlice(...a),
  ...createJobsSlice(...a),
  ...createBatchSlice(...a),
}));

const initialState = useAppStore.getState();

let bound: { api: Api; off: () => void } | null = null;

/** Binds the Api and subscribes to its events; calling it again with the same Api does nothing. */
export function bindApi(a: Api): void {
  if (bound?.api === a) return;
  bound?.off();
  setApi(a);
  const s = () => useAppStore.getState();
  const offs = [
    a.on('query.request', (p) => s().applyRequest(p.request as ChannelRequest)),
    a.on('query.findings', (p) => s().applyFindings(p)),
    a.on('network.status', (p) => s().setNetwork(p)),
    a.on('session.locked', (p) => s().locked(p.reason)),
    a.on('measure.updated', (p) => s().applyMeasureUpdate(p.measure as Measure)),
    a.on('reminder.due', (p) => s().mergeReminders(p.reminders as ReminderView[])),
    a.on('alert.raised', (p) => s().applyAlertRaised(p.alert as AlertView)),
    a.on('job.updated', (p) => {
      s().applyJobUpdate(p.job as JobView);
      s().applyBatchJob(p.job as JobView);
    }),
  ];
  bound = { api: a, off: () => offs.forEach((off) => off()) };
}

/** Tests: unsubscribe, unbind and restore the initial state. */
export function resetAppStore(): void {
  bound?.off();
  bound = null;
  setApi(null);
  useAppStore.setState(initialState, true);
}
