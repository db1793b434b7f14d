/** The cap (with the late-performance interest it includes), what is already frozen, this freeze and what remains: recomputed on every keystroke. */
import { formatYuanSymbol, type Fen } from '../../../../shared/money';
import { useT } from '../../store/selectors';

export function FreezeSummary(p: { cap: Fen; already: Fen; thisSet: Fen; remaining: Fen; excess: Fen; lateInterest?: { amount: Fen; from: string; days: number } }) {
  const { t } = useT();
  return (
    <dl className="freeze-summary" aria-live="polite">
      <Figure label={t.freeze.cap} value={p.cap} testId="freeze-cap" />
      {p.lateInterest && p.lateInterest.days > 0 && (
        <div className="figure figure-note" data-testid="freeze-late-interest">
          <dd className="muted small">{t.workspace.lateInterest(formatYuanSymbol(p.lateInterest.amount), p.lateInterest.from, p.lateInterest.days)}</dd>
        </div>
      )}
      <Figure label={t.freeze.already} value={p.already} testId="freeze-already" />
      <Figure label={t.freeze.thisSet} value={p.thisSet} testId="freeze-this-set" />
      <Figure label={t.freeze.remaining} value={p.remaining} testId="freeze-remaining" strong />
      {p.excess > 0 && <Figure label={t.freeze.excess} value={p.excess} testId="freeze-excess" danger />}
    </dl>
  );
}

function Figure(p: { label: string; value: Fen; testId: string; strong?: boolean; danger?: boolean }) {
  return (
    <div className={`figure${p.strong ? ' figure-strong' : ''}${p.danger ? ' figure-danger' : ''}`}>
      <dt>{p.label}</dt>
      <dd className="num" data-testid={p.testId}>
        {formatYuanSymbol(p.value)}
      </dd>
    </div>
  );
}
