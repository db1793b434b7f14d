import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store';

/** party id → name, for the results lists */
export function usePartyNames(): Record<string, string> {
  return useAppStore(
    useShallow((s) => Object.fromEntries((s.currentCase?.parties ?? []).map((p) => [p.id, p.name]))),
  );
}
