/**
 * Keys that work wherever the judge is, once signed in (renderer/src/ui/shortcuts.ts, scope 'desk'):
 * Ctrl+K (⌘K) the command palette, even while typing; ? the list of shortcuts; R opens the expiry
 * calendar (where R renews what is listed); Esc leaves a desk view for the cases. Hearing mode has
 * none of them: the parties watch.
 */
import { useEffect } from 'react';
import { useAppStore } from '../../store';
import { isEditable } from '../../ui/keys';
import { matches } from '../../ui/shortcuts';

export function DeskShortcuts() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const s = useAppStore.getState();
      if (s.docViewer || s.approvalFor || s.newCaseOpen || s.batchStartOpen || s.hearing || s.sendBatch || s.paletteOpen || s.shortcutHelpOpen) return;
      if (matches('palette.open', e)) {
        e.preventDefault();
        s.setPaletteOpen(true);
        return;
      }
      if (isEditable(e.target)) return;
      if (matches('help.open', e)) {
        e.preventDefault();
        s.setShortcutHelpOpen(true);
      } else if (matches('desk.calendar', e) && s.deskView !== 'calendar') {
        e.preventDefault();
        s.setDeskView('calendar');
      } else if (matches('desk.back', e) && s.deskView !== 'main' && !s.remindersOpen) {
        e.preventDefault();
        s.setDeskView('main');
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return null;
}
