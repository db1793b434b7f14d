/**
 * 批量查询 progress (docs/batch.md): one batch's totals, each channel (planned, sent, answered,
 * failed) and each case (its state, what it found, when its last answer came), live while it runs;
 * 暂停, 继续 and 停止 through the jobs buttons; a case number opens the case. The cases are shown a
 * page at a time, filterable by state, so a running batch of thousands re-reads one page.
 */
import { BATCH_ITEM_STATES, BATCH_SKIP_WORDS, type BatchItem, type BatchItemState, type BatchTotals } from '../../../../shared/domain/batch';
import { channelInfo } from '../../../../shared/domain/channels';
import { channelName, errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { BATCH_PAGE_ROWS } from '../../store/slices/batch';
import { useT } from '../../store/selectors';
import { formatWhen } from '../../ui/format';
import { DeskBack } from '../shell/DeskBack.dom';
import { BatchNoticesButton } from '../notices/BatchNoticesButton.dom';

const LIVE = new Set(['queued', 'running', 'paused']);

export function BatchView() {
  const { t, lang } = useT();
  const b = useAppStore((s) => s.batch);
  const error = useAppStore((s) => s.batchError);
  const act = useAppStore((s) => s.actOnJob);
  const busy = useAppStore((s) => (b ? !!s.jobBusy[b.job.id] : false));
  if (!b) {
    return (
      <main className="page desk-page batch-page" data-testid="batch-view">
        <div className="toolbar"><DeskBack /><h1>{t.batch.title}</h1></div>
        {error ? <p className="field-error" role="alert">{errorText(error, lang)}</p> : <p className="empty">{t.batch.loading}</p>}
      </main>
    );
  }
  const { totals, job } = b;
  const done = totals.settled + totals.skipped;
  const stop = () => {
    if (window.confirm(t.batch.cancelConfirm)) void act(job.id, 'cancel');
  };
  return (
    <main className="page desk-page batch-page" data-testid="batch-view" data-state={job.state}>
      <div className="toolbar">
        <DeskBack />
        <h1>{t.batch.title}</h1>
        <span className="muted small" data-testid="batch-state">{t.jobs.states[job.state] ?? job.state}</span>
        {job.manageable && LIVE.has(job.state) && (
          <span className="reminder-actions">
            {job.state === 'paused'
              ? <button type="button" className="btn btn-small" data-testid="batch-resume" disabled={busy} onClick={() => void act(job.id, 'resume')}>{t.jobs.resume}</button>
              : <button type="button" className="btn btn-small" data-testid="batch-pause" disabled={busy} onClick={() => void act(job.id, 'pause')}>{t.jobs.pause}</button>}
            <button type="button" className="btn btn-small btn-danger" data-testid="batch-cancel" disabled={busy} onClick={stop}>{t.jobs.cancel}</button>
          </span>
        )}
      </div>
      {error && <p className="field-error" role="alert">{errorText(error, lang)}</p>}
      <section className="panel" aria-label={t.batch.progress}>
        <progress max={Math.max(1, totals.cases)} value={done} aria-label={t.batch.progress} data-testid="batch-progress" />
        <p data-testid="batch-totals">{t.batch.totals(done, totals.cases, totals.sent, totals.skipped, totals.found)}</p>
        <p className="muted small">{b.params.force ? t.batch.forced : t.batch.freshRule(b.params.freshDays)}</p>
      </section>
      {job.state === 'done' && <BatchNoticesButton jobId={job.id} />}
      <section className="panel">
        <h2>{t.batch.byChannel}</h2>
        <table className="table" data-testid="batch-channels">
          <thead><tr><th scope="col">{t.batch.channel}</th><th scope="col">{t.batch.planned}</th><th scope="col">{t.batch.sent}</th><th scope="col">{t.batch.answered}</th><th scope="col">{t.batch.failed}</th></tr></thead>
          <tbody>
            {b.channels.map((c) => (
              <tr key={c.channel} data-testid={`batch-channel-${c.channel}`}>
                <td>{channelName(channelInfo(c.channel), lang)}</td><td>{c.planned}</td><td>{c.sent}</td><td>{c.answered}</td><td>{c.failed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel">
        <h2>{t.batch.byCase}</h2>
        <BatchFilter />
        <table className="table" data-testid="batch-cases">
          <thead><tr><th scope="col">{t.jobs.caseNumber}</th><th scope="col">{t.jobs.state}</th><th scope="col">{t.batch.answered}</th><th scope="col">{t.batch.failed}</th><th scope="col">{t.batch.freshCol}</th><th scope="col">{t.batch.found}</th><th scope="col">{t.batch.asOf}</th></tr></thead>
          <tbody>{b.items.map((i) => <BatchRow key={i.seq} i={i} />)}</tbody>
        </table>
        <BatchPager />
      </section>
    </main>
  );
}

function BatchRow({ i }: { i: BatchItem }) {
  const { t, lang } = useT();
  const open = useAppStore((s) => s.openCase);
  const setView = useAppStore((s) => s.setDeskView);
  const state = i.state === 'skipped' && i.skip ? (lang === 'zh' ? BATCH_SKIP_WORDS[i.skip].zh : BATCH_SKIP_WORDS[i.skip].en) : t.batch.states[i.state];
  return (
    <tr data-testid={`batch-case-${i.caseNumber}`} data-state={i.state}>
      <td className="mono">
        <button type="button" className="link" onClick={() => { setView('main'); void open(i.caseId); }}>{i.caseNumber}</button>
      </td>
      <td>{state}</td>
      <td>{i.answered}/{i.planned}</td>
      <td>{i.failed || ''}</td>
      <td>{i.fresh || ''}</td>
      <td data-testid={`batch-found-${i.caseNumber}`}>{i.found}</td>
      <td className="small">{i.asOf ? formatWhen(i.asOf) : '—'}</td>
    </tr>
  );
}

/** the number of cases of the batch in the state the page is filtered to */
function countOf(totals: BatchTotals, state: BatchItemState | null): number {
  return state ? totals[state] : totals.cases;
}

function BatchFilter() {
  const { t } = useT();
  const page = useAppStore((s) => s.batchPage);
  const totals = useAppStore((s) => s.batch?.totals);
  const setPage = useAppStore((s) => s.setBatchPage);
  if (!totals) return null;
  return (
    <label className="field-inline">
      {t.batch.filter}
      <select data-testid="batch-filter" value={page.state ?? ''} onChange={(e) => void setPage({ offset: 0, state: (e.target.value || null) as BatchItemState | null })}>
        <option value="">{t.batch.filterAll(totals.cases)}</option>
        {BATCH_ITEM_STATES.map((st) => <option key={st} value={st}>{`${t.batch.states[st]}（${totals[st]}）`}</option>)}
      </select>
    </label>
  );
}

function BatchPager() {
  const { t } = useT();
  const page = useAppStore((s) => s.batchPage);
  const b = useAppStore((s) => s.batch);
  const setPage = useAppStore((s) => s.setBatchPage);
  if (!b) return null;
  const all = countOf(b.totals, page.state);
  if (all <= BATCH_PAGE_ROWS && page.offset === 0) return null;
  const to = Math.min(all, page.offset + b.items.length);
  return (
    <p className="pager muted small" data-testid="batch-pager">
      <button type="button" className="btn btn-small" disabled={page.offset === 0} onClick={() => void setPage({ ...page, offset: Math.max(0, page.offset - BATCH_PAGE_ROWS) })}>{t.batch.prev}</button>
      <span data-testid="batch-page-range">{t.batch.rows(page.offset + (b.items.length ? 1 : 0), to, all)}</span>
      <button type="button" className="btn btn-small" disabled={page.offset + BATCH_PAGE_ROWS >= all} onClick={() => void setPage({ ...page, offset: page.offset + BATCH_PAGE_ROWS })}>{t.batch.next}</button>
    </p>
  );
}
