/** Sign-in: officer code and password; errors in the judge's language beside the field. */
import { useState, type FormEvent } from 'react';
import type { AppError } from '../../../../shared/errors';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { FieldError, TextField } from '../../ui/TextField.dom';

type SignInField = 'officer' | 'password' | 'form';

function fieldOf(e: AppError): SignInField {
  if (e.field === 'officerCode' || e.code === 'OFFICER_NOT_REGISTERED') return 'officer';
  if (e.field === 'password' || e.code === 'BAD_CREDENTIALS' || e.code === 'WEAK_PASSWORD') return 'password';
  return 'form';
}

export function SignInScreen() {
  const { t, lang } = useT();
  const setupOfficerCode = useAppStore((s) => s.setupOfficerCode);
  const lockedReason = useAppStore((s) => s.lockedReason);
  const signIn = useAppStore((s) => s.signIn);
  const [code, setCode] = useState(setupOfficerCode ?? '');
  const [pw, setPw] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<AppError | null>(null);

  const shown = (f: SignInField): string | null => {
    if (serverError && fieldOf(serverError) === f) return errorText(serverError, lang);
    if (!submitted) return null;
    if (f === 'officer' && !code.trim()) return t.signIn.required;
    if (f === 'password' && !pw) return t.signIn.required;
    return null;
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    setServerError(null);
    if (!code.trim() || !pw || busy) return;
    setBusy(true);
    const r = await signIn(code.trim(), pw);
    setBusy(false);
    if (!r.ok) setServerError(r.error);
  }

  const notice = setupOfficerCode ? t.setup.done : lockedReason === 'idle' ? t.signIn.lockedIdle : null;

  return (
    <main className="gate">
      <form className="gate-card" onSubmit={submit} noValidate data-testid="signin-form">
        <h1>{t.signIn.title}</h1>
        {notice && (
          <p className="notice" data-testid="signin-notice" role="status">
            {notice}
          </p>
        )}
        <TextField
          id="signin-officer"
          testId="signin-officer"
          label={t.signIn.officer}
          autoComplete="username"
          autoFocus={!code}
          value={code}
          onChange={(v) => {
            setCode(v);
            setServerError(null);
          }}
          error={shown('officer')}
        />
        <TextField
          id="signin-password"
          testId="signin-password"
          type="password"
          autoComplete="current-password"
          autoFocus={!!code}
          label={t.signIn.password}
          value={pw}
          onChange={(v) => {
            setPw(v);
            setServerError(null);
          }}
          error={shown('password')}
        />
        <FieldError id="signin-error" testId="signin-error" text={shown('form')} />
        <button type="submit" className="btn btn-primary" data-testid="signin-submit" disabled={busy}>
          {busy ? t.signIn.submitting : t.signIn.submit}
        </button>
      </form>
    </main>
  );
}
