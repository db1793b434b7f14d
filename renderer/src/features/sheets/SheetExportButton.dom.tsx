/**
 * 「导出Excel」 over a list (the case list, a case's findings, its measures, the alerts): main makes
 * the .xlsx from the list as far as the officer may read it and records the export
 * (docs/sheets.md); the bytes are downloaded under main's file name.
 */
import { useState } from 'react';
import type { AppError } from '../../../../shared/errors';
import type { SheetFile } from '../../../../shared/ipc/groups/sheets';
import type { Result } from '../../../../shared/result';
import { errorText } from '../../i18n/dict';
import { useT } from '../../store/selectors';
import { downloadSheet } from './sheet-file';

export interface SheetExportButtonProps {
  /** the list's name in test ids: sheet-export-<list> */
  list: 'cases' | 'assets' | 'measures' | 'alerts';
  run: () => Promise<Result<SheetFile, AppError>>;
}

export function SheetExportButton({ list, run }: SheetExportButtonProps) {
  const { t, lang } = useT();
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ error: boolean; text: string } | null>(null);
  const go = async () => {
    setBusy(true);
    setNote(null);
    const r = await run();
    setBusy(false);
    if (!r.ok) setNote({ error: true, text: errorText(r.error, lang) });
    else if (!downloadSheet(r.value)) setNote({ error: true, text: t.sheets.noDownload });
    else setNote({ error: false, text: t.sheets.exported(r.value.rows) });
  };
  return (
    <span className="sheet-export">
      <button type="button" className="btn" data-testid={`sheet-export-${list}`} title={t.sheets.exportTitle} disabled={busy} onClick={() => void go()}>
        {busy ? t.sheets.exporting : t.sheets.export}
      </button>
      {note && (
        <span className={note.error ? 'field-error small' : 'muted small'} role={note.error ? 'alert' : 'status'} data-testid={`sheet-export-${list}-note`}>
          {note.text}
        </span>
      )}
    </span>
  );
}
