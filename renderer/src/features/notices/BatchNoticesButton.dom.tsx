/**
 * 「批量生成告知书」 on a finished batch's page (docs/documents.md, "查询结果告知书"): one notice per
 * case as one act, then 「下载打印版」 — the batch's notices in one PDF, fetched only on that click
 * after the warning (each case's copy is audited) and saved like any document's PDF.
 */
import { useState } from 'react';
import type { AppError } from '../../../../shared/errors';
import { errorText } from '../../i18n/dict';
import { api } from '../../store/api-holder';
import { useT } from '../../store/selectors';
import { downloadPdf, pdfFileName } from '../documents/pdf-download';

export function BatchNoticesButton({ jobId }: { jobId: string }) {
  const { t, lang } = useT();
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<number | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const run = async <T,>(call: () => Promise<{ ok: true; value: T } | { ok: false; error: AppError }>, then: (v: T) => void) => {
    setBusy(true);
    setError(null);
    const r = await call();
    setBusy(false);
    if (!r.ok) return setError(r.error);
    then(r.value);
  };
  const make = () => run(() => api().notices.batchQueryResult({ jobId }), (v) => setMade(v.notices.length));
  const print = () => {
    if (!window.confirm(t.documents.exportWarning)) return;
    void run(() => api().notices.batchPdf({ jobId }), (v) => { downloadPdf(v.pdfBase64, pdfFileName(`${t.notices.title}_${v.count}`)); });
  };
  return (
    <section className="panel" data-testid="batch-notices">
      <button type="button" className="btn" data-testid="batch-notices-make" disabled={busy} onClick={() => void make()}>
        {busy ? t.notices.making : t.notices.batch}
      </button>
      {made !== null && (
        <>
          <span className="muted small" data-testid="batch-notices-made"> {t.notices.made(made)} </span>
          <button type="button" className="btn btn-small" data-testid="batch-notices-print" disabled={busy} onClick={print}>{t.notices.print}</button>
        </>
      )}
      {error && <p className="field-error" role="alert" data-testid="batch-notices-error">{errorText(error, lang)}</p>}
    </section>
  );
}
