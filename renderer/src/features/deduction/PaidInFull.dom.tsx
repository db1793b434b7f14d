/**
 * Paid in full (freezeCap(c) === 0, docs/domain.md rule 1): the workspace proposes 结案 — the
 * freezes still held, each with its release reason (查扣冻规定 第二十八条, as main proposes it), and
 * one confirmation that releases them all through the ordinary release path and closes the case
 * 执行完毕 (cases.close). While a measure is not concluded the proposal says so and waits; main
 * refuses it too, with the reason. A closed case says when and how it was closed.
 */
import { useEffect, useMemo } from 'react';
import { UNSETTLED_MEASURE_STATES } from '../../../../shared/domain/measures';
import { CASE_CLOSINGS } from '../../../../shared/domain/types';
import { RELEASE_REASONS } from '../../../../shared/legal/basis';
import { formatYuanSymbol } from '../../../../shared/money';
import { freezeCap } from '../../../../shared/rules';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { assetLabel } from '../freeze/measure-entries';

export function PaidInFull() {
  const { t, lang } = useT();
  const c = useAppStore((s) => s.currentCase);
  const cm = useAppStore((s) => (s.caseMeasures?.caseId === s.currentCaseId ? s.caseMeasures : null));
  const loadMeasures = useAppStore((s) => s.loadMeasures);
  const closing = useAppStore((s) => s.closingCase);
  const error = useAppStore((s) => s.closeCaseError);
  const close = useAppStore((s) => s.closePaidInFull);
  // the late-performance interest main counted is owed too (docs/domain.md rule 1)
  const paid = !!c && c.status === 'open' && c.recovered > 0 && freezeCap({ amountOwed: c.amountOwed, costs: c.costs + (c.lateInterest?.amount ?? 0), recovered: c.recovered }) === 0;

  useEffect(() => {
    if (paid && !cm) void loadMeasures();
  }, [paid, cm, loadMeasures]);

  const held = useMemo(() => (cm?.freezes ?? []).filter((f) => f.status === 'in_force' || f.status === 'waiting'), [cm]);
  const unsettled = useMemo(() => (cm?.measures ?? []).filter((m) => UNSETTLED_MEASURE_STATES.includes(m.state)), [cm]);

  if (c?.status === 'closed') {
    return (
      <p className="notice" data-testid="case-closed-note">
        {c.closedOn && c.closing ? t.closeCase.closed(c.closedOn, CASE_CLOSINGS[c.closing][lang]) : t.closeCase.closedPlain}
      </p>
    );
  }
  if (!paid || !cm) return null;
  const reasonOf = (freezeId: string) => cm.releaseProposals.find((p) => p.freezeId === freezeId)?.reason ?? RELEASE_REASONS.paidInFull;

  return (
    <section className="panel notice paid-in-full" data-testid="paid-in-full" aria-labelledby="paid-in-full-title">
      <h2 id="paid-in-full-title" className="section-title">{t.closeCase.title}</h2>
      {held.length === 0 ? (
        <p className="muted" data-testid="paid-in-full-none">{t.closeCase.nothingHeld}</p>
      ) : (
        <ul className="paid-in-full-list" data-testid="paid-in-full-freezes">
          {held.map((f) => (
            <li key={f.measure.id} data-testid={`paid-in-full-${f.measure.id}`}>
              <span>{assetLabel(f.measure, lang)}</span>{' '}
              <span className="num">{f.status === 'waiting' ? t.closeCase.waiting : formatYuanSymbol(f.frozen)}</span>{' '}
              <span className="muted" data-testid="paid-in-full-reason">{reasonOf(f.measure.id)[lang]}</span>
            </li>
          ))}
        </ul>
      )}
      {unsettled.length > 0 && (
        <p className="field-error" data-testid="paid-in-full-unsettled">{t.closeCase.unsettled(unsettled.length)}</p>
      )}
      {error && (
        <div className="field-error" role="alert" data-testid="paid-in-full-error">
          {errorText(error, lang)}
        </div>
      )}
      <button type="button" className="btn btn-primary" data-testid="paid-in-full-confirm" disabled={closing || unsettled.length > 0} onClick={() => void close()}>
        {closing ? t.closeCase.closing : held.length > 0 ? t.closeCase.confirm(held.length) : t.closeCase.confirmNone}
      </button>
    </section>
  );
}
