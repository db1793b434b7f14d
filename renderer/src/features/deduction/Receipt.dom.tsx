/**
 * The receipt of a deduction the agency has confirmed: the court's heading (on paper), the debtor,
 * amount, from which account, to the court's receiving account, the agency's reference, the time,
 * who decided it and who operates; printable on its own (ui/print.ts, print stylesheet), with lines
 * for the signatures of the judge in charge and of the party and the date. Printing writes nothing.
 */
import { useRef } from 'react';
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
  const officer = useAppStore((s) => s.officer);
  const debtor = useAppStore((s) => (s.currentCase?.id === m.caseId ? s.currentCase.parties.find((p) => p.id === m.partyId)?.name : undefined));
  const decider = useAppStore((s) => (s.officer?.code === m.decidedBy ? s.officer : s.registeredOfficers?.find((o) => o.code === m.decidedBy)));
  const ref = useRef<HTMLElement>(null);
  return (
    <section className="receipt print-area" ref={ref} data-testid="deduct-receipt" aria-label={t.receipt.title}>
      {officer && (
        <div className="receipt-court print-only" data-testid="receipt-court">
          {officer.court}
        </div>
      )}
      <h3>{t.receipt.title}</h3>
      <dl>
        {caseNumber && (
          <>
            <dt>{t.receipt.caseNumber}</dt>
            <dd className="mono">{caseNumber}</dd>
          </>
        )}
        {debtor && (
          <>
            <dt>{t.receipt.debtor}</dt>
            <dd data-testid="receipt-debtor">{debtor}</dd>
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
        <dt>{t.receipt.decidedBy}</dt>
        <dd data-testid="receipt-decided-by">{decider ? `${decider.name}（${decider.code}）` : m.decidedBy}</dd>
        {officer && (
          <>
            <dt>{t.receipt.operator}</dt>
            <dd data-testid="receipt-operator">{`${officer.name}（${officer.code}）`}</dd>
          </>
        )}
      </dl>
      <ReceiptSigns />
      <button type="button" className="btn no-print" data-testid="receipt-print" onClick={() => printPage(ref.current)}>
        {t.receipt.print}
      </button>
    </section>
  );
}

/** On paper only: lines to sign on. */
function ReceiptSigns() {
  const { t } = useT();
  return (
    <div className="receipt-signs print-only" data-testid="receipt-signs">
      {[t.receipt.signJudge, t.receipt.signParty, t.receipt.signDate].map((label) => (
        <div key={label} className="receipt-sign">
          <span>{label}：</span>
          <span className="receipt-sign-line" />
        </div>
      ))}
    </div>
  );
}
