/**
 * What exempt property does to one candidate row (docs/domain.md rule 5): the living costs the plan
 * leaves on the account and how they are made up; a flat's only-home flag — it may be sealed, never
 * proposed for sale — which the judge sets or clears with his reason; whether a provident fund
 * account may be deducted once frozen.
 */
import { useState } from 'react';
import type { FreezeCandidate } from '../../../../shared/domain/measure-views';
import type { AppError } from '../../../../shared/errors';
import { ONLY_HOME_NOTE } from '../../../../shared/rules/exempt';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { api } from '../../store/api-holder';
import { useT } from '../../store/selectors';

export function ExemptNotes({ c, caseId }: { c: FreezeCandidate; caseId: string }) {
  const { t, lang } = useT();
  const loadPlan = useAppStore((s) => s.loadPlan);
  const isJudge = useAppStore((s) => s.officer?.role === 'judge');
  const disposal = useAppStore((s) => s.plan?.disposals?.find((x) => x.assetId === c.asset.id));
  const [editing, setEditing] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const id = c.asset.id;
  const home = c.onlyHome;
  const flagged = home?.onlyHome === true;

  const mark = async () => {
    const r = await api().exemptions.markOnlyHome({ caseId, assetId: id, onlyHome: !flagged, reason: reason.trim() });
    setError(r.ok ? null : r.error);
    if (r.ok) {
      setEditing(false);
      setReason('');
      await loadPlan();
    }
  };

  return (
    <>
      {c.livingCostsLeft && (
        <div className="text-warn small" data-testid={`freeze-living-${id}`}>{c.livingCostsLeft[lang]}</div>
      )}
      {flagged && (
        <div className="badge-note small" data-testid={`freeze-only-home-${id}`}>
          {ONLY_HOME_NOTE[lang]}
          {home.source === 'judge' && home.reason && <div className="muted">{t.freeze.onlyHomeByJudge(home.reason)}</div>}
        </div>
      )}
      {disposal?.proposed && <div className="muted small" data-testid={`freeze-disposal-${id}`}>{disposal[lang]}</div>}
      {home && !home.onlyHome && home.reason && (
        <div className="muted small" data-testid={`freeze-only-home-cleared-${id}`}>{t.freeze.onlyHomeCleared(home.reason)}</div>
      )}
      {c.deductible && (
        <div className={`small ${c.deductible.ok ? 'muted' : 'text-warn'}`} data-testid={`freeze-deductible-${id}`}>{c.deductible[lang]}</div>
      )}
      {c.asset.kind === 'real_estate' && isJudge && (
        editing ? (
          <div className="field">
            <label htmlFor={`only-home-reason-${id}`}>{t.freeze.onlyHomeReason}</label>
            <textarea id={`only-home-reason-${id}`} data-testid={`only-home-reason-${id}`} rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
            <button type="button" className="btn btn-small" data-testid={`only-home-save-${id}`} disabled={reason.trim().length < 2} onClick={() => void mark()}>
              {t.freeze.onlyHomeSave}
            </button>
          </div>
        ) : (
          <button type="button" className="btn btn-small btn-quiet" data-testid={`only-home-toggle-${id}`} onClick={() => setEditing(true)}>
            {flagged ? t.freeze.clearOnlyHome : t.freeze.markOnlyHome}
          </button>
        )
      )}
      {error && <div className="field-error" role="alert" data-testid={`only-home-error-${id}`}>{errorText(error, lang)}</div>}
    </>
  );
}
