/**
 * Renewal reminders in the header (reminders.due at sign-in, 'reminder.due' as they fall due): a
 * badge with the count, a list with the missed ones marked, and "知道了" to record each as
 * delivered (reminders.ack). Until then a reminder stays. A 执保 reminder (提醒申请人申请续行保全) is
 * answered instead by making the notice to the applicant (reminders.notifyApplicant).
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { daysBetween, todayCst } from '../../../../shared/dates';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { urgencyOf } from '../../ui/days';

export function RemindersMenu() {
  const { t, lang } = useT();
  const reminders = useAppStore((s) => s.reminders);
  const open = useAppStore((s) => s.remindersOpen);
  const errors = useAppStore((s) => s.reminderErrors);
  const setOpen = useAppStore((s) => s.setRemindersOpen);
  const ack = useAppStore((s) => s.ackReminder);
  const notify = useAppStore((s) => s.notifyApplicant);
  const openCase = useAppStore((s) => s.openCase);
  const setTab = useAppStore((s) => s.setWorkspaceTab);
  const missed = reminders.some((r) => r.missed);
  const ref = useRef<HTMLDivElement>(null);
  const today = todayCst();

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (ref.current && e.target instanceof Node && !ref.current.contains(e.target)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open, setOpen]);

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && open) {
      e.preventDefault();
      setOpen(false);
    }
  };

  return (
    <div className="menu" ref={ref} onKeyDown={onKey}>
      <button
        type="button"
        className="btn btn-quiet"
        data-testid="reminders-toggle"
        aria-expanded={open}
        aria-haspopup="true"
        title={t.desk.remindersTitle(reminders.length)}
        onClick={() => setOpen(!open)}
      >
        {t.desk.reminders}
        {reminders.length > 0 && (
          <span className={`count-badge${missed ? ' count-badge-danger' : ''}`} data-testid="reminders-count" data-missed={missed}>
            {reminders.length}
          </span>
        )}
      </button>
      {open && (
        <div className="menu-pop reminders" role="region" aria-label={t.reminders.title} data-testid="reminders-list">
          <h2 className="section-title">{t.reminders.title}</h2>
          {reminders.length === 0 ? (
            <p className="muted" data-testid="reminders-empty">
              {t.reminders.none}
            </p>
          ) : (
            <ul>
              {reminders.map((r) => {
                const left = daysBetween(today, r.endsOn);
                return (
                  <li key={r.key} className={r.missed ? 'missed' : undefined} data-testid={`reminder-${r.key}`} data-missed={r.missed}>
                    <div>
                      <button
                        type="button"
                        className="link mono"
                        data-testid={`reminder-open-${r.key}`}
                        title={t.reminders.open}
                        onClick={() => {
                          setOpen(false);
                          void openCase(r.caseId);
                          setTab('freeze');
                        }}
                      >
                        {r.caseNumber}
                      </button>
                      {r.missed && (
                        <span className="badge badge-danger" data-testid={`reminder-missed-${r.key}`}>
                          {t.reminders.missed}
                        </span>
                      )}
                    </div>
                    {r.kind === 'preservation' && <div className="small" data-testid={`reminder-preservation-${r.key}`}><strong>{t.reminders.preservation}</strong></div>}
                    <div className="small">{r.assetDescription}</div>
                    <div className={`small days days-${urgencyOf(left)}`}>
                      {t.reminders.endsOn(r.endsOn, left)} · {t.reminders.before(r.daysBefore)}
                    </div>
                    {r.kind === 'preservation' ? (
                      <button
                        type="button"
                        className="btn btn-small"
                        data-testid={`reminder-notify-${r.key}`}
                        title={t.reminders.notifyTitle}
                        onClick={() => void notify(r.key, r.caseId)}
                      >
                        {t.reminders.notify}
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="btn btn-small"
                        data-testid={`reminder-ack-${r.key}`}
                        title={t.reminders.dismissTitle}
                        onClick={() => void ack(r.key)}
                      >
                        {t.reminders.dismiss}
                      </button>
                    )}
                    {errors[r.key] && <div className="field-error">{errorText(errors[r.key]!, lang)}</div>}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
