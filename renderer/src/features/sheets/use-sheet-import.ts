/**
 * The steps of 导入Excel (docs/sheets.md) as state: pick a file (refused here when it is not an
 * .xlsx/.csv or is above the limit, shared/sheets/limits.ts), read it, have main check it, and —
 * only when no row is bad — import it. The dialog (ImportCasesDialog.dom.tsx) shows each step.
 */
import { useState } from 'react';
import type { CaseSheetImport, CaseSheetReport } from '../../../../shared/ipc/groups/sheets';
import { tooLargeDetail } from '../../../../shared/sheets/limits';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { api } from '../../store/api-holder';
import { useT } from '../../store/selectors';
import { isSheetName, isTooLarge, readAsBase64 } from './sheet-file';

export type ImportPhase = 'idle' | 'reading' | 'checking' | 'importing';
interface Picked { fileName: string; base64: string }

export interface SheetImport {
  phase: ImportPhase;
  report: CaseSheetReport | null;
  done: CaseSheetImport | null;
  error: string | null;
  /** the report has rows and none is bad */
  ready: boolean;
  pick(file: File | undefined): Promise<void>;
  importAll(): Promise<void>;
}

export function useSheetImport(): SheetImport {
  const { t, lang } = useT();
  const reloadCases = useAppStore((s) => s.reloadCases);
  const [phase, setPhase] = useState<ImportPhase>('idle');
  const [picked, setPicked] = useState<Picked | null>(null);
  const [report, setReport] = useState<CaseSheetReport | null>(null);
  const [done, setDone] = useState<CaseSheetImport | null>(null);
  const [error, setError] = useState<string | null>(null);

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
    // checked again in main: a row that went bad since (a 案号 entered meanwhile) is in this report
    setReport(r.value.report);
    if (r.value.imported > 0) {
      setDone(r.value);
      void reloadCases();
    }
  };

  const ready = !!report && report.problems.length === 0 && report.ready > 0;
  return { phase, report, done, error, ready, pick, importAll };
}
