/** The alert engine's job kinds and the recurring ones it makes sure of at each sign-in. */
import type { JobKinds } from '../jobs/registry';
import { ensureFundsPush, FUNDS_MONITOR_KIND, FUNDS_PUSH_KIND, fundsMonitorJob, fundsPushJob } from './funds';
import { ALERT_SCAN_KIND, alertScanJob, ensureAlertScan } from './scan-job';

export function registerAlertJobs(kinds: JobKinds): void {
  kinds.register(ALERT_SCAN_KIND, alertScanJob);
  kinds.register(FUNDS_MONITOR_KIND, fundsMonitorJob);
  kinds.register(FUNDS_PUSH_KIND, fundsPushJob);
  kinds.onSessionStart(ensureAlertScan);
  kinds.onSessionStart(ensureFundsPush);
}
