/**
 * An approvals inbox on screen (docs/authority.md): the items waiting for the signed-in officer,
 * loaded on mount and on reload; a decided item leaves the list and is shown among the decided,
 * newest first. A failed load keeps the list shown and says why.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError } from '../../../shared/errors';
import type { Result } from '../../../shared/result';

export interface Inbox<I, D> {
  /** null until the first answer */
  items: I[] | null;
  decided: D[];
  error: AppError | null;
  load(): Promise<void>;
  /** item was decided; record is what the decided list shows of it */
  done(item: I, record: D): void;
}

export function useInbox<I, D>(fetchItems: () => Promise<Result<I[]>>, keyOf: (i: I) => string): Inbox<I, D> {
  const [items, setItems] = useState<I[] | null>(null);
  const [decided, setDecided] = useState<D[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const source = useRef({ fetchItems, keyOf });
  source.current = { fetchItems, keyOf };
  const load = useCallback(async () => {
    const r = await source.current.fetchItems();
    if (r.ok) {
      setItems(r.value);
      setError(null);
    } else setError(r.error);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const done = useCallback((item: I, record: D) => {
    const key = source.current.keyOf(item);
    setDecided((d) => [record, ...d]);
    setItems((list) => (list ?? []).filter((x) => source.current.keyOf(x) !== key));
  }, []);
  return { items, decided, error, load, done };
}
