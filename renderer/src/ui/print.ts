/** Printing one part of the page: the print stylesheet shows only `.print-area` (styles.css). */
export function printPage(): void {
  if (typeof window.print === 'function') window.print();
}
