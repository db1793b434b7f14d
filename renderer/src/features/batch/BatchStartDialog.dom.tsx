/**
 * 批量查询 from the case list (docs/batch.md): the cases chosen, or all of the officer's open cases,
 * queried as one background job. A channel answered within the freshness window is not asked again
 * unless 强制重新查询 is ticked: most answers are empty, the agencies' capacity is not spent twice.
 */
import { useEffect, useState } from 'react';
import { DEFAULT_FRESH_DAYS, MAX_FRESH_DAYS } from '../../../../shared/domain/batch';
import type { AppError } from '../../../../shared/errors';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';

export function BatchStartDialog() {
  const { t, lang } = useT();
  const chosen = useAppStore((s) => s.batchCaseIds);
  const close = useAppStore((s) => s.closeBatchStart);
  const start = useAppStore((s) => s.startBatch);
  const mine = useAppStore((s) => s.myOpenCaseIds);
  const [ids, setIds] = useState<string[] | null>(chosen.length ? chosen : null);
  const [force, setForce] = useState(false);
  const [days, setDays] = useState(String(DEFAULT_FRESH_DAYS));
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (chosen.length) return;
    mine().then(setIds, (e: AppError) => setError(e));
  }, [chosen, mine]);
  const n = Number(days);
  const daysOk = Number.isInteger(n) && n >= 0 && n <= MAX_FRESH_DAYS;
  const go = async () => {
    if (!ids?.length || !daysOk) return;
    setBusy(true);
    const e = await start(ids, { force, freshDays: n });
    setBusy(false);
    setError(e);
  };
  return (
    <div className="overlay" role="presentation" onKeyDown={(e) => e.key === 'Escape' && close()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="batch-start-title" data-testid="batch-start">
        <h2 id="batch-start-title">{t.batch.startTitle}</h2>
        <p data-testid="batch-start-count">{ids === null ? t.batch.loading : chosen.length ? t.batch.chosen(ids.length) : t.batch.mine(ids.length)}</p>
        <label className="field">
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} data-testid="batch-force" /> {t.batch.force}
        </label>
        {!force && (
          <label className="field">
            {t.batch.freshDays}
            <input type="number" min={0} max={MAX_FRESH_DAYS} value={days} onChange={(e) => setDays(e.target.value)} data-testid="batch-fresh-days" aria-invalid={!daysOk} />
          </label>
        )}
        {!daysOk && <p className="field-error">{t.batch.freshDaysBad(MAX_FRESH_DAYS)}</p>}
        {error && <p className="field-error" role="alert" data-testid="batch-start-error">{errorText(error, lang)}</p>}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={close}>{t.batch.cancel}</button>
          <button type="button" className="btn btn-primary" data-testid="batch-start-go" disabled={busy || !ids?.length || !daysOk} onClick={() => void go()}>{t.batch.go}</button>
        </div>
      </div>
    </div>
  );
}
