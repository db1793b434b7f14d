/**
 * 导出证据包: the case's signed evidence package (docs/audit.md, "The evidence package"). It holds
 * personal data in plaintext, so the officer is told so, confirms with his password (which opens
 * his signing key) and the export is recorded; main writes the file and answers its path and hash.
 */
import { useState } from 'react';
import { ACTS } from '../../../../shared/authority/matrix';
import type { AppError } from '../../../../shared/errors';
import type { CallOutput } from '../../../../shared/ipc/contract';
import { errorText } from '../../i18n/dict';
import { api } from '../../store/api-holder';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';

type Saved = CallOutput<'evidence', 'export'>;

export function EvidenceExport({ caseId }: { caseId: string }) {
  const { t, lang } = useT();
  const role = useAppStore((s) => s.officer?.role);
  const [open, setOpen] = useState(false);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  // the router decides (a judge only for his own cases); the button is not offered to a role that never may
  if (!role || !(ACTS['evidence.export'].roles as readonly string[]).includes(role)) return null;

  const run = async () => {
    setBusy(true);
    setError(null);
    const r = await api().evidence.export({ caseId, pin });
    setBusy(false);
    setPin('');
    if (r.ok) {
      setSaved(r.value);
      setOpen(false);
    } else setError(r.error);
  };

  return (
    <div className="evidence-export" data-testid="evidence-export">
      <button type="button" className="btn" data-testid="evidence-export-open" onClick={() => { setOpen(!open); setSaved(null); setError(null); }}>
        {t.evidence.export}
      </button>
      {open && (
        <form className="panel" onSubmit={(e) => { e.preventDefault(); if (pin) void run(); }}>
          <p id="evidence-export-warning">{t.evidence.warning}</p>
          <label htmlFor="evidence-pin">{t.evidence.password}</label>{' '}
          <input id="evidence-pin" type="password" autoComplete="off" data-testid="evidence-pin" aria-describedby="evidence-export-warning" value={pin} onChange={(e) => setPin(e.target.value)} />{' '}
          <button type="submit" className="btn btn-primary" data-testid="evidence-export-confirm" disabled={!pin || busy}>
            {busy ? t.evidence.exporting : t.evidence.confirm}
          </button>{' '}
          <button type="button" className="btn btn-quiet" onClick={() => { setOpen(false); setPin(''); }}>
            {t.evidence.cancel}
          </button>
        </form>
      )}
      {error && <p role="alert" data-testid="evidence-export-error">{errorText(error, lang)}</p>}
      {saved && (
        <dl className="facts" role="status" data-testid="evidence-export-saved">
          <div className="fact"><dt>{t.evidence.savedTo}</dt><dd className="mono" data-testid="evidence-export-path">{saved.path}</dd></div>
          <div className="fact"><dt>{t.evidence.hash}</dt><dd className="mono" data-testid="evidence-export-hash">{saved.sha256}</dd></div>
          <div className="fact"><dt>{t.evidence.verifyWith}</dt><dd className="mono">npm run evidence:verify -- &lt;{t.evidence.file}&gt;</dd></div>
        </dl>
      )}
    </div>
  );
}
