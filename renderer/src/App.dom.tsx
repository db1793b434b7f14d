/**
 * The application shell: decides the screen from the session (first-run setup, sign-in, case list,
 * case workspace, the desk's outbox, expiry calendar, audit log and settings) and keeps the header,
 * the network banner and the connection notice around it. Hearing mode replaces everything: the
 * parties watch.
 */
import { lazy, Suspense, useEffect, useRef, useSyncExternalStore } from 'react';
import { alwaysOpen, type Connection } from './api/connection';
import { errorText } from './i18n/dict';
import { useAppStore } from './store';
import { useSession, useT } from './store/selectors';
import { CaseList } from './features/cases/CaseList.dom';
import { NewCaseDialog } from './features/cases/NewCaseDialog.dom';
import { SetupScreen } from './features/setup/SetupScreen.dom';
import { ConnectionNotice } from './features/shell/ConnectionNotice.dom';
import { Header } from './features/shell/Header.dom';
import { LangSync } from './features/shell/LangSync.dom';
import { NetworkBanner } from './features/shell/NetworkBanner.dom';
import { SignInScreen } from './features/signin/SignInScreen.dom';
import { CaseWorkspace } from './features/workspace/CaseWorkspace.dom';
import { HearingMode } from './features/deduction/HearingMode.dom';
import { ApprovalDialog } from './features/deduction/ApprovalDialog.dom';
import { DocumentViewer } from './features/documents/DocumentViewer.dom';
import { DeskShortcuts } from './features/shell/DeskShortcuts.dom';
import { SendDialog } from './features/freeze/SendDialog.dom';
import { BatchStartDialog } from './features/batch/BatchStartDialog.dom';
import { CommandPalette } from './features/palette/CommandPalette.dom';
import { ShortcutHelp } from './features/palette/ShortcutHelp.dom';

// the desk's views other than the case list and the workspace load when first opened (the
// dashboard with echarts): the case list paints without them
const DashboardView = lazy(() => import('./features/dashboard/DashboardView.dom').then((m) => ({ default: m.DashboardView })));
const OutboxView = lazy(() => import('./features/outbox/OutboxView.dom').then((m) => ({ default: m.OutboxView })));
const ExpiryCalendar = lazy(() => import('./features/renewals/ExpiryCalendar.dom').then((m) => ({ default: m.ExpiryCalendar })));
const SettingsView = lazy(() => import('./features/settings/SettingsView.dom').then((m) => ({ default: m.SettingsView })));
const ApprovalsView = lazy(() => import('./features/approvals/ApprovalsView.dom').then((m) => ({ default: m.ApprovalsView })));
const AuditView = lazy(() => import('./features/audit/AuditView.dom').then((m) => ({ default: m.AuditView })));
const JobsView = lazy(() => import('./features/jobs/JobsView.dom').then((m) => ({ default: m.JobsView })));
const BatchView = lazy(() => import('./features/batch/BatchView.dom').then((m) => ({ default: m.BatchView })));
const ChannelBoard = lazy(() => import('./features/board/ChannelBoard.dom').then((m) => ({ default: m.ChannelBoard })));

export function App({ connection = alwaysOpen }: { connection?: Connection }) {
  const { t, lang } = useT();
  const session = useSession();
  const boot = useAppStore((s) => s.boot);
  const inCase = useAppStore((s) => s.currentCaseId !== null);
  const newCaseOpen = useAppStore((s) => s.newCaseOpen);
  const batchStartOpen = useAppStore((s) => s.batchStartOpen);
  const deskView = useAppStore((s) => s.deskView);
  const hearing = useAppStore((s) => s.hearing && s.currentCaseId !== null);
  const booted = useRef(false);
  const linkState = useSyncExternalStore(connection.subscribe, connection.get);

  useEffect(() => {
    if (booted.current) return;
    booted.current = true;
    void boot();
  }, [boot]);

  let body;
  if (session.bootState === 'loading') {
    body = (
      <main className="gate" data-testid="app-loading">
        {linkState !== 'refused' && <p className="muted">{linkState === 'open' ? t.app.loading : t.app.connecting}</p>}
      </main>
    );
  } else if (session.bootState === 'failed') {
    body = (
      <main className="gate">
        <div className="gate-card" role="alert" data-testid="app-boot-error">
          <p>
            {t.app.bootFailed}
            {session.bootError && `${lang === 'zh' ? '：' : ': '}${errorText(session.bootError, lang)}`}
          </p>
          <button type="button" className="btn" data-testid="app-boot-retry" onClick={() => void boot()}>
            {t.app.retry}
          </button>
        </div>
      </main>
    );
  } else if (!session.appInfo?.setUp) {
    body = <SetupScreen />;
  } else if (!session.officer) {
    body = <SignInScreen />;
  } else if (hearing) {
    // nothing else on screen: no header, no other party, no other account
    return (
      <div className="app app-hearing">
        <LangSync />
        <HearingMode />
        <ApprovalDialog />
      </div>
    );
  } else {
    body = (
      <>
        <DeskShortcuts />
        <Suspense fallback={<main className="page desk-page" data-testid={deskView === 'dashboard' ? 'dashboard-loading' : 'view-loading'} />}>
          {deskView === 'dashboard' ? <DashboardView />
            : deskView === 'outbox' ? <OutboxView /> : deskView === 'calendar' ? <ExpiryCalendar /> : deskView === 'settings' ? <SettingsView />
            : deskView === 'jobs' ? <JobsView /> : deskView === 'batch' ? <BatchView /> : deskView === 'board' ? <ChannelBoard /> : deskView === 'audit' ? <AuditView /> : deskView === 'approvals' ? <ApprovalsView /> : inCase ? <CaseWorkspace /> : <CaseList />}
        </Suspense>
        {newCaseOpen && deskView === 'main' && <NewCaseDialog />}
        {batchStartOpen && <BatchStartDialog />}
        <DocumentViewer />
        <ApprovalDialog />
        <SendDialog />
        <CommandPalette />
        <ShortcutHelp />
      </>
    );
  }

  return (
    <div className="app">
      <LangSync />
      <Header />
      <ConnectionNotice connection={connection} />
      {session.officer && <NetworkBanner />}
      {body}
    </div>
  );
}
