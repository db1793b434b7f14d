/**
 * 主动预警 in the header: a badge with the count of open alerts (alerts.list at sign-in,
 * 'alert.raised' as they come), and the list — each alert with its kind, its case (the link to the
 * record it rests on), its reason and its one action button (一键冻结, 续冻, 打开案件, 核查线索 …),
 * and 知道了 / 已处理. The action does what its button says through the case workspace: nothing is
 * sent without the confirmation the freeze panel asks for.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { ALERT_ACTION_LABELS, ALERT_KIND_LABELS } from '../../../../shared/domain/alert-labels';
import type { AlertView } from '../../../../shared/ipc/groups/alerts';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { formatWhen } from '../../ui/format';
import { api } from '../../store/api-holder';
import { SheetExportButton } from '../sheets/SheetExportButton.dom';

export function AlertsMenu() {
  const { t } = useT();
  const alerts = useAppStore((s) => s.alerts);
  const open = useAppStore((s) => s.alertsOpen);
  const setOpen = useAppStore((s) => s.setAlertsOpen);
  const unseen = alerts.filter((a) => a.state === 'open').length;
  const ref = useRef<HTMLDivElement>(null);

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
        data-testid="alerts-toggle"
        aria-expanded={open}
        aria-haspopup="true"
        title={t.alerts.navTitle(unseen)}
        onClick={() => setOpen(!open)}
      >
        {t.alerts.nav}
        {unseen > 0 && (
          <span className="count-badge count-badge-danger" data-testid="alerts-count">
            {unseen}
          </span>
        )}
      </button>
      {open && (
        <div className="menu-pop reminders" role="region" aria-label={t.alerts.title} data-testid="alerts-list">
          <div className="section-head">
            <h2 className="section-title">{t.alerts.title}</h2>
            {alerts.length > 0 && <SheetExportButton list="alerts" run={() => api().sheets.exportAlerts({})} />}
          </div>
          {alerts.length === 0 ? (
            <p className="muted" data-testid="alerts-empty">{t.alerts.none}</p>
          ) : (
            <ul>
              {alerts.map((a) => <AlertItem key={a.id} a={a} />)}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

function AlertItem({ a }: { a: AlertView }) {
  const { t, lang } = useT();
  const act = useAppStore((s) => s.actOnAlert);
  const ack = useAppStore((s) => s.acknowledgeAlert);
  const finish = useAppStore((s) => s.finishAlert);
  const openCase = useAppStore((s) => s.openCase);
  const setOpen = useAppStore((s) => s.setAlertsOpen);
  const error = useAppStore((s) => s.alertErrors[a.id]);
  const say = (x: { zh: string; en: string }) => (lang === 'zh' ? x.zh : x.en);
  return (
    <li data-testid={`alert-${a.id}`} data-kind={a.kind} data-state={a.state} className={a.state === 'open' ? 'missed' : undefined}>
      <div>
        <strong>{say(ALERT_KIND_LABELS[a.kind])}</strong>{' '}
        <button
          type="button"
          className="link mono"
          data-testid={`alert-source-${a.id}`}
          title={`${t.alerts.source}：${t.alerts.sources[a.source.kind] ?? a.source.kind}`}
          onClick={() => {
            setOpen(false);
            void openCase(a.caseId);
          }}
        >
          {a.caseNumber}
        </button>
        {a.state === 'acknowledged' && <span className="muted small"> · {t.alerts.acknowledged}</span>}
        {a.assignedTo && <span className="muted small"> · {t.alerts.assigned(a.assignedTo)}</span>}
      </div>
      <div className="small" data-testid={`alert-reason-${a.id}`}>{say(a.reason)}</div>
      <div className="muted small">{t.alerts.raisedAt} {formatWhen(a.raisedAt)}</div>
      <div className="reminder-actions">
        <button type="button" className="btn btn-small btn-primary" data-testid={`alert-action-${a.id}`} onClick={() => void act(a)}>
          {say(ALERT_ACTION_LABELS[a.action])}
        </button>
        {a.state === 'open' && (
          <button type="button" className="btn btn-small" data-testid={`alert-ack-${a.id}`} onClick={() => void ack(a)}>
            {t.alerts.ack}
          </button>
        )}
        <button type="button" className="btn btn-small" data-testid={`alert-done-${a.id}`} onClick={() => void finish(a)}>
          {t.alerts.done}
        </button>
      </div>
      {error && <div className="field-error">{errorText(error, lang)}</div>}
    </li>
  );
}
