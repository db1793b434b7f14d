/**
 * Printing one part of the page: the print stylesheet (styles.css, @media print) shows only a
 * `.print-area`; given the element, only that one (a receipt under an open document prints apart).
 * window.print works in Electron's renderer as in Chromium: nothing is written to disk here.
 */
export function printPage(el?: HTMLElement | null): void {
  if (typeof window.print !== 'function') return;
  const root = document.documentElement;
  if (el) {
    el.classList.add('print-now');
    root.classList.add('print-one');
  }
  try {
    window.print();
  } finally {
    if (el) {
      el.classList.remove('print-now');
      root.classList.remove('print-one');
    }
  }
}
