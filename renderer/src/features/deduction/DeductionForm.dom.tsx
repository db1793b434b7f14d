/**
 * The deduction of one freeze, in the workspace and in hearing mode alike: the frozen balance
 * re-queried from the agency with the time it was verified (docs/domain.md rule 6) before anything can be
 * confirmed; the amount, never above what is frozen nor what is still owed (checkDeduction); the
 * court's receiving account; the officer's password; then the state, the chief's approval above the
 * threshold, and the receipt once the agency has paid. A deduction the agency refuses shows its
 * reason and offers a new balance check, then 重新扣划 on what that check allows: a new decision
 * naming the refused one (docs/domain.md rule 7), never the refused request sent again.
 */
import { useState } from 'react';
import type { DeductionPrep } from '../../../../shared/domain/measure-views';
import type { Measure } from '../../../../shared/domain/measures';
import { formatCstDateTime } from '../../../../shared/dates';
import { formatYuanSymbol, parseYuan } from '../../../../shared/money';
import { checkDeduction, DEFAULT_BALANCE_MAX_AGE_MINUTES, needsApproval } from '../../../../shared/rules';
import { errorText, sayText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { useNow } from '../../ui/use-now';
import { programNow } from './deductible';
import { measureStateOf } from '../freeze/measure-state';
import { yuanText } from '../freeze/freeze-draft';
import { StateBadge } from '../freeze/StateBadge.dom';
import { Receipt } from './Receipt.dom';
import { Refusal } from './Refusal.dom';

export type Variant = 'normal' | 'hearing';

export function DeductionForm({ variant }: { variant: Variant }) {
  const { t, lang } = useT();
  const freezeId = useAppStore((s) => s.deductFreezeId);
  const phase = useAppStore((s) => s.deductPhase);
  const prep = useAppStore((s) => s.deductPrep);
  const error = useAppStore((s) => s.deductError);
  const measure = useAppStore((s) => s.deductMeasure);
  const recheck = useAppStore((s) => s.recheckBalance);
  if (!freezeId) return null;
  // once paid, the receipt says what happened; the balance verified before it is history
  const done = measure?.state === 'executed';

  return (
    <div className={`deduct-form deduct-${variant}`} data-testid="deduct-form">
      {done ? null : phase === 'checking' ? (
        <p className="checking" role="status" aria-live="polite" data-testid="deduct-checking">
          {t.deduct.checking}
        </p>
      ) : prep ? (
        <div className="balance-line">
          <span className={`balance${prep.fresh ? '' : ' balance-stale'}`} data-testid="deduct-balance" data-fresh={prep.fresh}>
            {(prep.fresh ? t.deduct.balance : t.deduct.lastKnown)(formatYuanSymbol(prep.frozenNow), formatCstDateTime(prep.checkedAt))}
          </span>
          <button type="button" className="btn btn-small" data-testid="deduct-recheck" disabled={phase === 'submitting'} onClick={() => void recheck()}>
            {t.deduct.recheck}
          </button>
          <span className="muted" data-testid="deduct-outstanding">
            {t.deduct.outstanding(formatYuanSymbol(prep.outstanding))}
          </span>
        </div>
      ) : (
        <button type="button" className="btn" data-testid="deduct-recheck" onClick={() => void recheck()}>
          {t.deduct.recheck}
        </button>
      )}
      {error && (
        <div className="field-error" role="alert" data-testid="deduct-error">
          {errorText(error, lang)}
        </div>
      )}
      {prep && !prep.fresh && phase !== 'checking' && (
        <p className="notice notice-warn" data-testid="deduct-offline-note">
          {measure?.state === 'draft' ? t.deduct.draftWaits : t.deduct.offlineNote}
        </p>
      )}
      {measure ? (
        measure.state === 'draft' && prep?.fresh && (phase === 'ready' || phase === 'submitting') ? (
          <DraftConfirm key={prep.checkedAt} measure={measure} prep={prep} variant={variant} />
        ) : (
          <DeductionStatus measure={measure} variant={variant} />
        )
      ) : (
        prep && phase !== 'checking' && <ConfirmForm key={prep.checkedAt} prep={prep} variant={variant} />
      )}
    </div>
  );
}

function ConfirmForm({ prep, variant }: { prep: DeductionPrep; variant: Variant }) {
  const { t, lang } = useT();
  const submitting = useAppStore((s) => s.deductPhase === 'submitting');
  const maxAge = useAppStore((s) => s.settings?.balanceMaxAgeMinutes) ?? DEFAULT_BALANCE_MAX_AGE_MINUTES;
  const submit = useAppStore((s) => s.submitDeduction);
  const retry = useAppStore((s) => (s.deductRetryOf?.freezeId === prep.freezeId ? s.deductRetryOf : null));
  const receivedAt = useAppStore((st) => st.deductPrepReceivedAt);
  useNow(); // re-render as time passes: the balance may go stale while the form is open
  const [amountText, setAmountText] = useState(() => yuanText(prep.suggested));
  const [accountId, setAccountId] = useState(() => (prep.courtAccounts.length === 1 ? prep.courtAccounts[0]!.id : ''));
  const [pin, setPin] = useState('');

  const parsed = parseYuan(amountText);
  const amount = parsed.ok ? parsed.value : null;
  const check =
    amount === null
      ? null
      : checkDeduction({
        amount, frozenNow: prep.frozenNow, frozenCheckedAt: prep.checkedAt, now: programNow(prep, receivedAt),
        outstanding: prep.outstanding, maxAgeMinutes: maxAge,
      });
  // offline: the last known balance may be old; main keeps the deduction as a draft until re-confirmed
  const violations = (check?.violations ?? []).filter((v) => prep.fresh || v.code !== 'STALE_BALANCE');
  const ok = check !== null && violations.length === 0 && accountId !== '' && pin !== '';
  const approval = amount !== null && amount > 0 && needsApproval(amount, prep.approvalThreshold);
  const big = variant === 'hearing';

  const confirm = async () => {
    if (!ok || amount === null) return;
    const r = await submit({ amount, courtAccountId: accountId, pin });
    setPin('');
    return r;
  };

  return (
    <form
      className="confirm-form"
      data-testid="deduct-confirm-form"
      onSubmit={(e) => {
        e.preventDefault();
        void confirm();
      }}
    >
      {retry && (
        <p className="notice" data-testid="deduct-retry-note">
          {t.deduct.retryNote(formatYuanSymbol(retry.amount ?? 0), formatYuanSymbol(prep.suggested))}
        </p>
      )}
      <div className={`field${violations.length ? ' field-invalid' : ''}`}>
        <label htmlFor="deduct-amount">{t.deduct.amount}</label>
        <input
          id="deduct-amount"
          className={big ? 'big-input' : undefined}
          data-testid="deduct-amount"
          inputMode="decimal"
          value={amountText}
          aria-invalid={violations.length ? true : undefined}
          onChange={(e) => setAmountText(e.target.value)}
        />
        {amount === null && (
          <div className="field-error" data-testid="deduct-amount-error">
            {parsed.ok ? t.deduct.amountInvalid : errorText(parsed.error, lang)}
          </div>
        )}
        {violations.length > 0 && (
          <div className="field-error" data-testid="deduct-amount-error">
            {violations.map((v) => (
              <div key={v.code} data-code={v.code}>
                {sayText(v, lang)}
              </div>
            ))}
          </div>
        )}
      </div>
      <div className="field">
        <label htmlFor="deduct-account">{t.deduct.account}</label>
        {prep.courtAccounts.length === 0 ? (
          <div className="field-error" data-testid="deduct-no-accounts">
            {t.deduct.noAccounts}
          </div>
        ) : (
          <select id="deduct-account" data-testid="deduct-account" value={accountId} onChange={(e) => setAccountId(e.target.value)}>
            <option value="">{t.deduct.chooseAccount}</option>
            {prep.courtAccounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} · {a.bank} · {a.accountNo}
              </option>
            ))}
          </select>
        )}
      </div>
      <div className="field">
        <label htmlFor="deduct-pin">{t.deduct.pin}</label>
        <input
          id="deduct-pin"
          type="password"
          className={big ? 'big-input' : undefined}
          data-testid="deduct-pin"
          autoComplete="off"
          value={pin}
          onChange={(e) => setPin(e.target.value)}
        />
      </div>
      {approval && (
        <p className="notice" data-testid="deduct-approval-note">
          {t.deduct.needsApproval(formatYuanSymbol(prep.approvalThreshold))}
        </p>
      )}
      <button type="submit" className={`btn btn-primary ${big ? 'btn-huge' : 'btn-big'}`} data-testid="deduct-confirm" disabled={!ok || submitting}>
        {submitting ? t.deduct.confirming : !prep.fresh ? t.deduct.saveDraft : retry ? t.deduct.retry : t.deduct.confirm}
      </button>
    </form>
  );
}

/** A deduction decided offline, now confirmed on the balance just re-queried (deduction.confirm). */
function DraftConfirm({ measure: m, prep, variant }: { measure: Measure; prep: DeductionPrep; variant: Variant }) {
  const { t, lang } = useT();
  const submitting = useAppStore((s) => s.deductPhase === 'submitting');
  const maxAge = useAppStore((s) => s.settings?.balanceMaxAgeMinutes) ?? DEFAULT_BALANCE_MAX_AGE_MINUTES;
  const confirmDraft = useAppStore((s) => s.confirmDraft);
  const receivedAt = useAppStore((st) => st.deductPrepReceivedAt);
  useNow();
  const [pin, setPin] = useState('');
  const amount = m.amount ?? 0;
  const check = checkDeduction({
    amount, frozenNow: prep.frozenNow, frozenCheckedAt: prep.checkedAt, now: programNow(prep, receivedAt), outstanding: prep.outstanding, maxAgeMinutes: maxAge,
  });
  const big = variant === 'hearing';
  return (
    <form
      className="confirm-form"
      data-testid="deduct-draft-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!check.ok || !pin) return;
        void confirmDraft(pin).then(() => setPin(''));
      }}
    >
      <p>
        {t.deduct.draftAmount} <strong className="num" data-testid="deduct-draft-amount">{formatYuanSymbol(amount)}</strong>
        {m.courtAccount && <span className="muted"> → {m.courtAccount.name}</span>}
      </p>
      {!check.ok && (
        <div className="field-error" data-testid="deduct-amount-error">
          {check.violations.map((v) => (
            <div key={v.code} data-code={v.code}>
              {sayText(v, lang)}
            </div>
          ))}
        </div>
      )}
      <div className="field">
        <label htmlFor="deduct-pin">{t.deduct.pin}</label>
        <input id="deduct-pin" type="password" className={big ? 'big-input' : undefined} data-testid="deduct-pin" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} />
      </div>
      {needsApproval(amount, prep.approvalThreshold) && (
        <p className="notice" data-testid="deduct-approval-note">
          {t.deduct.needsApproval(formatYuanSymbol(prep.approvalThreshold))}
        </p>
      )}
      <button type="submit" className={`btn btn-primary ${big ? 'btn-huge' : 'btn-big'}`} data-testid="deduct-confirm" disabled={!check.ok || !pin || submitting}>
        {submitting ? t.deduct.confirming : t.deduct.confirmDraft}
      </button>
    </form>
  );
}

function DeductionStatus({ measure, variant }: { measure: Measure; variant: Variant }) {
  const { t } = useT();
  const openApproval = useAppStore((s) => s.openApproval);
  const offline = useAppStore((s) => s.network !== null && !s.network.online);
  const state = measureStateOf(measure, offline);
  const note =
    measure.state === 'draft'
      ? t.deduct.draftSaved
      : measure.state === 'sent' || measure.state === 'queued'
      ? t.deduct.waitingAgency
      : null;
  return (
    <div className="deduct-status" data-testid="deduct-status" data-state={measure.state}>
      <span className="muted">{t.deduct.status}</span> <StateBadge state={state} testId="deduct-state" />
      {note && <span className="muted"> {note}</span>}
      {measure.state === 'awaiting_approval' && (
        <button type="button" className="btn btn-primary" data-testid="deduct-approve-open" onClick={() => openApproval(measure)}>
          {t.deduct.approve}
        </button>
      )}
      {measure.state === 'executed' && <Receipt measure={measure} masked={variant === 'hearing'} />}
      {measure.state === 'rejected' && <Refusal measure={measure} masked={variant === 'hearing'} />}
    </div>
  );
}
