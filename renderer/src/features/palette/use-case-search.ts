/**
 * The palette's cases beyond the pages the list has loaded: what the judge types, sent (debounced)
 * to cases.list as the list's own search does, open and closed alike. Kept in memory only.
 */
import { useEffect, useState } from 'react';
import type { CaseSummary } from '../../../../shared/domain/types';
import { api } from '../../store/api-holder';

export const PALETTE_SEARCH_MS = 150;

export function useCaseSearch(query: string, limit: number): CaseSummary[] {
  const [found, setFound] = useState<CaseSummary[]>([]);
  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setFound([]);
      return;
    }
    let live = true;
    const h = setTimeout(() => {
      void api()
        .cases.list({ search: q, status: 'all', offset: 0, limit })
        .then((r) => {
          if (live && r.ok) setFound(r.value.items);
        });
    }, PALETTE_SEARCH_MS);
    return () => {
      live = false;
      clearTimeout(h);
    };
  }, [query, limit]);
  return found;
}
