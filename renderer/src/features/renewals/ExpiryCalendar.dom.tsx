/**
 * Renewals (续冻, docs/domain.md rule 2): every freeze ending in the next 90 days, grouped by its last day and
 * coloured by the days left, with one-click renewal of one or of all (R), each first listed with the
 * period it will carry and sent on 确认发送 (features/freeze/SendDialog.dom.tsx). An unrenewed freeze
 * lapses by itself and loses its priority, so the nearest days come first.
 */
import { useEffect, useMemo } from 'react';
import { daysBetween, todayCst } from '../../../../shared/dates';
import { formatYuanSymbol } from '../../../../shared/money';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { urgencyOf } from '../../ui/days';
import { hasModifier, isEditable } from '../../ui/keys';
import { freezeStateOf } from '../freeze/measure-state';
import { assetLabel } from '../freeze/measure-entries';
import { StateBadge } from '../freeze/StateBadge.dom';
import { DeskBack } from '../shell/DeskBack.dom';
import { ariaKeys, matches } from '../../ui/shortcuts';

export function ExpiryCalendar() {
  const { t, lang } = useT();
  const days = useAppStore((s) => s.calendar);
  const loading = useAppStore((s) => s.calendarLoading);
  const error = useAppStore((s) => s.calendarError);
  const busy = useAppStore((s) => s.measureBusy);
  const errors = useAppStore((s) => s.measureErrors);
  const review = useAppStore((s) => s.reviewRenewal);
  const openCase = useAppStore((s) => s.openCase);
  const today = todayCst();

  const all = useMemo(() => (days ?? []).flatMap((d) => d.freezes), [days]);
  const ids = all.map((f) => f.measure.id);
  const anyBusy = ids.some((id) => busy[id]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isEditable(e.target) || hasModifier(e)) return;
      if (matches('calendar.renewAll', e)) {
        const s = useAppStore.getState();
        if (s.sendBatch) return;
        e.preventDefault();
        const listed = (s.calendar ?? []).flatMap((d) => d.freezes);
        if (!listed.some((f) => s.measureBusy[f.measure.id])) review(listed);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [review]);

  return (
    <main className="page desk-page" data-testid="calendar-view">
      <div className="toolbar">
        <DeskBack />
        <h1>{t.calendar.title}</h1>
        <span className="toolbar-spacer" />
        {ids.length > 0 && (
          <button
            type="button"
            className="btn btn-primary"
            data-testid="calendar-renew-all"
            aria-keyshortcuts={ariaKeys('calendar.renewAll')}
            title={t.calendar.renewAllTitle}
            disabled={anyBusy}
            onClick={() => review(all)}
          >
            {t.calendar.renewAll(ids.length)}
            <kbd>{t.keys.renew}</kbd>
          </button>
        )}
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid="calendar-error">
          {errorText(error, lang)}
        </p>
      )}
      {days === null ? (
        <p className="empty">{loading ? t.calendar.loading : ''}</p>
      ) : days.length === 0 ? (
        <p className="empty" data-testid="calendar-empty">
          {t.calendar.empty}
        </p>
      ) : (
        <div className="panel calendar">
          {days.map((d) => {
            const left = daysBetween(today, d.date);
            const urgency = urgencyOf(left);
            return (
              <section key={d.date} className={`cal-day cal-${urgency}`} data-testid={`calendar-day-${d.date}`} data-urgency={urgency}>
                <h2 className="cal-date">
                  <span className="mono">{d.date}</span> <span className={`days days-${urgency}`}>{t.calendar.days(left)}</span>
                </h2>
                <table className="table compact">
                  <tbody>
                    {d.freezes.map((f) => {
                      const id = f.measure.id;
                      return (
                        <tr key={id} data-testid={`calendar-row-${id}`}>
                          <td className="mono nowrap">
                            <button type="button" className="link" onClick={() => void openCase(f.measure.caseId)}>
                              {f.caseNumber}
                            </button>
                          </td>
                          <td>{assetLabel(f.measure, lang)}</td>
                          <td className="num">{formatYuanSymbol(f.frozen)}</td>
                          <td>
                            <StateBadge state={freezeStateOf(f.measure, f)} />
                          </td>
                          <td className="actions">
                            <button
                              type="button"
                              className="btn btn-small"
                              data-testid={`calendar-renew-${id}`}
                              title={t.measures.renewTitle}
                              disabled={!!busy[id]}
                              onClick={() => review([f])}
                            >
                              {busy[id] ? t.measures.renewing : t.measures.renew}
                            </button>
                            {errors[id] && (
                              <div className="field-error" data-testid={`calendar-error-${id}`}>
                                {errorText(errors[id], lang)}
                              </div>
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </section>
            );
          })}
        </div>
      )}
    </main>
  );
}
