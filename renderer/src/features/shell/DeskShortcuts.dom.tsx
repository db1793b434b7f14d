/**
 * Keys that work wherever the judge is, once signed in: R opens the expiry calendar (where R renews
 * what is listed); Esc leaves a desk view for the cases.
 */
import { useEffect } from 'react';
import { useAppStore } from '../../store';
import { hasModifier, isEditable } from '../../ui/keys';

export function DeskShortcuts() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || hasModifier(e)) return;
      const s = useAppStore.getState();
      if (s.docViewer || s.approvalFor || s.newCaseOpen || s.hearing || s.sendBatch) return;
      if ((e.key === 'r' || e.key === 'R') && !isEditable(e.target) && s.deskView !== 'calendar') {
        e.preventDefault();
        s.setDeskView('calendar');
      } else if (e.key === 'Escape' && s.deskView !== 'main' && !s.remindersOpen && !isEditable(e.target)) {
        e.preventDefault();
        s.setDeskView('main');
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return null;
}
