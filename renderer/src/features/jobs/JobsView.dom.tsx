/**
 * 后台任务 (docs/architecture.md §5): the background jobs the officer may see — repeat freezes,
 * balance monitoring, the alert scan — with their case, state, progress and next run, live on
 * 'job.updated'; 暂停, 继续 and 停止 where the job is his (or his case's) to manage. A stopped job
 * never runs again, so 停止 asks first.
 */
import { BATCH_QUERY_KIND } from '../../../../shared/domain/batch';
import type { JobView } from '../../../../shared/ipc/groups/jobs';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { formatWhen } from '../../ui/format';
import { DeskBack } from '../shell/DeskBack.dom';

const LIVE = new Set(['queued', 'running', 'paused']);

export function JobsView() {
  const { t, lang } = useT();
  const jobs = useAppStore((s) => s.jobs);
  const error = useAppStore((s) => s.jobsError);
  return (
    <main className="page desk-page" data-testid="jobs-view">
      <div className="toolbar">
        <DeskBack />
        <h1>{t.jobs.title}</h1>
      </div>
      {error && <p className="field-error" role="alert" data-testid="jobs-error">{errorText(error, lang)}</p>}
      {jobs && jobs.length === 0 ? (
        <p className="empty" data-testid="jobs-empty">{t.jobs.none}</p>
      ) : (
        <div className="panel">
          <table className="table" data-testid="jobs-list">
            <thead>
              <tr>
                <th scope="col">{t.jobs.kind}</th>
                <th scope="col">{t.jobs.caseNumber}</th>
                <th scope="col">{t.jobs.state}</th>
                <th scope="col">{t.jobs.progress}</th>
                <th scope="col">{t.jobs.nextRun}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>{(jobs ?? []).map((j) => <JobRow key={j.id} j={j} />)}</tbody>
          </table>
        </div>
      )}
    </main>
  );
}

function JobRow({ j }: { j: JobView }) {
  const { t, lang } = useT();
  const act = useAppStore((s) => s.actOnJob);
  const showBatch = useAppStore((s) => s.showBatch);
  const busy = useAppStore((s) => !!s.jobBusy[j.id]);
  const error = useAppStore((s) => s.jobErrors[j.id]);
  const pct = j.progress.total > 0 ? Math.min(100, Math.round((j.progress.done / j.progress.total) * 100)) : undefined;
  const note = j.progress.note ? (lang === 'zh' ? j.progress.note.zh : j.progress.note.en) : '';
  const stop = () => {
    if (window.confirm(t.jobs.cancelConfirm)) void act(j.id, 'cancel');
  };
  return (
    <tr data-testid={`job-${j.id}`} data-state={j.state}>
      <td>
        {t.jobs.kinds[j.kind] ?? j.kind}
        {j.kind === BATCH_QUERY_KIND && <> <button type="button" className="link small" data-testid={`job-batch-${j.id}`} onClick={() => void showBatch(j.id)}>{t.jobs.batchOpen}</button></>}
      </td>
      <td className="mono">{j.caseNumber ?? '—'}</td>
      <td data-testid={`job-state-${j.id}`}>
        {t.jobs.states[j.state] ?? j.state}
        {j.lastError && <div className="field-error small">{j.lastError}</div>}
      </td>
      <td>
        {pct !== undefined && <progress max={100} value={pct} aria-label={t.jobs.progress} data-testid={`job-progress-${j.id}`} />}{' '}
        <span className="small">{note}</span>
        <div className="muted small">{t.jobs.runs(j.runs)}</div>
      </td>
      <td className="small">{LIVE.has(j.state) ? formatWhen(j.runAt) : '—'}</td>
      <td>
        {j.manageable && LIVE.has(j.state) && (
          <span className="reminder-actions">
            {j.state === 'paused' ? (
              <button type="button" className="btn btn-small" data-testid={`job-resume-${j.id}`} disabled={busy} onClick={() => void act(j.id, 'resume')}>{t.jobs.resume}</button>
            ) : (
              <button type="button" className="btn btn-small" data-testid={`job-pause-${j.id}`} disabled={busy} onClick={() => void act(j.id, 'pause')}>{t.jobs.pause}</button>
            )}
            <button type="button" className="btn btn-small" data-testid={`job-cancel-${j.id}`} disabled={busy} onClick={stop}>{t.jobs.cancel}</button>
          </span>
        )}
        {error && <div className="field-error" role="alert">{errorText(error, lang)}</div>}
      </td>
    </tr>
  );
}
