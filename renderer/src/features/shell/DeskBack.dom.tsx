/** "← 返回" from a desk view (outbox, calendar, settings) to the cases or the open case; Esc does the same. */
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { ariaKeys } from '../../ui/shortcuts';

export function DeskBack() {
  const { t } = useT();
  const setView = useAppStore((s) => s.setDeskView);
  return (
    <button type="button" className="btn btn-quiet" data-testid="desk-back" aria-keyshortcuts={ariaKeys('desk.back')} onClick={() => setView('main')}>
      {t.desk.back}
    </button>
  );
}
