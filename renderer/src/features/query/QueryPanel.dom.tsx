/** "一键查询" with its progress, and the channel × debtor grid. */
import { errorText } from '../../i18n/dict';
import { formatWhen } from '../../ui/format';
import { useAppStore } from '../../store';
import { useQueryProgress, useT } from '../../store/selectors';
import { QueryGrid } from './QueryGrid.dom';
import { WhereaboutsGate } from './WhereaboutsGate.dom';
import { ControlPanel } from '../control/ControlPanel.dom';
import { ariaKeys } from '../../ui/shortcuts';

export function QueryPanel() {
  const { t, lang } = useT();
  const starting = useAppStore((s) => s.queryStarting);
  const error = useAppStore((s) => s.queryError);
  const lastQueriedAt = useAppStore((s) => s.lastQueriedAt);
  const startQuery = useAppStore((s) => s.startQuery);
  const progress = useQueryProgress();

  return (
    <div className="query-panel">
      <div className="query-bar">
        <h2 className="section-title">{t.query.title}</h2>
        <button
          type="button"
          className="btn btn-primary btn-big"
          data-testid="query-start"
          aria-keyshortcuts={ariaKeys('ws.query')}
          title={t.query.shortcut}
          disabled={starting}
          onClick={() => void startQuery()}
        >
          {starting ? t.query.starting : t.query.start}
          <kbd>Q</kbd>
        </button>
        <div className="query-progress" data-testid="query-progress" aria-live="polite">
          {progress.total === 0 ? (
            <span className="muted">{t.query.notStarted}</span>
          ) : (
            <>
              <progress max={progress.total} value={progress.answered} />
              <span data-testid="query-progress-text">{t.query.progress(progress.answered, progress.total)}</span>
              {progress.failed > 0 && <span className="text-danger">{t.query.failedCount(progress.failed)}</span>}
              {progress.manual > 0 && <span className="text-warn">{t.query.manualCount(progress.manual)}</span>}
            </>
          )}
          {lastQueriedAt && <span className="muted">{t.query.lastQueried(formatWhen(lastQueriedAt))}</span>}
        </div>
      </div>
      {error && (
        <div className="field-error" role="alert" data-testid="query-error">
          {errorText(error, lang)}
        </div>
      )}
      <QueryGrid />
      <WhereaboutsGate />
      <ControlPanel />
    </div>
  );
}
