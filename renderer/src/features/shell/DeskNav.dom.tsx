/** Header buttons for the desk across cases: outbox (with its count), expiry calendar, reminders, a chief’s approvals inbox, audit log, settings. */
import { permits } from '../../../../shared/authority/matrix';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import type { DeskView } from '../../store/slices/desk';
import { RemindersMenu } from '../reminders/RemindersMenu.dom';
import { AlertsMenu } from '../alerts/AlertsMenu.dom';
import { ariaKeys } from '../../ui/shortcuts';
import { say } from '../dashboard/labels';

export function DeskNav() {
  const { t, lang } = useT();
  const view = useAppStore((s) => s.deskView);
  const outboxCount = useAppStore((s) => s.outbox?.length ?? 0);
  const setView = useAppStore((s) => s.setDeskView);
  const role = useAppStore((s) => s.officer?.role);
  const approver = role !== undefined && permits('deduction.approve', role, 'read').ok;
  const dashboard = role !== undefined && permits('dashboard.read', role, 'none').ok;
  const go = (v: DeskView) => setView(view === v ? 'main' : v);
  return (
    <nav className="desk-nav" aria-label={t.app.name}>
      <button
        type="button"
        className="btn btn-quiet"
        data-testid="nav-outbox"
        aria-pressed={view === 'outbox'}
        title={t.desk.outboxTitle(outboxCount)}
        onClick={() => go('outbox')}
      >
        {t.desk.outbox}
        {outboxCount > 0 && (
          <span className="count-badge" data-testid="outbox-count">
            {outboxCount}
          </span>
        )}
      </button>
      <button
        type="button"
        className="btn btn-quiet"
        data-testid="nav-calendar"
        aria-pressed={view === 'calendar'}
        aria-keyshortcuts={ariaKeys('desk.calendar')}
        title={t.desk.calendarTitle}
        onClick={() => go('calendar')}
      >
        {t.desk.calendar}
      </button>
      {dashboard && (
        <button
          type="button"
          className="btn btn-quiet"
          data-testid="nav-dashboard"
          aria-pressed={view === 'dashboard'}
          title={say('navTitle', lang)}
          onClick={() => go('dashboard')}
        >
          {say('nav', lang)}
        </button>
      )}
      <RemindersMenu />
      <AlertsMenu />
      <button
        type="button"
        className="btn btn-quiet"
        data-testid="nav-jobs"
        aria-pressed={view === 'jobs'}
        title={t.jobs.navTitle}
        onClick={() => go('jobs')}
      >
        {t.jobs.nav}
      </button>
      <button type="button" className="btn btn-quiet" data-testid="nav-board" aria-pressed={view === 'board'} title={t.board.navTitle} onClick={() => go('board')}>
        {t.board.nav}
      </button>
      {approver && (
        <button
          type="button"
          className="btn btn-quiet"
          data-testid="nav-approvals"
          aria-pressed={view === 'approvals'}
          title={t.desk.approvalsNavTitle}
          onClick={() => go('approvals')}
        >
          {t.desk.approvalsNav}
        </button>
      )}
      <button
        type="button"
        className="btn btn-quiet"
        data-testid="nav-audit"
        aria-pressed={view === 'audit'}
        title={t.desk.auditTitle}
        onClick={() => go('audit')}
      >
        {t.desk.audit}
      </button>
      <button
        type="button"
        className="btn btn-quiet"
        data-testid="nav-settings"
        aria-pressed={view === 'settings'}
        onClick={() => go('settings')}
      >
        {t.desk.settings}
      </button>
    </nav>
  );
}
