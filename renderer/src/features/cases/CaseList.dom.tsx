/**
 * The case list: search (case number, party name or ID number; debounced; "/" focuses it), status
 * filter (remembered in Dexie), a windowed list, import from the court's case management, new case.
 * ↑/↓ move the selection, Enter opens the selected case; a tick per row (shift-click: a range,
 * Ctrl+A: the whole filtered list) gathers cases for acting on several (SelectionBar.dom.tsx).
 * Keys: renderer/src/ui/shortcuts.ts, scope 'caseList'.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { formatYuanSymbol } from '../../../../shared/money';
import type { AppError } from '../../../../shared/errors';
import { savedStatusFilter, saveStatusFilter, type CaseStatusFilter } from '../../db/ui-db';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { VirtualList } from '../../ui/VirtualList.dom';
import { RecentCases } from './RecentCases.dom';
import { BatchButton } from '../batch/BatchButton.dom';
import { ImportCasesButton } from '../sheets/ImportCasesButton.dom';
import { SheetExportButton } from '../sheets/SheetExportButton.dom';
import { api } from '../../store/api-holder';
import { CaseTick, SelectAllTick, SelectionBar } from './SelectionBar.dom';
import { useCaseListKeys } from './use-case-list-keys';

export const SEARCH_DEBOUNCE_MS = 250;
export const CASE_ROW_HEIGHT = 34;
const LIST_ID = 'caseList';

export function CaseList() {
  const { t, lang } = useT();
  const total = useAppStore((s) => s.caseTotal);
  const selected = useAppStore((s) => s.caseSelected);
  const status = useAppStore((s) => s.caseStatus);
  const mine = useAppStore((s) => s.caseMine);
  const listError = useAppStore((s) => s.caseListError);
  const ensureCaseRows = useAppStore((s) => s.ensureCaseRows);
  const setCaseQuery = useAppStore((s) => s.setCaseQuery);
  const importFromCourt = useAppStore((s) => s.importFromCourt);
  const setNewCaseOpen = useAppStore((s) => s.setNewCaseOpen);
  const [search, setSearch] = useState(() => useAppStore.getState().caseSearch);
  const [importing, setImporting] = useState(false);
  const [imported, setImported] = useState<{ imported: number; total: number } | null>(null);
  const [importError, setImportError] = useState<AppError | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const ready = useRef(false);

  // The saved status filter (null: none saved) decides the session's first load; back from a case,
  // the filter in hand stays (the saved one may lag a choice just made), and a choice made before
  // the saved one is read wins over it.
  const saved = useLiveQuery(() => savedStatusFilter(LIST_ID), []);
  const latestSearch = useRef(search);
  latestSearch.current = search;
  useEffect(() => {
    if (saved === undefined || ready.current) return;
    ready.current = true;
    const s = useAppStore.getState();
    setCaseQuery({ status: s.caseListSeq > 0 ? s.caseStatus : (saved ?? s.caseStatus), search: latestSearch.current });
  }, [saved, setCaseQuery]);

  useEffect(() => {
    if (!ready.current) return;
    const h = setTimeout(() => setCaseQuery({ search }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(h);
  }, [search, setCaseQuery]);

  useCaseListKeys(searchRef);

  async function runImport() {
    setImporting(true);
    setImported(null);
    setImportError(null);
    const r = await importFromCourt();
    setImporting(false);
    if (r.ok) setImported(r.value);
    else setImportError(r.error);
  }

  const renderRow = useCallback((i: number) => <CaseRow key={i} index={i} />, []);

  return (
    <main className="page case-list-page">
      <div className="toolbar">
        <input
          ref={searchRef}
          className="search"
          type="search"
          data-testid="case-search"
          aria-label={t.caseList.search}
          placeholder={t.caseList.search}
          value={search}
          autoFocus
          spellCheck={false}
          onChange={(e) => setSearch(e.target.value)}
        />
        <label className="inline-label" htmlFor="case-status">
          {t.caseList.status}
        </label>
        <select
          id="case-status"
          data-testid="case-status-filter"
          value={status}
          onChange={(e) => {
            const v = e.target.value as CaseStatusFilter;
            ready.current = true;
            setCaseQuery({ status: v });
            void saveStatusFilter(LIST_ID, v);
          }}
        >
          <option value="open">{t.caseList.statusOpen}</option>
          <option value="closed">{t.caseList.statusClosed}</option>
          <option value="all">{t.caseList.statusAll}</option>
        </select>
        <label className="inline-label">
          <input type="checkbox" data-testid="case-mine-filter" checked={mine} onChange={(e) => setCaseQuery({ mine: e.target.checked })} /> {t.caseList.mine}
        </label>
        <span className="muted hint">{t.caseList.searchHint}</span>
        <div className="toolbar-spacer" />
        <button type="button" className="btn" data-testid="case-import" disabled={importing} onClick={() => void runImport()}>
          {importing ? t.caseList.importing : t.caseList.importCourt}
        </button>
        <ImportCasesButton />
        <SheetExportButton list="cases" run={() => api().sheets.exportCases({ search: useAppStore.getState().caseSearch, status, mine })} />
        <BatchButton />
        <button type="button" className="btn btn-primary" data-testid="case-new" onClick={() => setNewCaseOpen(true)}>
          {t.caseList.newCase}
        </button>
      </div>
      {imported && (
        <div className="banner banner-info" role="status" data-testid="case-import-result">
          {t.caseList.imported(imported.imported, imported.total)}
        </div>
      )}
      {importError && (
        <div className="banner banner-danger" role="alert" data-testid="case-import-error">
          {errorText(importError, lang)}
        </div>
      )}
      <RecentCases />
      <SelectionBar />
      <div className="case-table" role="presentation">
        <div className="case-head case-cols">
          <SelectAllTick />
          <span aria-hidden="true">{t.caseList.number}</span>
          <span aria-hidden="true">{t.caseList.applicant}</span>
          <span aria-hidden="true">{t.caseList.debtors}</span>
          <span aria-hidden="true" className="num">{t.caseList.owed}</span>
          <span aria-hidden="true" className="num">{t.caseList.recovered}</span>
          <span aria-hidden="true">{t.caseList.filedOn}</span>
        </div>
        {total === null ? (
          <div className="empty" data-testid="case-list-loading">
            {listError ? errorText(listError, lang) : t.caseList.loading}
          </div>
        ) : total === 0 ? (
          <div className="empty" data-testid="case-list-empty">
            {t.caseList.empty}
          </div>
        ) : (
          <VirtualList
            count={total}
            rowHeight={CASE_ROW_HEIGHT}
            selected={selected}
            renderRow={renderRow}
            onRange={ensureCaseRows}
            testId="case-list"
            ariaLabel={t.caseList.total(total)}
            activeDescendant={`case-opt-${selected}`}
          />
        )}
      </div>
      <div className="statusline">
        <span data-testid="case-count">{total === null ? '' : t.caseList.total(total)}</span>
      </div>
    </main>
  );
}

function CaseRow({ index }: { index: number }) {
  const row = useAppStore((s) => s.caseRows[index]);
  const selected = useAppStore((s) => s.caseSelected === index);
  const openCase = useAppStore((s) => s.openCase);
  const setCaseSelection = useAppStore((s) => s.setCaseSelection);
  if (!row) {
    return (
      <div className="case-row case-cols case-row-loading" id={`case-opt-${index}`} role="option" aria-selected={selected}>
        <span />
        <span>…</span>
      </div>
    );
  }
  return (
    <div
      className={`case-row case-cols${selected ? ' selected' : ''}`}
      id={`case-opt-${index}`}
      role="option"
      aria-selected={selected}
      data-testid={`case-row-${row.number}`}
      data-case-id={row.id}
      onMouseDown={() => setCaseSelection(index)}
      onClick={() => void openCase(row.id)}
    >
      <CaseTick index={index} caseId={row.id} number={row.number} />
      <span className="mono">{row.number}</span>
      <span className="ellipsis">{row.applicantName}</span>
      <span className="ellipsis">{row.debtorNames.join('、')}</span>
      <span className="num">{formatYuanSymbol(row.amountOwed)}</span>
      <span className="num">{formatYuanSymbol(row.recovered)}</span>
      <span>{row.filedOn}</span>
    </div>
  );
}
