/** One freeze of the case: state, amount, end date and days left, documents, renew and release. */
import { useState } from 'react';
import { channelInfo, isChannelId } from '../../../../shared/domain/channels';
import { daysBetween, todayCst } from '../../../../shared/dates';
import { formatYuanSymbol, parseYuan } from '../../../../shared/money';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { urgencyOf } from '../../ui/days';
import { DocumentLinks } from '../documents/DocumentLinks.dom';
import { CANCELLABLE, freezeStateOf, measureStateOf } from './measure-state';
import { assetLabel, type FreezeEntry } from './measure-entries';
import { StateBadge } from './StateBadge.dom';

/** Money released by an amount (查扣冻规定: a divisible freeze may be lifted in part; main refuses the rest). */
const PARTIAL_RELEASE_KINDS = new Set(['deposit', 'online_funds', 'provident_fund']);

export function FreezeRow({ entry }: { entry: FreezeEntry }) {
  const { t, lang } = useT();
  const { measure: m, view, related } = entry;
  const offline = useAppStore((s) => s.network !== null && !s.network.online);
  const today = useAppStore((s) => s.plan?.today) ?? todayCst();
  const busy = useAppStore((s) => !!s.measureBusy[m.id]);
  const error = useAppStore((s) => s.measureErrors[m.id]);
  const reviewRenewal = useAppStore((s) => s.reviewRenewal);
  const cancel = useAppStore((s) => s.cancelMeasure);
  // withdrawn for an end date past the cap (docs/domain.md rule 2): the freeze panel, this asset ticked, the lawful date offered
  const redecide = useAppStore((s) => s.openFreezeWith);
  const [releasing, setReleasing] = useState(false);

  const takenInFull = related.some((r) => r.kind === 'deduct' && r.state === 'executed');
  const state = freezeStateOf(m, view, { offline, takenInFull });
  const endsOn = view?.endsOn ?? m.outcome?.endsOn ?? m.endsOn;
  const daysLeft = view?.daysLeft ?? (endsOn ? daysBetween(today, endsOn) : undefined);
  const live = view !== undefined && (view.status === 'in_force' || view.status === 'waiting');
  const can = (x: 'renew' | 'unfreeze') => isChannelId(m.channel) && channelInfo(m.channel).measures.includes(x);
  const pendingActs = related.filter((r) => r.state !== 'executed' && r.state !== 'cancelled');

  let frozen: string;
  // released or taken in full: nothing held any more
  if (!view && m.state === 'executed') frozen = formatYuanSymbol(0);
  else if (view && view.status !== 'pending') frozen = view.frozen > 0 || m.amount !== undefined ? formatYuanSymbol(view.frozen) : t.measures.whole;
  else if (m.amount !== undefined) frozen = t.measures.asked(formatYuanSymbol(m.amount));
  else frozen = t.measures.whole;

  return (
    <>
      <tr data-testid={`measure-row-${m.id}`} data-state={state.key}>
        <td>
          <div className="nowrap">{assetLabel(m, lang)}</div>
          {m.overCapReason && <div className="muted small">{t.measures.overCapReason(m.overCapReason)}</div>}
          {m.state === 'cancelled' && m.error?.code === 'PAST_LEGAL_CAP' && (
            <div className="text-danger small" data-testid={`measure-past-cap-${m.id}`}>
              {lang === 'zh' ? m.error.message : m.error.messageEn}{' '}
              <button type="button" className="btn btn-small" data-testid={`measure-redecide-${m.id}`} title={t.measures.redecideTitle} onClick={() => redecide(m.assetId)}>
                {t.measures.redecide}
              </button>
            </div>
          )}
          {m.state === 'rejected' && m.outcome?.rejection && (
            <div className="text-danger small" data-testid={`measure-rejection-${m.id}`}>
              {t.measures.rejected(m.outcome.rejection.message)}
            </div>
          )}
          {pendingActs.map((r) => (
            <div key={r.id} className="small related" data-testid={`measure-related-${r.id}`}>
              {t.measures.related[r.kind]}
              {r.amount !== undefined && ` ${formatYuanSymbol(r.amount)}`}
              {r.endsOn && ` → ${r.endsOn}`} <StateBadge state={measureStateOf(r, offline)} testId={`measure-state-${r.id}`} />
              {CANCELLABLE.has(r.state) && (
                <button type="button" className="btn btn-small btn-quiet" data-testid={`measure-cancel-${r.id}`} onClick={() => void cancel(r.id)}>
                  {t.measures.cancel}
                </button>
              )}
            </div>
          ))}
        </td>
        <td>
          <StateBadge state={state} testId={`measure-state-${m.id}`} />
        </td>
        <td className="num" data-testid={`measure-frozen-${m.id}`}>
          {frozen}
        </td>
        <td className="nowrap">
          {endsOn && <span data-testid={`measure-ends-${m.id}`}>{endsOn}</span>}
          {endsOn && daysLeft !== undefined && state.key !== 'released' && state.key !== 'taken' && (
            <div className={`days days-${urgencyOf(daysLeft)}`} data-testid={`measure-days-${m.id}`} data-urgency={urgencyOf(daysLeft)}>
              {daysLeft < 0 ? t.measures.lapsedDays(-daysLeft) : daysLeft === 0 ? t.measures.endsToday : t.measures.daysLeft(daysLeft)}
            </div>
          )}
        </td>
        <td>
          <DocumentLinks docs={m.documents} testPrefix="measure-doc" />
        </td>
        <td className="actions">
          {live && can('renew') && (
            <button
              type="button"
              className="btn btn-small"
              data-testid={`measure-renew-${m.id}`}
              title={t.measures.renewTitle}
              disabled={busy}
              onClick={() => view && reviewRenewal([view])}
            >
              {busy ? t.measures.renewing : t.measures.renew}
            </button>
          )}
          {live && can('unfreeze') && (
            <button
              type="button"
              className="btn btn-small"
              data-testid={`measure-release-${m.id}`}
              aria-expanded={releasing}
              disabled={busy}
              onClick={() => setReleasing((x) => !x)}
            >
              {t.measures.release}
            </button>
          )}
          {CANCELLABLE.has(m.state) && (
            <button type="button" className="btn btn-small btn-quiet" data-testid={`measure-cancel-${m.id}`} disabled={busy} onClick={() => void cancel(m.id)}>
              {t.measures.cancel}
            </button>
          )}
        </td>
      </tr>
      {(releasing || error) && (
        <tr className="measure-detail">
          <td colSpan={6}>
            {error && (
              <div className="field-error" role="alert" data-testid={`measure-error-${m.id}`}>
                {errorText(error, lang)}
              </div>
            )}
            {releasing && view && (
              <ReleaseForm
                freezeId={m.id}
                frozen={view.frozen}
                partial={PARTIAL_RELEASE_KINDS.has(m.assetKind) && view.frozen > 0}
                onDone={() => setReleasing(false)}
              />
            )}
          </td>
        </tr>
      )}
    </>
  );
}

function ReleaseForm(p: { freezeId: string; frozen: number; partial: boolean; onDone(): void }) {
  const { t, lang } = useT();
  const release = useAppStore((s) => s.releaseFreeze);
  const busy = useAppStore((s) => !!s.measureBusy[p.freezeId]);
  const [reason, setReason] = useState('');
  const [amountText, setAmountText] = useState('');
  const [tried, setTried] = useState(false);

  let amount: number | undefined;
  let amountError: string | null = null;
  if (p.partial && amountText.trim()) {
    const r = parseYuan(amountText);
    if (!r.ok) amountError = errorText(r.error, lang);
    else if (r.value <= 0) amountError = t.release.amountPositive;
    else if (r.value > p.frozen) amountError = t.release.amountTooHigh(formatYuanSymbol(p.frozen));
    // the whole amount is a release of all
    else if (r.value < p.frozen) amount = r.value;
  }
  const reasonError = !reason.trim() ? t.release.reasonRequired : null;

  const submit = async () => {
    setTried(true);
    if (reasonError || amountError) return;
    const r = await release(p.freezeId, reason.trim(), amount);
    if (r.ok) p.onDone();
  };

  return (
    <div className="release-form" role="group" aria-label={t.release.title} data-testid={`release-form-${p.freezeId}`}>
      <div className={`field${tried && reasonError ? ' field-invalid' : ''}`}>
        <label htmlFor={`release-reason-${p.freezeId}`}>{t.release.reason}</label>
        <textarea
          id={`release-reason-${p.freezeId}`}
          data-testid={`release-reason-${p.freezeId}`}
          rows={2}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        {tried && reasonError && (
          <div className="field-error" data-testid={`release-reason-${p.freezeId}-error`}>
            {reasonError}
          </div>
        )}
      </div>
      {p.partial && (
        <div className={`field${amountError ? ' field-invalid' : ''}`}>
          <label htmlFor={`release-amount-${p.freezeId}`}>{t.release.amount}</label>
          <input
            id={`release-amount-${p.freezeId}`}
            data-testid={`release-amount-${p.freezeId}`}
            inputMode="decimal"
            placeholder={formatYuanSymbol(p.frozen)}
            value={amountText}
            onChange={(e) => setAmountText(e.target.value)}
          />
          {amountError && (
            <div className="field-error" data-testid={`release-amount-${p.freezeId}-error`}>
              {amountError}
            </div>
          )}
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn" data-testid={`release-cancel-${p.freezeId}`} onClick={p.onDone}>
          {t.release.cancel}
        </button>
        <button type="button" className="btn btn-primary" data-testid={`release-confirm-${p.freezeId}`} disabled={busy} onClick={() => void submit()}>
          {t.release.confirm}
        </button>
      </div>
    </div>
  );
}
