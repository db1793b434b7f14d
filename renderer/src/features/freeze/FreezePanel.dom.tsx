/**
 * The freeze panel (docs/domain.md rules 1–3): the cap and what remains, live; the assets the case may
 * freeze; "建议方案"; and "一键冻结" (F), which sends the whole set in one call and stays disabled,
 * saying why, while any rule is broken. Below it, the case's measures.
 */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatYuanSymbol } from '../../../../shared/money';
import { errorText, sayText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { allowanceOf } from '../../store/slices/measures';
import { useT } from '../../store/selectors';
import { usePartyNames } from '../query/party-names';
import { CandidateRow } from './CandidateRow.dom';
import { evaluateDraft } from './freeze-draft';
import { FreezeSummary } from './FreezeSummary.dom';
import { MeasuresList } from './MeasuresList.dom';
import { ariaKeys } from '../../ui/shortcuts';

/** No bureau allowance set (a stable value for the selector). */
const NO_ALLOWANCE: Readonly<Record<string, number>> = Object.freeze({});

export function FreezePanel() {
  const { t, lang } = useT();
  const plan = useAppStore((s) => s.plan);
  const planError = useAppStore((s) => s.planError);
  const draft = useAppStore((s) => s.freezeDraft);
  const sending = useAppStore((s) => s.freezeSending);
  const freezeError = useAppStore((s) => s.freezeError);
  const itemErrors = useAppStore((s) => s.freezeItemErrors);
  const sent = useAppStore((s) => s.freezeSent);
  const allowance = useAppStore(useShallow((s) => allowanceOf(s) ?? NO_ALLOWANCE));
  const applySuggestion = useAppStore((s) => s.applySuggestion);
  const clearDraft = useAppStore((s) => s.clearFreezeDraft);
  const reviewFreeze = useAppStore((s) => s.reviewFreeze);
  const names = usePartyNames();

  const ev = useMemo(() => {
    if (!plan) return null;
    return evaluateDraft(plan, draft, allowance === NO_ALLOWANCE ? {} : { exemptLivingAllowance: allowance });
  }, [plan, draft, allowance]);

  const byAsset = useMemo(() => new Map((ev?.items ?? []).map((e) => [e.candidate.asset.id, e])), [ev]);
  const picked = Object.keys(draft).length;

  if (!plan) {
    return (
      <section className="freeze-panel" data-testid="freeze-panel">
        <p className={planError ? 'field-error' : 'muted'} role={planError ? 'alert' : 'status'} data-testid="freeze-loading">
          {planError ? errorText(planError, lang) : t.freeze.loading}
        </p>
        <MeasuresList />
      </section>
    );
  }

  const seals = plan.suggestion.items.some((i) => plan.candidates.find((c) => c.asset.id === i.assetId)?.indivisible);
  const suggestionNote = plan.suggestion.reachesCap
    ? t.freeze.suggestReaches
    : `${t.freeze.suggestShort(formatYuanSymbol(Math.max(0, plan.remaining - plan.suggestion.total)))}${seals ? `；${t.freeze.suggestSeal}` : ''}`;
  const skipped = new Map((plan.suggestion.skipped ?? []).map((x) => [x.assetId, x.reason]));

  return (
    <section className="freeze-panel" data-testid="freeze-panel" aria-label={t.freeze.title}>
      <FreezeSummary
        cap={plan.cap}
        already={plan.alreadyFrozen}
        thisSet={ev!.thisSet}
        remaining={ev!.check.remaining}
        excess={ev!.check.excess}
        {...(plan.lateInterest ? { lateInterest: plan.lateInterest } : {})}
      />
      <div className="freeze-toolbar">
        <button
          type="button"
          className="btn"
          data-testid="freeze-suggest"
          title={t.freeze.suggestTitle}
          disabled={plan.suggestion.items.length === 0}
          onClick={applySuggestion}
        >
          {t.freeze.suggest}
        </button>
        {plan.suggestion.items.length > 0 && (
          <span className="muted small" data-testid="freeze-suggest-note">
            {suggestionNote}
          </span>
        )}
        <span className="toolbar-spacer" />
        {picked > 0 && (
          <button type="button" className="btn btn-quiet" data-testid="freeze-clear" onClick={clearDraft}>
            {t.freeze.clear}
          </button>
        )}
      </div>
      {plan.candidates.length === 0 ? (
        <p className="empty" data-testid="freeze-no-candidates">
          {t.freeze.noCandidates}
        </p>
      ) : (
        <div className="list-wrap">
          <table className="table freeze-table" data-testid="freeze-candidates">
            <thead>
              <tr>
                <th scope="col" className="col-pick">
                  <span className="sr-only">{t.freeze.pick}</span>
                </th>
                <th scope="col">{t.freeze.asset}</th>
                <th scope="col">{t.freeze.debtor}</th>
                <th scope="col" className="num">{t.freeze.valueAvailable}</th>
                <th scope="col">{t.freeze.amount}</th>
                <th scope="col">{t.freeze.endsOn}</th>
              </tr>
            </thead>
            <tbody>
              {plan.candidates.map((c) => (
                <CandidateRow
                  key={c.asset.id}
                  c={c}
                  today={plan.today}
                  debtor={names[c.asset.partyId] ?? ''}
                  ev={byAsset.get(c.asset.id)}
                  serverError={itemErrors[c.asset.id]}
                  skipped={skipped.get(c.asset.id)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="freeze-send">
        <button
          type="button"
          className="btn btn-primary btn-big"
          data-testid="freeze-send"
          aria-keyshortcuts={ariaKeys('ws.freeze')}
          title={t.freeze.sendTitleConfirm}
          disabled={!ev!.ok || sending}
          aria-describedby={!ev!.ok && picked > 0 ? 'freeze-blocked' : undefined}
          onClick={() => reviewFreeze()}
        >
          {sending ? t.freeze.sending : t.freeze.send}
          <kbd>{t.keys.freeze}</kbd>
        </button>
        {!ev!.ok && ev!.blocker && picked > 0 && (
          <span className="blocked" id="freeze-blocked" data-testid="freeze-blocked" aria-live="polite">
            {t.freeze.blocked}
            {sayText(ev!.blocker, lang)}
          </span>
        )}
        {sent !== null && (
          <span className="text-ok" role="status" data-testid="freeze-sent">
            {t.freeze.sent(sent)}
          </span>
        )}
      </div>
      {freezeError && (
        <div className="field-error" role="alert" data-testid="freeze-error">
          {errorText(freezeError, lang)}
        </div>
      )}
      <MeasuresList />
    </section>
  );
}
