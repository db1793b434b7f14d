/**
 * A deduction the agency refused: its reason in the judge's language with the agency's own words
 * and code beside it, each refusal kept in the audit log by main. The way on is a new balance
 * check (重新查询冻结余额), then 重新扣划 on what that check allows — a new decision naming this one.
 */
import type { Measure } from '../../../../shared/domain/measures';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { maskAccount } from '../../ui/mask';

/** In hearing mode the parties watch: the account stays masked even inside the agency's words. */
export function Refusal({ measure: m, masked }: { measure: Measure; masked: boolean }) {
  const { t } = useT();
  const recheck = useAppStore((s) => s.recheckBalance);
  const busy = useAppStore((s) => s.deductPhase === 'checking' || s.deductPhase === 'submitting');
  const given = m.outcome?.rejection ?? (m.error ? { code: m.error.code, message: m.error.message } : undefined);
  const r = given && masked && m.assetIdentifier ? { ...given, message: given.message.split(m.assetIdentifier).join(maskAccount(m.assetIdentifier)) } : given;
  const known = r ? (t.deduct.refusals as Record<string, string>)[r.code] : undefined;
  return (
    <div className="deduct-refusal" role="alert" data-testid="deduct-refusal" data-code={r?.code}>
      <p className="field-error" data-testid="deduct-refusal-reason">
        {t.deduct.refusedBecause(known ?? r?.message ?? t.deduct.refusedUnknown)}
      </p>
      {r && (
        <p className="muted" data-testid="deduct-refusal-agency">
          {t.deduct.agencyAnswer(r.message, r.code)}
        </p>
      )}
      <button type="button" className="btn btn-primary" data-testid="deduct-refusal-recheck" disabled={busy} onClick={() => void recheck()}>
        {t.deduct.recheckAfterRefusal}
      </button>
      <p className="muted">{t.deduct.retryExplain}</p>
    </div>
  );
}
