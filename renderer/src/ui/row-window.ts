/**
 * The rows of a long table to render: from the rows' heights (measured, or estimated until they
 * are) and the part of the table in view, the first and last row in the window, plus a few either
 * side, and the space the rows left out take above and below. Pure; the DOM side is useRowWindow.
 */

export interface RowWindow {
  start: number;
  /** one past the last row rendered */
  end: number;
  /** height of the rows before `start` */
  padTop: number;
  /** height of the rows from `end` on */
  padBottom: number;
}

/** offsets[i] = top of row i; offsets[count] = the whole height */
export function offsetsOf(heights: readonly number[]): number[] {
  const out = new Array<number>(heights.length + 1);
  out[0] = 0;
  for (let i = 0; i < heights.length; i++) out[i + 1] = out[i]! + heights[i]!;
  return out;
}

/** the first row whose bottom is below `y` (binary search over the offsets) */
function rowAt(offsets: readonly number[], y: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid + 1]! <= y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `top` and `height`: the part of the table in view, in the table's own coordinates */
export function rowWindow(offsets: readonly number[], top: number, height: number, overscan: number): RowWindow {
  const count = offsets.length - 1;
  if (count <= 0) return { start: 0, end: 0, padTop: 0, padBottom: 0 };
  const total = offsets[count]!;
  const first = rowAt(offsets, Math.max(0, Math.min(top, total)));
  const last = rowAt(offsets, Math.max(0, Math.min(top + height, total)));
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, last + 1 + overscan);
  return { start, end, padTop: offsets[start]!, padBottom: total - offsets[end]! };
}
