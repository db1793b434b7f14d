/**
 * 主动预警 (IPC group `alerts`): the alerts of the officer's cases (a chief's or the director's: the
 * bureau's), 知道了, done, assigning one to an officer who may act in its case, and starting the
 * balance monitoring of a case's known accounts ('funds.monitor').
 */
import { AppFailure } from '../../../shared/app-failure';
import { caseAccess } from '../../../shared/authority/matrix';
import type { Alert } from '../../../shared/domain/alerts';
import { accessCase, accessHolder } from '../authority';
import { alertCaseIds, alertView } from '../alerts/visibility';
import { DEFAULT_MONITOR_HOURS, FUNDS_MONITOR_KIND } from '../alerts/funds';
import type { CaseCtx, FeatureHandlers } from '../context';
import { liveJobs, scheduleJob } from '../jobs/registry';

function alertOf(ctx: CaseCtx, alertId: string): Alert {
  const a = ctx.store.alerts.get(alertId);
  if (!a || a.caseId !== ctx.case.id) throw new AppFailure('NOT_FOUND', { zh: '预警不存在', en: 'no such alert' });
  return a;
}

export function alertHandlers(): FeatureHandlers<'alerts'> {
  return {
    list: ({ states, limit }, { store, officer }) => {
      const caseIds = alertCaseIds(store, officer);
      const alerts = store.alerts.list({ ...(caseIds ? { caseIds } : {}), states: states ?? ['open', 'acknowledged'], limit: limit ?? 200 });
      const numbers = store.alertScans.caseNumbers(alerts.map((a) => a.caseId));
      return alerts.map((a) => alertView(store, a, numbers));
    },
    acknowledge: ({ alertId }, ctx) => {
      alertOf(ctx, alertId);
      return alertView(ctx.store, ctx.store.alerts.acknowledge(alertId, ctx.officer.code));
    },
    done: ({ alertId, note }, ctx) => {
      const a = alertOf(ctx, alertId);
      if (a.state === 'done') return alertView(ctx.store, a);
      return alertView(ctx.store, ctx.store.alerts.done(alertId, ctx.officer.code, note ? { note: note.trim() } : {}));
    },
    assign: ({ alertId, to }, ctx) => {
      alertOf(ctx, alertId);
      const o = ctx.store.officers.get(to);
      // the alert goes to an officer who may act on it in this case (the judge or his team)
      if (!o || caseAccess(accessHolder(o), accessCase(ctx.case)) !== 'act') {
        throw new AppFailure('VALIDATION', { zh: '只能分派给承办本案的法官或其团队成员', en: 'an alert goes to the case’s judge or a member of his team' }, 'to');
      }
      return alertView(ctx.store, ctx.store.alerts.assign(alertId, ctx.officer.code, to));
    },
    monitorFunds: ({ everyHours }, { session, officer, case: c }) => {
      if (c.status !== 'open') throw new AppFailure('CASE_CLOSED');
      const running = liveJobs(session.store, FUNDS_MONITOR_KIND, c.id)[0];
      if (running) return { jobId: running.id, runAt: running.runAt };
      const job = scheduleJob(session, { kind: FUNDS_MONITOR_KIND, caseId: c.id, createdBy: officer.code, params: { everyHours: everyHours ?? DEFAULT_MONITOR_HOURS } });
      return { jobId: job.id, runAt: job.runAt };
    },
  };
}
