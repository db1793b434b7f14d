import { describe, expect, it } from 'vitest';
import { offsetsOf, rowWindow } from '../../../renderer/src/ui/row-window';

describe('the rows of a long table in view', () => {
  const offsets = offsetsOf(Array.from({ length: 500 }, (_, i) => (i % 5 === 0 ? 60 : 40)));

  it('at the top: the first rows and a few below, the rest as space underneath', () => {
    const w = rowWindow(offsets, 0, 400, 3);
    expect(w.start).toBe(0);
    expect(w.end).toBe(13); // rows 0–9 fill 0–440, plus 3
    expect(w.padTop).toBe(0);
    expect(w.padTop + (offsets[w.end]! - offsets[w.start]!) + w.padBottom).toBe(offsets[500]);
  });

  it('scrolled to the middle: the rows under the view with the space of those above kept', () => {
    const top = offsets[250]!;
    const w = rowWindow(offsets, top, 400, 3);
    expect(w.start).toBe(247);
    expect(w.padTop).toBe(offsets[247]);
    expect(w.end).toBeGreaterThan(259);
    expect(w.end).toBeLessThan(265);
  });

  it('past the end: the last rows, none left below', () => {
    const w = rowWindow(offsets, 1e9, 400, 3);
    expect(w.end).toBe(500);
    expect(w.padBottom).toBe(0);
    expect(w.start).toBeGreaterThan(480);
  });

  it('no rows: nothing to render', () => {
    expect(rowWindow(offsetsOf([]), 0, 400, 3)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
  });
});
