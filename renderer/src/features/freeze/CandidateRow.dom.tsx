/**
 * One asset the case could freeze: tick, amount in 元 (divisible assets), end date (defaulting to the
 * legal maximum), the reason an indivisible asset above the cap needs, other courts' freezes ahead
 * (轮候), what exempt property does to it (docs/domain.md rule 5: living costs left, only home,
 * provident fund), and every rule it breaks, worded as the rule words it — a row refused for living
 * costs says the most it may take and how the allowance is made up.
 */
import type { AppError } from '../../../../shared/errors';
import type { FreezeCandidate } from '../../../../shared/domain/measure-views';
import type { SkipReason } from '../../../../shared/rules';
import { formatYuanSymbol } from '../../../../shared/money';
import { addDays } from '../../../../shared/dates';
import { sayText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { formatWhen } from '../../ui/format';
import { ExemptNotes } from './ExemptNotes.dom';
import { DateField } from '../../ui/DateField.dom';
import type { ItemEval } from './freeze-draft';

export interface CandidateRowProps {
  c: FreezeCandidate;
  today: string;
  debtor: string;
  ev: ItemEval | undefined;
  serverError: AppError | undefined;
  /** why the suggestion leaves this asset out (plan.suggestion.skipped) */
  skipped?: SkipReason | undefined;
}

export function CandidateRow({ c, today, debtor, ev, serverError, skipped }: CandidateRowProps) {
  const { t, lang } = useT();
  const toggle = useAppStore((s) => s.toggleFreezeAsset);
  const edit = useAppStore((s) => s.editFreezeItem);
  const a = c.asset;
  const id = a.id;
  const picked = ev !== undefined;
  // the missing reason is said by the reason field itself
  const issues = (ev?.violations ?? []).filter((v) => v.code !== 'INDIVISIBLE_OVER_CAP_NEEDS_REASON');
  const showReason = picked && c.indivisible && (ev.needsReason || ev.item.reason.trim() !== '');
  const hasDetail = picked && (issues.length > 0 || ev.warnings.length > 0 || showReason || serverError !== undefined);

  return (
    <>
      <tr
        data-testid={`freeze-candidate-${id}`}
        data-picked={picked}
        className={`${picked ? 'picked' : ''}${c.freezable ? '' : ' dim'}`}
      >
        <td>
          <input
            type="checkbox"
            data-testid={`freeze-pick-${id}`}
            aria-label={`${t.freeze.pick} ${a.institution} ${a.identifier}`}
            checked={picked}
            disabled={!c.freezable}
            onChange={(e) => toggle(id, e.target.checked)}
          />
        </td>
        <td>
          <div>
            {a.institution} <span className="muted small">{t.assets.kinds[a.kind]}</span>
          </div>
          <div className="mono small nowrap">{a.identifier}</div>
          {a.description && <div className="muted small">{a.description}</div>}
          {a.existingFreezes.map((f, i) => (
            <div key={i} className="freeze">
              {t.assets.freezeBy(f.court)}
              {f.amount !== undefined && ` ${formatYuanSymbol(f.amount)}`}
              {f.until && ` ${t.assets.until(formatWhen(f.until))}`}
            </div>
          ))}
          {c.freezesAhead > 0 && c.freezable && (
            <div className="queue-note" data-testid={`freeze-queue-${id}`}>
              {t.freeze.queue(c.freezesAhead)}
            </div>
          )}
          <ExemptNotes c={c} caseId={a.caseId} />
          {!c.freezable && c.notFreezableReason && (
            <div className="muted small" data-testid={`freeze-not-freezable-${id}`}>
              {t.freeze.notFreezable(c.notFreezableReason[lang])}
            </div>
          )}
          {c.freezable && !picked && skipped && (
            <div className="muted small" data-testid={`freeze-skipped-${id}`} data-reason={skipped}>
              {t.freeze.skipped}
              {t.freeze.skip[skipped]}
            </div>
          )}
        </td>
        <td className="col-party">{debtor}</td>
        <td className="num">
          <div>{a.value === undefined ? <span className="muted">{t.freeze.valueUnknown}</span> : formatYuanSymbol(a.value)}</div>
          {!c.indivisible && a.available !== undefined && a.available !== a.value && (
            <div className="muted small">{formatYuanSymbol(a.available)}</div>
          )}
        </td>
        <td className="col-amount">
          {c.indivisible ? (
            <span className="muted">{t.freeze.whole}</span>
          ) : picked ? (
            <>
              <input
                className={`amount-input${ev.amountError ? ' invalid' : ''}`}
                data-testid={`freeze-amount-${id}`}
                aria-label={t.freeze.amount}
                inputMode="decimal"
                value={ev.item.amountText}
                aria-invalid={ev.amountError ? true : undefined}
                onChange={(e) => edit(id, { amountText: e.target.value })}
              />
              {ev.amountError && (
                <div className="field-error" data-testid={`freeze-amount-${id}-error`}>
                  {sayText(ev.amountError, lang)}
                </div>
              )}
            </>
          ) : null}
        </td>
        <td className="col-date">
          {picked && (
            <>
              <DateField
                testId={`freeze-ends-${id}`}
                ariaLabel={t.freeze.endsOn}
                min={addDays(today, 1)}
                max={c.maxEndDate}
                value={ev.item.endsOn}
                invalid={!!ev.endsError}
                describedBy={ev.endsError ? `freeze-ends-${id}-error` : undefined}
                onChange={(v) => edit(id, { endsOn: v })}
              />
              <div className="muted small">{t.freeze.maxEnd(c.maxEndDate)}</div>
              {ev.endsError && (
                <div className="field-error" role="alert" id={`freeze-ends-${id}-error`} data-testid={`freeze-ends-${id}-error`}>
                  {sayText(ev.endsError, lang)}
                </div>
              )}
            </>
          )}
        </td>
      </tr>
      {hasDetail && (
        <tr className="freeze-detail" data-testid={`freeze-detail-${id}`}>
          <td />
          <td colSpan={5}>
            {issues.map((v, i) => (
              <div key={i} className="field-error" data-testid={`freeze-issue-${id}`} data-code={v.code}>
                {sayText(v, lang)}
              </div>
            ))}
            {ev.warnings.map((w, i) => (
              <div key={`w${i}`} className="text-warn small" data-testid={`freeze-warning-${id}`} data-code={w.code}>
                {t.freeze.warnings}：{sayText(w, lang)}
              </div>
            ))}
            {showReason && (
              <div className={`field${ev.needsReason && !ev.item.reason.trim() ? ' field-invalid' : ''}`}>
                <label htmlFor={`freeze-reason-${id}`}>{t.freeze.reason}</label>
                <textarea
                  id={`freeze-reason-${id}`}
                  data-testid={`freeze-reason-${id}`}
                  rows={2}
                  maxLength={500}
                  placeholder={t.freeze.reasonPlaceholder}
                  value={ev.item.reason}
                  onChange={(e) => edit(id, { reason: e.target.value })}
                />
                {ev.needsReason && !ev.item.reason.trim() && (
                  <div className="field-error" data-testid={`freeze-reason-${id}-error`}>
                    {sayText(ev.violations.find((v) => v.code === 'INDIVISIBLE_OVER_CAP_NEEDS_REASON') ?? { zh: '', en: '' }, lang)}
                  </div>
                )}
              </div>
            )}
            {serverError && (
              <div className="field-error" role="alert" data-testid={`freeze-server-error-${id}`}>
                {t.freeze.itemRefused}
                {sayText(serverError, lang)}
              </div>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
