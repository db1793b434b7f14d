/**
 * On the open case's freeze panel: 轮询冻结 (a freeze repeated daily until covered, at most 30 days)
 * and 余额监控 (the known accounts re-queried on a schedule, money arriving alerted). Each starts a
 * background job the judge follows, pauses or stops in 后台任务.
 */
import { useState } from 'react';
import type { AppError } from '../../../../shared/errors';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';

export function CaseJobButtons({ caseId }: { caseId: string }) {
  const { t, lang } = useT();
  const start = useAppStore((s) => s.startRepeatFreeze);
  const monitor = useAppStore((s) => s.monitorFunds);
  const setView = useAppStore((s) => s.setDeskView);
  const [error, setError] = useState<AppError | null>(null);
  const [started, setStarted] = useState(false);
  const run = async (f: () => Promise<AppError | null>) => {
    setError(null);
    const e = await f();
    if (e) setError(e);
    else setStarted(true);
  };
  return (
    <div className="reminder-actions" data-testid="case-job-buttons">
      <button type="button" className="btn btn-small" data-testid="repeat-freeze-start" title={t.jobs.repeatFreezeTitle} onClick={() => void run(() => start(caseId))}>
        {t.jobs.repeatFreeze}
      </button>
      <button type="button" className="btn btn-small" data-testid="monitor-funds-start" title={t.jobs.monitorFundsTitle} onClick={() => void run(() => monitor(caseId))}>
        {t.jobs.monitorFunds}
      </button>
      {started && (
        <button type="button" className="link small" data-testid="case-jobs-open" onClick={() => setView('jobs')}>
          {t.jobs.title}
        </button>
      )}
      {error && <span className="field-error" role="alert" data-testid="case-job-error">{errorText(error, lang)}</span>}
    </div>
  );
}
