/** Top bar: program name, training badge, the desk (outbox, calendar, reminders, settings), officer, language, sign-out. */
import { ROLE_NAMES } from '../../../../shared/authority/roles';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { DeskNav } from './DeskNav.dom';

export function Header() {
  const { t, lang } = useT();
  const officer = useAppStore((s) => s.officer);
  const sandbox = useAppStore((s) => (s.network?.network ?? s.appInfo?.network) === 'sandbox');
  const setLang = useAppStore((s) => s.setLang);
  const signOut = useAppStore((s) => s.signOut);

  return (
    <header className="topbar">
      <div className="brand">{t.app.name}</div>
      {sandbox && (
        <span className="badge badge-training" data-testid="network-sandbox-badge">
          {t.header.sandbox}
        </span>
      )}
      {officer && <DeskNav />}
      <div className="topbar-spacer" />
      {officer && (
        <span className="officer" data-testid="header-officer">
          <strong>{officer.name}</strong>
          <span className="muted">
            {officer.code} · {ROLE_NAMES[officer.role][lang]} · {officer.court}
          </span>
        </span>
      )}
      <button
        type="button"
        className="btn btn-quiet"
        data-testid="lang-switch"
        lang={lang === 'zh' ? 'en' : 'zh-CN'}
        title={t.header.switchLanguageTitle}
        onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
      >
        {t.header.switchLanguage}
      </button>
      {officer && (
        <button type="button" className="btn btn-quiet" data-testid="signout" onClick={() => void signOut()}>
          {t.header.signOut}
        </button>
      )}
    </header>
  );
}
