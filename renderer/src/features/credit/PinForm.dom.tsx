/**
 * A decision signed with the officer's own key: his password opens it (docs/authority.md). The
 * button is disabled, with the reason beside it, when the officer may not take the act; what main
 * answers (a wrong password, a refusal) is shown in his language.
 */
import { useState, type FormEvent } from 'react';
import type { AppError } from '../../../../shared/errors';
import type { Result } from '../../../../shared/result';
import { errorText } from '../../i18n/dict';
import { useT } from '../../store/selectors';

export interface PinFormProps {
  testId: string;
  label: string;
  /** why the officer may not, in his language; disables the form */
  blocked?: string;
  primary?: boolean;
  run(pin: string): Promise<Result<unknown, AppError>>;
  onDone(): void;
}

export function PinForm(p: PinFormProps) {
  const { t, lang } = useT();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await p.run(pin);
    setBusy(false);
    setPin('');
    if (r.ok) p.onDone();
    else setError(r.error);
  };
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} data-testid={p.testId}>
      <input type="password" aria-label={t.credit.pin} placeholder={t.credit.pin} autoComplete="current-password" value={pin}
        disabled={!!p.blocked} onChange={(e) => setPin(e.target.value)} data-testid={`${p.testId}-pin`} />
      <button type="submit" className={p.primary ? 'btn btn-primary' : 'btn'} disabled={busy || !pin || !!p.blocked} data-testid={`${p.testId}-submit`}>
        {p.label}
      </button>
      {p.blocked && <span className="muted small" data-testid={`${p.testId}-blocked`}>{p.blocked}</span>}
      {error && <p className="field-error" role="alert" data-testid={`${p.testId}-error`}>{errorText(error, lang)}</p>}
    </form>
  );
}
