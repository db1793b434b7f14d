/**
 * The alert whose 一键控制 the judge pressed in the alerts list: the control panel offers it at the
 * top (a 'restriction.breach' names no sighting of the feed, so the panel could not offer it otherwise).
 */
import { create } from 'zustand';
import type { AlertView } from '../../../../shared/ipc/groups/alerts';

export const useControlFocus = create<{ alert: AlertView | null; focus(a: AlertView | null): void }>((set) => ({
  alert: null,
  focus: (alert) => set({ alert }),
}));

export function focusControl(a: AlertView): void {
  useControlFocus.getState().focus(a);
}
