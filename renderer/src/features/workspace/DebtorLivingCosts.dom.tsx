/**
 * A person debtor's dependants (所扶养家属人数) and the living costs kept for him and them
 * (docs/domain.md rule 5, 查扣冻规定 第三条), on his row of the parties: the 承办法官 records the
 * number; the freeze plan is worked out again with it.
 */
import { useEffect, useState } from 'react';
import type { CaseExemptions } from '../../../../shared/domain/measure-views';
import type { AppError } from '../../../../shared/errors';
import { formatYuanSymbol } from '../../../../shared/money';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { api } from '../../store/api-holder';
import { useT } from '../../store/selectors';

/** The case's exemptions, loaded once per case, and a setter for after a change. */
export function useExemptions(caseId: string | undefined): [CaseExemptions | null, (x: CaseExemptions) => void] {
  const [ex, setEx] = useState<CaseExemptions | null>(null);
  useEffect(() => {
    if (!caseId) return;
    let live = true;
    void api().exemptions.get({ caseId }).then((r) => live && r.ok && setEx(r.value));
    return () => {
      live = false;
    };
  }, [caseId]);
  return [ex, setEx];
}

export function DebtorLivingCosts({ caseId, partyId, exemptions, onChange }: {
  caseId: string; partyId: string; exemptions: CaseExemptions | null; onChange: (x: CaseExemptions) => void;
}) {
  const { t, lang } = useT();
  const isJudge = useAppStore((s) => s.officer?.role === 'judge');
  const reloadPlan = useAppStore((s) => s.loadPlan);
  const hasPlan = useAppStore((s) => s.plan !== null);
  const d = exemptions?.debtors.find((x) => x.partyId === partyId);
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  if (!d || !exemptions) return null;
  const shown = text ?? String(d.basis.dependants);

  const save = async () => {
    const n = /^\d{1,2}$/.test(shown.trim()) ? Number(shown.trim()) : -1;
    const r = await api().exemptions.setDependants({ caseId, partyId, dependants: n });
    setError(r.ok ? null : r.error);
    if (!r.ok) return;
    setText(null);
    onChange({ ...exemptions, debtors: exemptions.debtors.map((x) => (x.partyId === partyId ? r.value : x)) });
    if (hasPlan) await reloadPlan();
  };

  return (
    <div className="small" data-testid={`party-living-${partyId}`}>
      <label htmlFor={`party-dependants-${partyId}`}>{t.workspace.dependants}</label>{' '}
      <input
        id={`party-dependants-${partyId}`}
        data-testid={`party-dependants-${partyId}`}
        className="input-narrow"
        inputMode="numeric"
        value={shown}
        disabled={!isJudge}
        onChange={(e) => setText(e.target.value)}
      />
      {isJudge && text !== null && (
        <button type="button" className="btn btn-small" data-testid={`party-dependants-save-${partyId}`} onClick={() => void save()}>
          {t.workspace.dependantsSave}
        </button>
      )}
      <div className="muted" data-testid={`party-living-kept-${partyId}`}>{t.workspace.livingKept(formatYuanSymbol(d.allowance), d.formula[lang])}</div>
      {error && <div className="field-error" role="alert" data-testid={`party-dependants-error-${partyId}`}>{errorText(error, lang)}</div>}
    </div>
  );
}
