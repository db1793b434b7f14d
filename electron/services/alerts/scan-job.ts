/**
 * The 'alerts.scan' job: one for the bureau, kept by the program itself, re-scheduled every
 * SCAN_MINUTES and at the turn of the day in China Standard Time (when a limit's day comes), made
 * sure of at every sign-in. Each run is electron/services/alerts/scan.ts.
 */
import { todayCst } from '../../../shared/dates';
import { msUntilNextCstDay } from '../lifecycle';
import type { JobKindSpec, SessionHook } from '../jobs/registry';
import { liveJobs } from '../jobs/registry';
import { SYSTEM } from '../jobs/views';
import { scanAlerts } from './scan';

export const ALERT_SCAN_KIND = 'alerts.scan';
export const SCAN_MINUTES = 30;

/** the next run: in SCAN_MINUTES, or just after midnight in Beijing if that comes first */
export function nextScanAt(now: Date): Date {
  const byInterval = now.getTime() + SCAN_MINUTES * 60_000;
  const byDay = now.getTime() + msUntilNextCstDay(now) + 1_000;
  return new Date(Math.min(byInterval, byDay));
}

export const alertScanJob: JobKindSpec = {
  label: { zh: '主动预警扫描', en: 'alert scan' },
  async run(_job, ctx) {
    const now = ctx.deps.now();
    const report = scanAlerts(ctx.store, todayCst(now), ctx.deps.holidays);
    const raised = report.renewal + report.deadlines + report.leads;
    ctx.progress({ done: 1, total: 1, note: { zh: `本次新增预警 ${raised} 条`, en: `${raised} new alert${raised === 1 ? '' : 's'}` } });
    return { next: nextScanAt(now).toISOString() };
  },
};

/** At sign-in: the bureau's scan exists (a first start, or one cancelled or failed), due now. */
export const ensureAlertScan: SessionHook = (store, d) => {
  if (liveJobs(store, ALERT_SCAN_KIND).length > 0) return;
  store.jobs.create({ kind: ALERT_SCAN_KIND, createdBy: SYSTEM, runAt: d.now().toISOString(), total: 1 });
};
