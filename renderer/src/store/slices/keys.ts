/** The keyboard's own overlays: the command palette (Ctrl+K) and the list of shortcuts (?). */
import type { SliceCreator } from '../types';

export interface KeysData {
  paletteOpen: boolean;
  shortcutHelpOpen: boolean;
}

export interface KeysSlice extends KeysData {
  setPaletteOpen(open: boolean): void;
  setShortcutHelpOpen(open: boolean): void;
}

export const keysInitial: KeysData = { paletteOpen: false, shortcutHelpOpen: false };

export const createKeysSlice: SliceCreator<KeysSlice> = (set) => ({
  ...keysInitial,
  setPaletteOpen(open) {
    set({ paletteOpen: open, ...(open ? { shortcutHelpOpen: false } : {}) });
  },
  setShortcutHelpOpen(open) {
    set({ shortcutHelpOpen: open, ...(open ? { paletteOpen: false } : {}) });
  },
});
