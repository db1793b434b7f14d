/**
 * The handlers of every call, per feature, with the authorizer that enforces each call's policy
 * before its handler runs (docs/architecture.md §4). Plain Node: the store, the engine factories, the
 * gateway client and the clock are passed in, so the same services run under Electron, in host
 * mode and in tests.
 */
import type { Measure } from '../../shared/domain/measures';
import type { Authorizer } from '../ipc/router';
import { createAuthorizer } from './authority';
import type { AllHandlers } from './context';
import type { Deps, ServiceDeps } from './deps';
import { appHandlers } from './handlers/app';
import { approvalHandlers } from './handlers/approvals';
import { auditHandlers } from './handlers/audit';
import { caseHandlers } from './handlers/cases';
import { creditHandlers } from './handlers/credit';
import { deductionHandlers } from './handlers/deduction';
import { documentHandlers } from './handlers/documents';
import { evidenceHandlers } from './handlers/evidence';
import { exemptionHandlers } from './handlers/exemptions';
import { measureHandlers } from './handlers/measures';
import { networkHandlers } from './handlers/network';
import { queryHandlers } from './handlers/query';
import { reminderHandlers } from './handlers/reminders';
import { sessionHandlers } from './handlers/session';
import { settingsHandlers } from './handlers/settings';
import { whereaboutsHandlers } from './handlers/whereabouts';
import { alertHandlers } from './handlers/alerts';
import { controlHandlers } from './handlers/control';
import { jobHandlers } from './handlers/jobs';
import { leadHandlers } from './handlers/leads';
import { repeatFreezeHandlers } from './handlers/repeat-freeze';
import { conductHandlers } from './handlers/conduct';
import { paymentHandlers } from './handlers/payments';
import { batchHandlers } from './handlers/batch';
import { noticeHandlers } from './handlers/notices';
import { boardHandlers } from './handlers/board';
import { batchQueryJob } from './batch/batch-job';
import { BATCH_QUERY_KIND } from '../../shared/domain/batch';
import { distributionHandlers } from './handlers/distribution';
import { valuationHandlers } from './handlers/valuation';
import { sheetHandlers } from './handlers/sheets';
import { dashboardHandlers } from './handlers/dashboard';
import { terminalHandlers } from './handlers/terminal';
import { TERMINAL_REQUERY_KIND, terminalRequeryJob } from './terminal/requery-job';
import { restrictionHandlers } from './handlers/restriction';
import { JobKinds } from './jobs/registry';
import { registerAlertJobs } from './alerts/register';
import { REPEAT_FREEZE_KIND, repeatFreezeJob } from './measures/repeat-freeze';
import { createLifecycle } from './lifecycle';
import { ensureBreachWatch, RESTRICTION_BREACHES_KIND, restrictionBreachesJob } from './restriction/breaches';
import { ensureWhereaboutsWatch, WHEREABOUTS_WATCH_KIND, whereaboutsWatchJob } from './whereabouts/monitor';
import { measureOps } from './measures/ops';

export type { ServiceDeps } from './deps';

export interface Services {
  handlers: AllHandlers;
  authorizer: Authorizer;
  /** the windows that receive the session's events */
  audience(): ReadonlySet<string>;
  /** a window closed for good: it leaves the session */
  connectionGone(connection: string): void;
  /** the measure engine's update of a measure (after 'measure.updated' went out) */
  measureUpdated(m: Measure): void;
  /** the kinds of background job: a feature registers its own here (electron/services/jobs/registry.ts) */
  jobKinds: JobKinds;
  shutdown(): Promise<void>;
}

export function createServices(sd: ServiceDeps): Services {
  const d: Deps = { ...sd, now: sd.now ?? (() => new Date()) };
  const ops = measureOps(d);
  // the background jobs of each feature, one line each (docs/architecture.md §5)
  const kinds = new JobKinds();
  registerAlertJobs(kinds);
  kinds.register(REPEAT_FREEZE_KIND, repeatFreezeJob(d, ops));
  kinds.register(TERMINAL_REQUERY_KIND, { label: { zh: '终本后定期复查', en: 'six-monthly re-query after 终本' }, run: terminalRequeryJob });
  kinds.register(RESTRICTION_BREACHES_KIND, restrictionBreachesJob);
  kinds.onSessionStart(ensureBreachWatch);
  kinds.register(WHEREABOUTS_WATCH_KIND, whereaboutsWatchJob);
  kinds.onSessionStart(ensureWhereaboutsWatch);
  kinds.register(BATCH_QUERY_KIND, batchQueryJob);
  const life = createLifecycle(d, ops, kinds);
  const handlers: AllHandlers = {
    app: appHandlers(d),
    session: sessionHandlers(d, life),
    cases: caseHandlers(d, ops),
    query: queryHandlers(),
    whereabouts: whereaboutsHandlers(),
    exemptions: exemptionHandlers(),
    network: networkHandlers(d, life.sessions),
    measures: measureHandlers(d, ops),
    deduction: deductionHandlers(d, ops),
    approvals: approvalHandlers(d),
    reminders: reminderHandlers(d, ops),
    documents: documentHandlers(),
    settings: settingsHandlers(),
    audit: auditHandlers(d),
    evidence: evidenceHandlers(d),
    credit: creditHandlers(d),
    jobs: jobHandlers(kinds, d),
    alerts: alertHandlers(),
    leads: leadHandlers(d),
    repeat: repeatFreezeHandlers(d),
    control: controlHandlers(d),
    conduct: conductHandlers(d),
    terminal: terminalHandlers(d),
    restriction: restrictionHandlers(d),
    payments: paymentHandlers(d),
    batch: batchHandlers(d),
    notices: noticeHandlers(d),
    board: boardHandlers(d),
    distribution: distributionHandlers(d),
    valuation: valuationHandlers(d),
    sheets: sheetHandlers(d),
    dashboard: dashboardHandlers(d),
  };
  return {
    handlers,
    authorizer: createAuthorizer({ sessions: life.sessions, now: d.now }),
    audience: () => life.sessions.audience(),
    connectionGone: (c) => life.sessions.detach(c),
    measureUpdated: (m) => life.measureUpdated(m),
    jobKinds: kinds,
    shutdown: () => life.shutdown(),
  };
}
