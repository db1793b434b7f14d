/**
 * Work is started a batch per turn of the event loop, so that a fan-out of tens of thousands (a
 * bureau-wide re-query, a resume after restart) never holds the main thread (docs/architecture.md, principle 10).
 */
export interface StartQueue<T> {
  push(item: T): void;
  /** drops what has not started; it stays as stored, for resume */
  clear(): void;
}

export function createStartQueue<T>(launch: (item: T) => void, stopped: () => boolean, batch = 256): StartQueue<T> {
  const items: T[] = [];
  let head = 0;
  let pump: ReturnType<typeof setImmediate> | undefined;
  const run = (): void => {
    pump = undefined;
    if (stopped()) return;
    const end = Math.min(items.length, head + batch);
    for (; head < end; head += 1) launch(items[head]!);
    if (head < items.length) pump = setImmediate(run);
    else {
      items.length = 0;
      head = 0;
    }
  };
  return {
    push(item) {
      items.push(item);
      pump ??= setImmediate(run);
    },
    clear() {
      if (pump) clearImmediate(pump);
      pump = undefined;
      items.length = 0;
      head = 0;
    },
  };
}
