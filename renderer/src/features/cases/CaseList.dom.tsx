/**
 * The case list: search (case number, party name or ID number; debounced; "/" focuses it), status
 * filter (remembered in Dexie), a windowed list, import from the court's case management, new case.
 * ↑/↓ move the selection, Enter opens the selected case.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { formatYuanSymbol } from '../../../../shared/money';
import type { AppError } from '../../../../shared/errors';
import { savedStatusFilter, saveStatusFilter, type CaseStatusFilter } from '../../db/ui-db';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { hasModifier, isEditable } from '../../ui/keys';
import { VirtualList } from '../../ui/VirtualList.dom';
import { RecentCases } from './RecentCases.dom';
import { BatchButton } from '../batch/BatchButton.dom';

export const SEARCH_DEBOUNCE_MS = 250;
export const CASE_ROW_HEIGHT = 34;
const LIST_ID = 'caseList';

export function CaseList() {
  const { t, lang } = useT();
  const total = useAppStore((s) => s.caseTotal);
  const selected = useAppStore((s) => s.caseSelected);
  const status = useAppStore((s) => s.caseStatus);
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

  // The saved status filter (null: none saved) decides the first load.
  const saved = useLiveQuery(() => savedStatusFilter(LIST_ID), []);
  const latestSearch = useRef(search);
  latestSearch.current = search;
  useEffect(() => {
    if (saved === undefined || ready.current) return;
    ready.current = true;
    setCaseQuery({ status: saved ?? useAppStore.getState().caseStatus, search: latestSearch.current });
  }, [saved, setCaseQuery]);

  useEffect(() => {
    if (!ready.current) return;
    const h = setTimeout(() => setCaseQuery({ search }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(h);
  }, [search, setCaseQuery]);

  const openSelected = useCallback(() => {
    const s = useAppStore.getState();
    const row = s.caseRows[s.caseSelected];
    if (row) void s.openCase(row.id);
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = useAppStore.getState();
      if (s.newCaseOpen || e.defaultPrevented) return;
      const inSearch = e.target === searchRef.current;
      if (isEditable(e.target) && !inSearch) return;
      if (e.key === '/' && !inSearch && !hasModifier(e)) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        s.moveCaseSelection(e.key === 'ArrowDown' ? 1 : -1);
      } else if (e.key === 'PageDown' || e.key === 'PageUp') {
        e.preventDefault();
        s.moveCaseSelection(e.key === 'PageDown' ? 15 : -15);
      } else if (e.key === 'Enter' && !hasModifier(e) && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault();
        openSelected();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [openSelected]);

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
            setCaseQuery({ status: v });
            void saveStatusFilter(LIST_ID, v);
          }}
        >
          <option value="open">{t.caseList.statusOpen}</option>
          <option value="closed">{t.caseList.statusClosed}</option>
          <option value="all">{t.caseList.statusAll}</option>
        </select>
        <span className="muted hint">{t.caseList.searchHint}</span>
        <div className="toolbar-spacer" />
        <button type="button" className="btn" data-testid="case-import" disabled={importing} onClick={() => void runImport()}>
          {importing ? t.caseList.importing : t.caseList.importCourt}
        </button>
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
      <div className="case-table" role="presentation">
        <div className="case-head case-cols" aria-hidden="true">
          <span>{t.caseList.number}</span>
          <span>{t.caseList.applicant}</span>
          <span>{t.caseList.debtors}</span>
          <span className="num">{t.caseList.owed}</span>
          <span className="num">{t.caseList.recovered}</span>
          <span>{t.caseList.filedOn}</span>
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
      <span className="mono">{row.number}</span>
      <span className="ellipsis">{row.applicantName}</span>
      <span className="ellipsis">{row.debtorNames.join('、')}</span>
      <span className="num">{formatYuanSymbol(row.amountOwed)}</span>
      <span className="num">{formatYuanSymbol(row.recovered)}</span>
      <span>{row.filedOn}</span>
    </div>
  );
}
