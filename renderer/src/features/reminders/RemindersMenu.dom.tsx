/**
 * Renewal reminders in the header (reminders.due at sign-in, 'reminder.due' whenever main finds them
 * due): a badge with the count, the list grouped by case (case number, debtor) with the missed ones
 * marked; each reminder offers 续冻, stating the period it will carry, which opens the confirmation
 * (features/freeze/SendDialog.dom.tsx), and "知道了" to record it delivered (reminders.ack). A 执保 reminder (提醒申请人申请续行保全)
 * is answered instead by making the notice to the applicant (reminders.notifyApplicant).
 */
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import type { ReminderView } from '../../../../shared/domain/measure-views';
import { daysBetween, todayCst } from '../../../../shared/dates';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { urgencyOf } from '../../ui/days';

export function RemindersMenu() {
  const { t, lang } = useT();
  const reminders = useAppStore((s) => s.reminders);
  const open = useAppStore((s) => s.remindersOpen);
  const setOpen = useAppStore((s) => s.setRemindersOpen);
  const openCase = useAppStore((s) => s.openCase);
  const setTab = useAppStore((s) => s.setWorkspaceTab);
  const review = useAppStore((s) => s.reviewReminderRenewal);
  const busy = useAppStore((s) => s.measureBusy);
  const missed = reminders.some((r) => r.missed);
  const groups = useMemo(() => byCase(reminders), [reminders]);
  const goTo = (caseId: string) => {
    setOpen(false);
    void openCase(caseId);
    setTab('freeze');
  };
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
            <div className="reminder-groups">
              {groups.map((g) => (
                <section key={g.caseId} className="reminder-case" data-testid={`reminder-case-${g.caseId}`} aria-label={g.caseNumber}>
                  <h3 className="reminder-case-head">
                    <button
                      type="button"
                      className="link mono"
                      data-testid={`reminder-case-open-${g.caseId}`}
                      title={t.reminders.open}
                      onClick={() => goTo(g.caseId)}
                    >
                      {g.caseNumber}
                    </button>{' '}
                    <span className="muted small" data-testid={`reminder-case-debtor-${g.caseId}`}>{g.debtors.join('、')}</span>{' '}
                    <span className="muted small">{t.reminders.count(g.items.length)}</span>
                    {g.items.length > 1 && (
                      <button
                        type="button"
                        className="btn btn-small"
                        data-testid={`reminder-case-renew-${g.caseId}`}
                        title={t.reminders.renewTitle}
                        disabled={g.items.some((r) => busy[r.freezeId])}
                        onClick={() => review(g.items)}
                      >
                        {t.reminders.renewCase(g.items.length)}
                      </button>
                    )}
                  </h3>
                  <ul>
                    {g.items.map((r) => (
                      <ReminderItem key={r.key} r={r} today={today} onOpen={() => goTo(r.caseId)} />
                    ))}
                  </ul>
                </section>
              ))}
            </div>
          )}
        </div>
      )}
    </div>
  );
}

/** One reminder: the asset, its end and days left, the renewal's period, 续冻 and 知道了. */
function ReminderItem({ r, today, onOpen }: { r: ReminderView; today: string; onOpen(): void }) {
  const { t, lang } = useT();
  const ack = useAppStore((s) => s.ackReminder);
  const notify = useAppStore((s) => s.notifyApplicant);
  const review = useAppStore((s) => s.reviewReminderRenewal);
  const busy = useAppStore((s) => !!s.measureBusy[r.freezeId]);
  const error = useAppStore((s) => s.reminderErrors[r.key]);
  const left = daysBetween(today, r.endsOn);
  return (
    <li key={r.key} className={r.missed ? 'missed' : undefined} data-testid={`reminder-${r.key}`} data-missed={r.missed}>
      <div>
        <button
          type="button"
          className="link mono"
          data-testid={`reminder-open-${r.key}`}
          title={t.reminders.open}
          onClick={onOpen}
        >
          {r.assetDescription}
        </button>
        {r.missed && (
          <span className="badge badge-danger" data-testid={`reminder-missed-${r.key}`}>
            {t.reminders.missed}
          </span>
        )}
      </div>
      <div className={`small days days-${urgencyOf(left)}`}>
        {t.reminders.endsOn(r.endsOn, left)} · {t.reminders.before(r.daysBefore)}
      </div>
      {r.kind === 'preservation' ? (
        <>
          <div className="small" data-testid={`reminder-preservation-${r.key}`}><strong>{t.reminders.preservation}</strong></div>
          <div className="reminder-actions">
            <button
              type="button"
              className="btn btn-small btn-primary"
              data-testid={`reminder-notify-${r.key}`}
              title={t.reminders.notifyTitle}
              onClick={() => void notify(r.key, r.caseId)}
            >
              {t.reminders.notify}
            </button>
          </div>
        </>
      ) : (
        <>
          <div className="small" data-testid={`reminder-period-${r.key}`}>
            {t.send.periodText('renew', r.renewal.start, r.renewal.end)}
          </div>
          <div className="reminder-actions">
            <button
              type="button"
              className="btn btn-small btn-primary"
              data-testid={`reminder-renew-${r.key}`}
              title={t.reminders.renewTitle}
              disabled={busy}
              onClick={() => review([r])}
            >
              {t.reminders.renew}
            </button>
            <button
              type="button"
              className="btn btn-small"
              data-testid={`reminder-ack-${r.key}`}
              title={t.reminders.dismissTitle}
              onClick={() => void ack(r.key)}
            >
              {t.reminders.dismiss}
            </button>
          </div>
        </>
      )}
      {error && <div className="field-error">{errorText(error, lang)}</div>}
    </li>
  );
}

interface CaseGroup {
  caseId: string;
  caseNumber: string;
  debtors: string[];
  items: ReminderView[];
}

/** Reminders by case, the case with the most urgent one first; within a case, most urgent first. */
function byCase(reminders: readonly ReminderView[]): CaseGroup[] {
  const groups = new Map<string, CaseGroup>();
  for (const r of reminders) {
    const g = groups.get(r.caseId) ?? { caseId: r.caseId, caseNumber: r.caseNumber, debtors: [], items: [] };
    if (r.debtor && !g.debtors.includes(r.debtor)) g.debtors.push(r.debtor);
    g.items.push(r);
    groups.set(r.caseId, g);
  }
  return [...groups.values()];
}
