/** Selectors for components; object selectors go through useShallow so unrelated updates don't re-render. */
import { useShallow } from 'zustand/react/shallow';
import { channelsFor } from '../../../shared/domain/channels';
import type { ChannelRequest, Party } from '../../../shared/domain/types';
import { dictFor, type Dict, type Lang } from '../i18n/dict';
import { useAppStore } from './index';
import { cellKey } from './slices/query';

export function useT(): { t: Dict; lang: Lang } {
  const lang = useAppStore((s) => s.lang);
  return { t: dictFor(lang), lang };
}

export function useSession() {
  return useAppStore(
    useShallow((s) => ({
      bootState: s.bootState,
      bootError: s.bootError,
      appInfo: s.appInfo,
      officer: s.officer,
      lockedReason: s.lockedReason,
    })),
  );
}

export function useDebtors(): Party[] {
  return useAppStore(useShallow((s) => (s.currentCase?.parties ?? []).filter((p) => p.role === 'debtor')));
}

export function useCellRequest(channel: string, partyId: string): ChannelRequest | undefined {
  return useAppStore((s) => {
    const id = s.cellLatest[cellKey(channel, partyId)];
    return id ? s.requests[id] : undefined;
  });
}

/** answered / total over the cells that have a request (each cell counted once, by its newest request) */
export function useQueryProgress() {
  return useAppStore(
    useShallow((s) => {
      let total = 0;
      let answered = 0;
      let failed = 0;
      let manual = 0;
      const debtors = (s.currentCase?.parties ?? []).filter((p) => p.role === 'debtor');
      for (const d of debtors) {
        for (const c of channelsFor(d.kind)) {
          const id = s.cellLatest[cellKey(c.id, d.id)];
          const r = id ? s.requests[id] : undefined;
          if (!r) continue;
          total += 1;
          if (r.state === 'answered') answered += 1;
          else if (r.state === 'failed') failed += 1;
          else if (r.state === 'manual') manual += 1;
        }
      }
      return { total, answered, failed, manual };
    }),
  );
}
