/**
 * The deduction panel (D): choose a freeze in force on a channel that deducts online (deposits,
 * online funds, housing provident fund); the form re-queries its balance before anything else.
 * "庭审模式" (H) shows the same flow full screen, one account at a time.
 */
import { useMemo } from 'react';
import { formatYuanSymbol } from '../../../../shared/money';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { assetLabel } from '../freeze/measure-entries';
import { DeductionForm } from './DeductionForm.dom';
import { deductibleFreezes } from './deductible';
import { ariaKeys } from '../../ui/shortcuts';

export function DeductionPanel() {
  const { t, lang } = useT();
  const cm = useAppStore((s) => s.caseMeasures);
  const chosen = useAppStore((s) => s.deductFreezeId);
  const busy = useAppStore((s) => s.deductPhase === 'submitting');
  const choose = useAppStore((s) => s.chooseDeductFreeze);
  const setHearing = useAppStore((s) => s.setHearing);
  const freezes = useMemo(() => deductibleFreezes(cm), [cm]);

  return (
    <section className="deduct-panel" data-testid="deduct-panel" aria-label={t.deduct.title}>
      <div className="deduct-head">
        <h2 className="section-title">{t.deduct.choose}</h2>
        <span className="toolbar-spacer" />
        <button
          type="button"
          className="btn"
          data-testid="hearing-toggle"
          aria-keyshortcuts={ariaKeys('ws.hearing')}
          title={t.deduct.hearingTitle}
          onClick={() => setHearing(true)}
        >
          {t.deduct.hearing}
          <kbd>{t.keys.hearing}</kbd>
        </button>
      </div>
      {cm && freezes.length === 0 ? (
        <p className="empty" data-testid="deduct-none">
          {t.deduct.none}
        </p>
      ) : (
        <ul className="deduct-choices" data-testid="deduct-choices" role="radiogroup" aria-label={t.deduct.choose}>
          {freezes.map((v) => (
            <li key={v.measure.id}>
              <label className={chosen === v.measure.id ? 'chosen' : undefined}>
                <input
                  type="radio"
                  name="deduct-freeze"
                  data-testid={`deduct-choice-${v.measure.id}`}
                  checked={chosen === v.measure.id}
                  disabled={busy}
                  onChange={() => void choose(v.measure.id)}
                />
                <span>{assetLabel(v.measure, lang)}</span>
                <span className="muted num">{t.deduct.frozen(formatYuanSymbol(v.frozen))}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
      <DeductionForm variant="normal" />
    </section>
  );
}
