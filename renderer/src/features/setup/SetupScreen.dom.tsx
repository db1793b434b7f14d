/**
 * First run (app.info().setUp === false): choose the officer from the network's register and set
 * the password that protects the encrypted store; then the sign-in screen follows.
 */
import { ROLE_NAMES } from '../../../../shared/authority/roles';
import { useEffect, useState, type FormEvent } from 'react';
import { appError, type AppError } from '../../../../shared/errors';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { errorText } from '../../i18n/dict';
import { FieldError, TextField } from '../../ui/TextField.dom';

export const MIN_PASSWORD = 8;

type SetupField = 'officer' | 'enrolmentCode' | 'password' | 'password2' | 'form';

function fieldOf(e: AppError): SetupField {
  if (e.field === 'password' || e.code === 'WEAK_PASSWORD') return 'password';
  if (e.field === 'enrolmentCode' || e.code === 'ENROLMENT_REFUSED') return 'enrolmentCode';
  if (e.field === 'officerCode' || e.code === 'OFFICER_NOT_REGISTERED') return 'officer';
  return 'form';
}

export function SetupScreen() {
  const { t, lang } = useT();
  const officers = useAppStore((s) => s.registeredOfficers);
  const registeredError = useAppStore((s) => s.registeredError);
  const loadRegisteredOfficers = useAppStore((s) => s.loadRegisteredOfficers);
  const setUp = useAppStore((s) => s.setUp);
  const [code, setCode] = useState('');
  const [enrolment, setEnrolment] = useState('');
  const [pw, setPw] = useState('');
  const [pw2, setPw2] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<AppError | null>(null);

  useEffect(() => {
    void loadRegisteredOfficers();
  }, [loadRegisteredOfficers]);

  const local: Partial<Record<SetupField, string>> = {};
  if (!code) local.officer = t.setup.chooseOfficer;
  if (!enrolment.trim()) local.enrolmentCode = t.setup.enrolmentCodeRequired;
  if (pw.length < MIN_PASSWORD) local.password = errorText(appError('WEAK_PASSWORD'), lang);
  if (pw2 !== pw) local.password2 = t.setup.mismatch;
  const shown = (f: SetupField): string | null => {
    if (serverError && fieldOf(serverError) === f) return errorText(serverError, lang);
    if (f === 'password2' && pw2.length >= pw.length && pw2 && local.password2) return local.password2;
    return submitted ? (local[f] ?? null) : null;
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    setServerError(null);
    if (Object.keys(local).length || busy) return;
    setBusy(true);
    const r = await setUp(code, enrolment, pw);
    setBusy(false);
    if (!r.ok) setServerError(r.error);
  }

  return (
    <main className="gate">
      <form className="gate-card" onSubmit={submit} noValidate data-testid="setup-form">
        <h1>{t.setup.title}</h1>
        <p className="muted">{t.setup.intro}</p>
        <div className={`field${shown('officer') ? ' field-invalid' : ''}`}>
          <label htmlFor="setup-officer">{t.setup.officer}</label>
          <select
            id="setup-officer"
            data-testid="setup-officer"
            value={code}
            autoFocus
            aria-invalid={shown('officer') ? true : undefined}
            aria-describedby={shown('officer') ? 'setup-officer-error' : undefined}
            onChange={(e) => {
              setCode(e.target.value);
              setServerError(null);
            }}
          >
            <option value="">{officers === null ? t.setup.loadingOfficers : t.setup.chooseOfficer}</option>
            {(officers ?? []).map((o) => (
              <option key={o.code} value={o.code}>
                {o.name}（{o.code}，{ROLE_NAMES[o.role][lang]}，{o.court}）
              </option>
            ))}
          </select>
          <FieldError
            id="setup-officer-error"
            testId="setup-officer-error"
            text={shown('officer') ?? (registeredError ? errorText(registeredError, lang) : null)}
          />
        </div>
        <TextField
          id="setup-enrolment-code"
          testId="setup-enrolment-code"
          label={t.setup.enrolmentCode}
          autoComplete="one-time-code"
          value={enrolment}
          onChange={(v) => {
            setEnrolment(v);
            setServerError(null);
          }}
          error={shown('enrolmentCode')}
        />
        <p className="muted small">{t.setup.enrolmentHint}</p>
        {/* lets password managers and screen readers pair the new password with the officer */}
        <input type="text" hidden readOnly autoComplete="username" value={code} />
        <TextField
          id="setup-password"
          testId="setup-password"
          type="password"
          autoComplete="new-password"
          label={t.setup.password}
          value={pw}
          onChange={(v) => {
            setPw(v);
            setServerError(null);
          }}
          error={shown('password')}
        />
        <TextField
          id="setup-password2"
          testId="setup-password2"
          type="password"
          autoComplete="new-password"
          label={t.setup.password2}
          value={pw2}
          onChange={setPw2}
          error={shown('password2')}
        />
        <FieldError id="setup-error" testId="setup-error" text={shown('form')} />
        <button type="submit" className="btn btn-primary" data-testid="setup-submit" disabled={busy}>
          {busy ? t.setup.submitting : t.setup.submit}
        </button>
      </form>
    </main>
  );
}
