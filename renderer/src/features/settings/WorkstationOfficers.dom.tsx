/**
 * The officers of this workstation (docs/keys.md): who can sign in here, enrolment of another
 * registered officer with HIS OWN one-time enrolment code and password (nobody types them for him),
 * removal by a chief or the director (the store is rekeyed), and the signed-in officer's own
 * password change.
 */
import { useEffect, useState } from 'react';
import { ROLE_NAMES } from '../../../../shared/authority/roles';
import { permits } from '../../../../shared/authority/matrix';
import type { AppError } from '../../../../shared/errors';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';

export function WorkstationOfficers() {
  const { t, lang } = useT();
  const me = useAppStore((s) => s.officer);
  const enrolled = useAppStore((s) => s.enrolledOfficers);
  const loadEnrolled = useAppStore((s) => s.loadEnrolled);
  const removeOfficer = useAppStore((s) => s.removeOfficer);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    void loadEnrolled();
  }, [loadEnrolled]);

  const mayRemove = !!me && permits('officers.manage', me.role, 'none').ok;
  const remove = async (code: string) => {
    setError(null);
    const r = await removeOfficer(code);
    if (!r.ok) setError(r.error);
  };

  return (
    <section className="panel settings-form" data-testid="settings-officers">
      <h2 className="section-title">{t.officers.title}</h2>
      <table className="table" data-testid="officers-table">
        <thead>
          <tr>
            <th>{t.officers.name}</th>
            <th>{t.officers.code}</th>
            <th>{t.officers.role}</th>
            <th>{t.officers.key}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(enrolled ?? []).map((o) => (
            <tr key={o.code} data-testid={`officer-row-${o.code}`}>
              <td>{o.name}</td>
              <td className="mono">{o.code}</td>
              <td>{ROLE_NAMES[o.role][lang]}</td>
              <td className="muted small">{o.keyId ? t.officers.keyRegistered : t.officers.keyMissing}</td>
              <td>
                {mayRemove && o.code !== me?.code && (
                  <button type="button" className="btn btn-quiet" data-testid={`officer-remove-${o.code}`} onClick={() => void remove(o.code)}>
                    {t.officers.remove}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && (
        <p className="field-error" role="alert" data-testid="officers-error">
          {errorText(error, lang)}
        </p>
      )}
      <EnrolForm />
      <ChangePasswordForm />
    </section>
  );
}

/** Another officer enrols himself: he chooses his name, types his own code and his own password. */
function EnrolForm() {
  const { t, lang } = useT();
  const register = useAppStore((s) => s.registeredOfficers);
  const enrolled = useAppStore((s) => s.enrolledOfficers);
  const loadRegister = useAppStore((s) => s.loadRegisteredOfficers);
  const loadEnrolled = useAppStore((s) => s.loadEnrolled);
  const enrol = useAppStore((s) => s.enrol);
  const [code, setCode] = useState('');
  const [enrolment, setEnrolment] = useState('');
  const [pw, setPw] = useState('');
  const [pw2, setPw2] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<AppError | string | null>(null);

  useEffect(() => {
    if (register === null) void loadRegister();
  }, [register, loadRegister]);

  const here = new Set((enrolled ?? []).map((o) => o.code));
  const submit = async () => {
    setError(null);
    setDone(null);
    if (!code || !enrolment.trim() || !pw) return setError(t.officers.fillAll);
    if (pw !== pw2) return setError(t.setup.mismatch);
    setBusy(true);
    const r = await enrol(code, enrolment, pw);
    setBusy(false);
    setPw('');
    setPw2('');
    if (r.ok) {
      setDone(r.value.name);
      setEnrolment('');
      setCode('');
      await loadEnrolled();
    } else setError(r.error);
  };

  return (
    <form
      className="officer-enrol"
      data-testid="officer-enrol"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>{t.officers.enrolTitle}</h3>
      <p className="muted small">{t.officers.enrolIntro}</p>
      <div className="officer-row">
        <div className="field">
          <label htmlFor="enrol-officer">{t.officers.officer}</label>
          <select id="enrol-officer" data-testid="enrol-officer" value={code} onChange={(e) => setCode(e.target.value)}>
            <option value="">{t.officers.choose}</option>
            {(register ?? []).filter((o) => !here.has(o.code)).map((o) => (
              <option key={o.code} value={o.code}>
                {o.name} · {o.code} · {ROLE_NAMES[o.role][lang]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="enrol-code">{t.setup.enrolmentCode}</label>
          <input id="enrol-code" data-testid="enrol-code" autoComplete="one-time-code" value={enrolment} onChange={(e) => setEnrolment(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="enrol-password">{t.officers.hisPassword}</label>
          <input id="enrol-password" type="password" data-testid="enrol-password" autoComplete="new-password" value={pw} onChange={(e) => setPw(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="enrol-password2">{t.setup.password2}</label>
          <input id="enrol-password2" type="password" data-testid="enrol-password2" autoComplete="new-password" value={pw2} onChange={(e) => setPw2(e.target.value)} />
        </div>
        <button type="submit" className="btn" data-testid="enrol-submit" disabled={busy}>
          {t.officers.enrol}
        </button>
      </div>
      {done && <p className="notice" role="status" data-testid="enrol-done">{t.officers.enrolled(done)}</p>}
      {error && (
        <p className="field-error" role="alert" data-testid="enrol-error">
          {typeof error === 'string' ? error : errorText(error, lang)}
        </p>
      )}
    </form>
  );
}

function ChangePasswordForm() {
  const { t, lang } = useT();
  const change = useAppStore((s) => s.changePassword);
  const [old, setOld] = useState('');
  const [pw, setPw] = useState('');
  const [pw2, setPw2] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<AppError | string | null>(null);

  const submit = async () => {
    setError(null);
    setDone(false);
    if (pw !== pw2) return setError(t.setup.mismatch);
    const r = await change(old, pw);
    setOld('');
    setPw('');
    setPw2('');
    if (r.ok) setDone(true);
    else setError(r.error);
  };

  return (
    <form
      className="officer-enrol"
      data-testid="password-change"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>{t.officers.passwordTitle}</h3>
      <div className="officer-row">
        <div className="field">
          <label htmlFor="pw-old">{t.officers.oldPassword}</label>
          <input id="pw-old" type="password" data-testid="pw-old" autoComplete="current-password" value={old} onChange={(e) => setOld(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="pw-new">{t.officers.newPassword}</label>
          <input id="pw-new" type="password" data-testid="pw-new" autoComplete="new-password" value={pw} onChange={(e) => setPw(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="pw-new2">{t.setup.password2}</label>
          <input id="pw-new2" type="password" data-testid="pw-new2" autoComplete="new-password" value={pw2} onChange={(e) => setPw2(e.target.value)} />
        </div>
        <button type="submit" className="btn" data-testid="pw-submit" disabled={!old || !pw}>
          {t.officers.changePassword}
        </button>
      </div>
      {done && <p className="notice" role="status" data-testid="pw-done">{t.officers.passwordChanged}</p>}
      {error && (
        <p className="field-error" role="alert" data-testid="pw-error">
          {typeof error === 'string' ? error : errorText(error, lang)}
        </p>
      )}
    </form>
  );
}
