/**
 * The receipt of a deduction the agency has confirmed: amount, from which account, to the court's
 * receiving account, the agency's reference and the time; printable on its own (print stylesheet).
 */
import type { Measure } from '../../../../shared/domain/measures';
import { channelInfo, isChannelId } from '../../../../shared/domain/channels';
import { formatYuanSymbol } from '../../../../shared/money';
import { channelName } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { formatWhen } from '../../ui/format';
import { maskAccount } from '../../ui/mask';
import { printPage } from '../../ui/print';

export function Receipt({ measure: m, masked }: { measure: Measure; masked: boolean }) {
  const { t, lang } = useT();
  const institution = useAppStore((s) => s.assets.find((a) => a.id === m.assetId)?.institution);
  const caseNumber = useAppStore((s) => (s.currentCase?.id === m.caseId ? s.currentCase.number : undefined));
  const from = institution ?? (isChannelId(m.channel) ? channelName(channelInfo(m.channel), lang) : m.channel);
  const amount = m.outcome?.deductedAmount ?? m.amount ?? 0;
  const at = m.outcome?.executedAt ?? m.updatedAt;
  const acct = m.courtAccount;
  return (
    <section className="receipt print-area" data-testid="deduct-receipt" aria-label={t.receipt.title}>
      <h3>{t.receipt.title}</h3>
      <dl>
        {caseNumber && (
          <>
            <dt>{t.receipt.caseNumber}</dt>
            <dd className="mono">{caseNumber}</dd>
          </>
        )}
        <dt>{t.receipt.amount}</dt>
        <dd className="num receipt-amount" data-testid="receipt-amount">
          {formatYuanSymbol(amount)}
        </dd>
        <dt>{t.receipt.from}</dt>
        <dd data-testid="receipt-from">
          {from} <span className="mono">{masked ? maskAccount(m.assetIdentifier) : m.assetIdentifier}</span>
        </dd>
        <dt>{t.receipt.to}</dt>
        <dd data-testid="receipt-to">{acct ? `${acct.name} · ${acct.bank} · ${acct.accountNo}` : '—'}</dd>
        <dt>{t.receipt.ref}</dt>
        <dd className="mono" data-testid="receipt-ref">
          {m.outcome?.agencyRef ?? '—'}
        </dd>
        <dt>{t.receipt.time}</dt>
        <dd data-testid="receipt-time">{formatWhen(at)}</dd>
      </dl>
      <button type="button" className="btn no-print" data-testid="receipt-print" onClick={printPage}>
        {t.receipt.print}
      </button>
    </section>
  );
}
