/**
 * 「生成查询结果告知书」 in the query panel (docs/documents.md, "查询结果告知书"): makes the case's notice
 * to the applicant and opens it in the document viewer, whose 下载 is the audited export.
 */
import { useState } from 'react';
import type { AppError } from '../../../../shared/errors';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { api } from '../../store/api-holder';
import { useT } from '../../store/selectors';

export function QueryResultNoticeButton({ caseId }: { caseId: string }) {
  const { t, lang } = useT();
  const openDocument = useAppStore((s) => s.openDocument);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const make = async () => {
    setBusy(true);
    setError(null);
    const r = await api().notices.queryResult({ caseId });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    void openDocument(r.value.document.id);
  };
  return (
    <div className="query-notice">
      <button type="button" className="btn" data-testid="query-result-notice" disabled={busy} onClick={() => void make()}>
        {busy ? t.notices.making : t.notices.queryResult}
      </button>
      {error && <p className="field-error" role="alert" data-testid="query-result-notice-error">{errorText(error, lang)}</p>}
    </div>
  );
}
