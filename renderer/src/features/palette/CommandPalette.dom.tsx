/**
 * The command palette (Ctrl+K / ⌘K, renderer/src/ui/shortcuts.ts): type to find cases (those at hand
 * at once, others as cases.list answers) and the shell's actions (palette-items.ts), ↑/↓ to choose, Enter to open the case or run the
 * action, Esc to close; focus goes back where it was. A disabled action says why.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { matches } from '../../ui/shortcuts';
import { PALETTE_CASES, paletteItems, type PaletteItem } from './palette-items';
import { useCaseSearch } from './use-case-search';
import { useReturnFocus } from './use-return-focus';

export function CommandPalette() {
  const open = useAppStore((s) => s.paletteOpen);
  return open ? <PaletteDialog /> : null;
}

function PaletteDialog() {
  const { t, lang } = useT();
  const setOpen = useAppStore((s) => s.setPaletteOpen);
  const state = useAppStore();
  const [query, setQuery] = useState('');
  const [at, setAt] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  useReturnFocus();

  const found = useCaseSearch(query, PALETTE_CASES);
  const items = useMemo(() => paletteItems(state, t, lang, query, found), [state, t, lang, query, found]);
  const current = Math.min(at, Math.max(0, items.length - 1));

  useEffect(() => inputRef.current?.focus(), []);
  useEffect(() => setAt(0), [query, found]);
  useEffect(() => {
    document.getElementById(`palette-opt-${current}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [current]);

  const run = (item: PaletteItem | undefined) => {
    if (!item || (item.kind === 'action' && item.blocked)) return;
    const s = useAppStore.getState();
    setOpen(false);
    if (item.kind === 'case') {
      s.setDeskView('main');
      void s.openCase(item.caseId);
    } else {
      item.action.run(s);
    }
  };

  const onKey = (e: KeyboardEvent) => {
    // the palette has the keyboard: nothing reaches the page's own shortcuts
    e.stopPropagation();
    if (matches('palette.close', e) || matches('palette.open', e)) {
      e.preventDefault();
      setOpen(false);
    } else if (matches('palette.move', e)) {
      e.preventDefault();
      const n = items.length;
      if (n) setAt((current + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if (matches('palette.run', e)) {
      e.preventDefault();
      run(items[current]);
    } else if (e.key === 'Tab') {
      // the input keeps the focus: the page behind is not reachable while the palette is open
      e.preventDefault();
    }
  };

  return (
    <div className="overlay palette-overlay" onKeyDown={onKey} onMouseDown={(e) => e.target === e.currentTarget && setOpen(false)}>
      <div className="dialog palette" role="dialog" aria-modal="true" aria-label={t.palette.title} data-testid="palette">
        <input
          ref={inputRef}
          className="palette-input"
          data-testid="palette-input"
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={items.length ? `palette-opt-${current}` : undefined}
          aria-label={t.palette.title}
          placeholder={t.palette.placeholder}
          spellCheck={false}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <ul className="palette-list" id="palette-list" role="listbox" aria-label={t.palette.title} data-testid="palette-list">
          {items.map((item, i) => (
            <PaletteRow key={item.key} item={item} index={i} active={i === current} onHover={setAt} onRun={run} />
          ))}
        </ul>
        {items.length === 0 && (
          <p className="muted palette-empty" data-testid="palette-empty">
            {t.palette.empty}
          </p>
        )}
        <p className="muted small palette-hint">{t.palette.casesHint}</p>
      </div>
    </div>
  );
}

function PaletteRow(p: { item: PaletteItem; index: number; active: boolean; onHover(i: number): void; onRun(item: PaletteItem): void }) {
  const { t } = useT();
  const { item } = p;
  const disabled = item.kind === 'action' && item.blocked !== undefined;
  return (
    <li
      id={`palette-opt-${p.index}`}
      role="option"
      aria-selected={p.active}
      aria-disabled={disabled || undefined}
      className={`palette-item${p.active ? ' active' : ''}${disabled ? ' disabled' : ''}`}
      data-testid={`palette-${item.key}`}
      onMouseMove={() => !p.active && p.onHover(p.index)}
      onClick={() => p.onRun(item)}
    >
      <span className="palette-kind muted small">{item.kind === 'case' ? t.palette.caseKind : t.palette.actionKind}</span>
      {item.kind === 'case' ? (
        <>
          <span className="mono">{item.number}</span>
          <span className="muted ellipsis">{item.parties}</span>
        </>
      ) : (
        <>
          <span>{item.label}</span>
          {item.blocked && <span className="muted small palette-reason">{item.blocked}</span>}
          {item.keys && <kbd className="palette-keys">{item.keys}</kbd>}
        </>
      )}
    </li>
  );
}
