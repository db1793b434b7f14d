/**
 * Simple windowing for long lists (hundreds to thousands of cases): only the rows in view, plus a
 * few either side, are in the DOM. Fixed row height; the selected row is kept in view.
 */
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

export interface VirtualListProps {
  count: number;
  rowHeight: number;
  selected: number;
  renderRow(index: number): ReactNode;
  /** the rows currently rendered, to fetch them when missing */
  onRange?(start: number, end: number): void;
  testId: string;
  ariaLabel: string;
  activeDescendant?: string;
  overscan?: number;
}

/** When layout gives no height (tests, first paint), assume a screenful. */
const FALLBACK_HEIGHT = 600;

export function VirtualList(p: VirtualListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(FALLBACK_HEIGHT);
  const overscan = p.overscan ?? 8;

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setHeight(el.clientHeight || FALLBACK_HEIGHT);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // keep the selected row visible
  useEffect(() => {
    const el = ref.current;
    if (!el || p.selected < 0) return;
    const top = p.selected * p.rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + p.rowHeight > el.scrollTop + height) el.scrollTop = top + p.rowHeight - height;
    setScrollTop(el.scrollTop);
  }, [p.selected, p.rowHeight, height]);

  const start = Math.max(0, Math.floor(scrollTop / p.rowHeight) - overscan);
  const end = Math.min(p.count, Math.ceil((scrollTop + height) / p.rowHeight) + overscan);

  const { onRange } = p;
  useEffect(() => {
    if (end > start) onRange?.(start, end - 1);
  }, [start, end, onRange]);

  const rows: ReactNode[] = [];
  for (let i = start; i < end; i++) rows.push(p.renderRow(i));

  return (
    <div
      ref={ref}
      className="vlist"
      data-testid={p.testId}
      role="listbox"
      aria-label={p.ariaLabel}
      aria-activedescendant={p.activeDescendant}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div className="vlist-spacer" style={{ height: p.count * p.rowHeight }}>
        <div className="vlist-window" style={{ transform: `translateY(${start * p.rowHeight}px)` }}>
          {rows}
        </div>
      </div>
    </div>
  );
}
