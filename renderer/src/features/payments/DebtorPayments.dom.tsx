/**
 * 记录被执行人自动履行 (docs/domain.md rule 1, "What is recovered"): what a debtor paid himself —
 * the amount in yuan (kept in fen), the day (CST), how, a note — and the list of his payments with
 * their reversals. Main checks the amount, the day and the party and decides who may record; the
 * recorded amount counts in the case's recovered figure, so the paid-in-full proposal follows.
 */
import { useCallback, useEffect, useState } from 'react';
import { PAYMENT_METHOD_LABELS, PAYMENT_METHODS, type CasePayments, type DebtorPayment, type PaymentMethod } from '../../../../shared/domain/payments';
import type { AppError } from '../../../../shared/errors';
import { formatYuan, parseYuan } from '../../../../shared/money';
import { errorText } from '../../i18n/dict';
import { api } from '../../store/api-holder';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';

function Row({ p, name, onReverse }: { p: DebtorPayment; name: string; onReverse: (p: DebtorPayment, reason: string) => Promise<AppError | null> }) {
  const { t, lang } = useT();
  const [reason, setReason] = useState('');
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  return (
    <tr data-testid={`payment-${p.id}`} className={p.reversal ? 'muted' : undefined}>
      <td>{p.paidOn}</td>
      <td>{name}</td>
      <td className="num">{formatYuan(p.amount)}</td>
      <td>{PAYMENT_METHOD_LABELS[p.method][lang]}{p.note ? `（${p.note}）` : ''}</td>
      <td>
        {p.reversal
          ? <span data-testid={`payment-reversed-${p.id}`}>{t.payments.reversed(p.reversal.reason)}</span>
          : open
            ? (
              <span>
                <input data-testid={`payment-reason-${p.id}`} aria-label={t.payments.reason} value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
                <button type="button" className="btn" data-testid={`payment-reverse-confirm-${p.id}`} onClick={() => void onReverse(p, reason).then(setError)}>{t.payments.reverseConfirm}</button>
                {error && <span className="field-error" role="alert">{errorText(error, lang)}</span>}
              </span>
            )
            : <button type="button" className="link small" data-testid={`payment-reverse-${p.id}`} onClick={() => setOpen(true)}>{t.payments.reverse}</button>}
      </td>
    </tr>
  );
}

export function DebtorPayments() {
  const { t, lang } = useT();
  const c = useAppStore((s) => s.currentCase);
  const refreshCase = useAppStore((s) => s.refreshCurrentCase);
  const debtors = (c?.parties ?? []).filter((p) => p.role === 'debtor');
  const [data, setData] = useState<CasePayments | null>(null);
  const [partyId, setPartyId] = useState('');
  const [yuan, setYuan] = useState('');
  // empty until main tells today on the program's clock
  const [paidOn, setPaidOn] = useState('');
  const [method, setMethod] = useState<PaymentMethod>('court-account');
  const [note, setNote] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const caseId = c?.id;
  const load = useCallback(async () => {
    if (!caseId) return;
    const r = await api().payments.list({ caseId });
    if (r.ok) {
      setData(r.value);
      setPaidOn((d) => d || r.value.today);
    } else setError(r.error);
  }, [caseId]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!c) return null;
  const who = partyId || debtors[0]?.id || '';
  const nameOf = (id: string) => c.parties.find((p) => p.id === id)?.name ?? '—';
  const after = async () => {
    await load();
    await refreshCase();
  };
  const record = async () => {
    setError(null);
    const amount = parseYuan(yuan);
    if (!amount.ok) return setError(amount.error);
    const r = await api().payments.record({ caseId: c.id, partyId: who, amount: amount.value, paidOn, method, ...(note.trim() ? { note } : {}) });
    if (!r.ok) return setError(r.error);
    setYuan('');
    setNote('');
    await after();
  };
  const reverse = async (p: DebtorPayment, reason: string) => {
    const r = await api().payments.reverse({ caseId: c.id, paymentId: p.id, reason });
    if (!r.ok) return r.error;
    await after();
    return null;
  };
  return (
    <section className="debtor-payments" data-testid="debtor-payments" aria-label={t.payments.title}>
      <h2 className="section-title">{t.payments.title}</h2>
      {data && <p data-testid="payments-outstanding">{t.payments.outstanding(formatYuan(data.outstanding))}</p>}
      <div className="form-row">
        {debtors.length > 1 && (
          <label>{t.payments.debtor}{' '}
            <select data-testid="payment-party" value={who} onChange={(e) => setPartyId(e.target.value)}>
              {debtors.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
            </select>
          </label>
        )}
        <label>{t.payments.amount}{' '}<input data-testid="payment-amount" inputMode="decimal" value={yuan} onChange={(e) => setYuan(e.target.value)} /></label>
        <label>{t.payments.paidOn}{' '}<input data-testid="payment-date" type="date" value={paidOn} onChange={(e) => setPaidOn(e.target.value)} /></label>
        <label>{t.payments.method}{' '}
          <select data-testid="payment-method" value={method} onChange={(e) => setMethod(e.target.value as PaymentMethod)}>
            {PAYMENT_METHODS.map((m) => <option key={m} value={m}>{PAYMENT_METHOD_LABELS[m][lang]}</option>)}
          </select>
        </label>
        <label>{t.payments.note}{' '}<input data-testid="payment-note" value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} /></label>
        <button type="button" className="btn btn-primary" data-testid="payment-record" disabled={!who} onClick={() => void record()}>{t.payments.record}</button>
      </div>
      {error && <p className="field-error" role="alert" data-testid="payment-error">{errorText(error, lang)}</p>}
      {data && (data.payments.length === 0
        ? <p className="empty" data-testid="payments-none">{t.payments.none}</p>
        : (
          <table className="grid" data-testid="payments-list">
            <thead><tr><th>{t.payments.paidOn}</th><th>{t.payments.debtor}</th><th>{t.payments.amount}</th><th>{t.payments.method}</th><th /></tr></thead>
            <tbody>{data.payments.map((p) => <Row key={p.id} p={p} name={nameOf(p.partyId)} onReverse={reverse} />)}</tbody>
          </table>
        ))}
    </section>
  );
}
