/**
 * Windowing for a long table that scrolls with its panel (the case workspace's asset table): only
 * the rows in view of the nearest scrolling ancestor, plus a few either side, are rendered; spacer
 * rows keep the scroll height. Rows may differ in height: each rendered row is measured (by its
 * `data-row-key`) and an estimate stands for the rows not yet seen. Fixed-height lists with their
 * own scroll box use VirtualList.dom.tsx instead.
 */
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { offsetsOf, rowWindow, type RowWindow } from './row-window';

/** When layout gives no height (tests, first paint), assume a screenful. */
const FALLBACK_HEIGHT = 600;

export interface RowWindowOptions {
  /** one stable key per row, in display order (the rows carry it as `data-row-key`) */
  keys: readonly string[];
  /** a row's height until it has been measured, px */
  estimate(index: number): number;
  overscan?: number;
}

export interface RowWindowState extends RowWindow {
  /** to put on the table's tbody */
  bodyRef: RefObject<HTMLTableSectionElement | null>;
}

function scrollParent(el: HTMLElement): HTMLElement {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const style = getComputedStyle(p);
    // overflowY as laid out; the shorthand where it is not expanded (jsdom)
    const y = style.overflowY || style.overflow;
    if (y === 'auto' || y === 'scroll') return p;
  }
  return document.documentElement;
}

/** the part of the tbody in view of its scrolling ancestor, kept up to date on scroll and resize */
function useView(bodyRef: RefObject<HTMLTableSectionElement | null>, hasRows: boolean) {
  const [view, setView] = useState({ top: 0, height: FALLBACK_HEIGHT });
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!body) return;
    const scroller = scrollParent(body);
    const page = scroller === document.documentElement;
    let offset = 0; // the tbody's top in the scroller's content
    const update = () => {
      const laidOut = scroller.clientHeight > 0;
      const scrolled = scroller.scrollTop;
      if (laidOut) offset = body.getBoundingClientRect().top - (page ? 0 : scroller.getBoundingClientRect().top) + scrolled;
      const top = Math.max(0, scrolled - offset);
      const height = laidOut ? scroller.clientHeight : FALLBACK_HEIGHT;
      setView((v) => (v.top === top && v.height === height ? v : { top, height }));
    };
    update();
    const target: HTMLElement | Window = page ? window : scroller;
    target.addEventListener('scroll', update, { passive: true });
    const ro = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(update);
    ro?.observe(scroller);
    return () => {
      target.removeEventListener('scroll', update);
      ro?.disconnect();
    };
  }, [bodyRef, hasRows]);
  return view;
}

export function useRowWindow(o: RowWindowOptions): RowWindowState {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const measured = useRef(new Map<string, number>());
  const [, remeasured] = useState(0);
  const view = useView(bodyRef, o.keys.length > 0);

  // the rows just rendered, measured; a change moves the window's arithmetic, not the rows in view
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!body) return;
    let changed = false;
    for (const tr of body.querySelectorAll<HTMLElement>('tr[data-row-key]')) {
      const h = tr.getBoundingClientRect().height;
      const key = tr.dataset.rowKey!;
      if (h > 0 && Math.abs((measured.current.get(key) ?? -1) - h) > 0.5) {
        measured.current.set(key, h);
        changed = true;
      }
    }
    if (changed) remeasured((n) => n + 1);
  });

  const heights = o.keys.map((k, i) => measured.current.get(k) ?? o.estimate(i));
  return { ...rowWindow(offsetsOf(heights), view.top, view.height, o.overscan ?? 6), bodyRef };
}
