/**
 * 导入Excel (docs/sheets.md): the officer picks an .xlsx or .csv; a file above the limit is refused
 * here before it is read; main checks every row and the report shows each bad one; 确认导入 is
 * offered only when none is bad, and imports all or nothing. Then the cases imported can be
 * batch-queried at once (the batch start dialog with their ids, as the selection bar passes ticks).
 */
import { useEffect, useState } from 'react';
import { permits } from '../../../../shared/authority/matrix';
import type { CaseSheetImport, CaseSheetReport } from '../../../../shared/ipc/groups/sheets';
import { tooLargeDetail } from '../../../../shared/sheets/limits';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { api } from '../../store/api-holder';
import { useT } from '../../store/selectors';
import { matches } from '../../ui/shortcuts';
import { SheetReport } from './SheetReport.dom';
import { isSheetName, isTooLarge, readAsBase64 } from './sheet-file';

type Phase = 'idle' | 'reading' | 'checking' | 'importing';
interface Picked { fileName: string; base64: string }

export function ImportCasesDialog({ onClose }: { onClose: () => void }) {
  const { t, lang } = useT();
  const role = useAppStore((s) => s.officer?.role);
  const reloadCases = useAppStore((s) => s.reloadCases);
  const openBatchStart = useAppStore((s) => s.openBatchStart);
  const [phase, setPhase] = useState<Phase>('idle');
  const [picked, setPicked] = useState<Picked | null>(null);
  const [report, setReport] = useState<CaseSheetReport | null>(null);
  const [done, setDone] = useState<CaseSheetImport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (matches('dialog.close', e)) {
        e.preventDefault();
        onClose();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  const pick = async (file: File | undefined) => {
    setPicked(null);
    setReport(null);
    setDone(null);
    setError(null);
    if (!file) return;
    if (!isSheetName(file.name)) return setError(t.sheets.notSheet);
    if (isTooLarge(file)) return setError(tooLargeDetail(file.size)[lang]);
    setPhase('reading');
    const base64 = await readAsBase64(file).catch(() => null);
    if (base64 === null) {
      setPhase('idle');
      return setError(t.sheets.readFailed);
    }
    const f = { fileName: file.name, base64 };
    setPhase('checking');
    const r = await api().sheets.checkCases(f);
    setPhase('idle');
    if (!r.ok) return setError(errorText(r.error, lang));
    setPicked(f);
    setReport(r.value);
  };

  const importAll = async () => {
    if (!picked) return;
    setPhase('importing');
    setError(null);
    const r = await api().sheets.importCases(picked);
    setPhase('idle');
    if (!r.ok) return setError(errorText(r.error, lang));
    setReport(r.value.report);
    if (r.value.imported > 0) {
      setDone(r.value);
      void reloadCases();
    }
  };

  const mayBatch = !!role && permits('query.property', role, 'act').ok;
  const ready = !!report && report.problems.length === 0 && report.ready > 0;
  return (
    <div className="overlay" role="presentation">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="sheet-import-title" data-testid="sheet-import">
        <h2 id="sheet-import-title">{t.sheets.importTitle}</h2>
        <p className="muted small">{t.sheets.importHint}</p>
        {!done && (
          <label className="field">
            {t.sheets.pickFile}
            <input type="file" accept=".xlsx,.csv" data-testid="sheet-import-file" disabled={phase !== 'idle'} onChange={(e) => void pick(e.target.files?.[0])} />
          </label>
        )}
        {(phase === 'reading' || phase === 'checking') && <p role="status">{phase === 'reading' ? t.sheets.reading : t.sheets.checking}</p>}
        {error && <p className="field-error" role="alert" data-testid="sheet-import-error">{error}</p>}
        {report && !done && <SheetReport report={report} />}
        {done && (
          <div className="banner banner-info" role="status" data-testid="sheet-import-done">
            <strong>{t.sheets.imported(done.imported)}</strong>
            <div className="small">{t.sheets.filing(done.filing.confirmed, done.filing.pending, done.filing.refused)}</div>
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" data-testid="sheet-import-close" onClick={onClose}>{t.sheets.close}</button>
          {done ? (
            mayBatch && (
              <button type="button" className="btn btn-primary" data-testid="sheet-import-batch" onClick={() => { onClose(); openBatchStart(done.caseIds); }}>
                {t.sheets.batch}
              </button>
            )
          ) : (
            <button type="button" className="btn btn-primary" data-testid="sheet-import-confirm" disabled={!ready || phase !== 'idle'} onClick={() => void importAll()}>
              {phase === 'importing' ? t.sheets.importing : t.sheets.confirm}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
