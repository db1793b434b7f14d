/**
 * 导入Excel (docs/sheets.md): the officer picks an .xlsx or .csv; a file above the limit is refused
 * here before it is read; main checks every row and the report shows each bad one; 确认导入 is
 * offered only when none is bad, and imports all or nothing. Then the cases imported can be
 * batch-queried at once (the batch start dialog with their ids, as the selection bar passes ticks).
 */
import type { KeyboardEvent } from 'react';
import { permits } from '../../../../shared/authority/matrix';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { matches } from '../../ui/shortcuts';
import { SheetReport } from './SheetReport.dom';
import { useSheetImport } from './use-sheet-import';

export function ImportCasesDialog({ onClose }: { onClose: () => void }) {
  const { t } = useT();
  const role = useAppStore((s) => s.officer?.role);
  const openBatchStart = useAppStore((s) => s.openBatchStart);
  const { phase, report, done, error, ready, pick, importAll } = useSheetImport();
  // a modal: its keys stay in it (the case list behind listens on document: Enter would open a case)
  const onKey = (e: KeyboardEvent) => {
    e.stopPropagation();
    if (matches('dialog.close', e.nativeEvent)) {
      e.preventDefault();
      onClose();
    }
  };

  const mayBatch = !!role && permits('query.property', role, 'act').ok;
  return (
    <div className="overlay" role="presentation" onKeyDown={onKey}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="sheet-import-title" data-testid="sheet-import">
        <h2 id="sheet-import-title">{t.sheets.importTitle}</h2>
        <p className="muted small">{t.sheets.importHint}</p>
        {!done && (
          <label className="field">
            {t.sheets.pickFile}
            <input type="file" accept=".xlsx,.csv" data-testid="sheet-import-file" autoFocus disabled={phase !== 'idle'} onChange={(e) => void pick(e.target.files?.[0])} />
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
              <button type="button" className="btn btn-primary" data-testid="sheet-import-batch" autoFocus onClick={() => { onClose(); openBatchStart(done.caseIds); }}>
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
