/**
 * The listings waiting for the signed-in chief or director (若干规定; docs/authority.md): each with
 * its case, debtor (ID masked), ground, period and proposing judge; he approves with his own signature
 * (his password opens his key) or refuses with a reason. Shown in the approvals inbox.
 */
import { useState } from 'react';
import type { AppError } from '../../../../shared/errors';
import type { ListingApprovalItem } from '../../../../shared/domain/listing';
import { GROUND_TEXT, groundCitation } from '../../../../shared/rules/listing';
import { errorText } from '../../i18n/dict';
import { api } from '../../store/api-holder';
import { useT } from '../../store/selectors';
import { formatWhen } from '../../ui/format';
import { useInbox } from '../../ui/use-inbox';

export function ListingApprovals() {
  const { t, lang } = useT();
  const inbox = useInbox<ListingApprovalItem, { item: ListingApprovalItem; approved: boolean }>(
    () => api().credit.approvals({}), (i) => i.listingId);
  const { items, decided, error } = inbox;
  const done = (item: ListingApprovalItem, approved: boolean) => inbox.done(item, { item, approved });
  return (
    <section className="panel" data-testid="listing-approvals">
      <h2>{t.credit.approvalsTitle}</h2>
      {error && <p className="field-error" role="alert" data-testid="listing-approvals-error">{errorText(error, lang)}</p>}
      {items && items.length === 0 && <p className="empty" data-testid="listing-approvals-empty">{t.credit.approvalsEmpty}</p>}
      {items && items.length > 0 && (
        <table className="table" data-testid="listing-approvals-list">
          <thead>
            <tr>
              <th scope="col">{t.credit.caseNumber}</th><th scope="col">{t.credit.subjectCol}</th><th scope="col">{t.credit.ground}</th>
              <th scope="col">{t.credit.periodCol}</th><th scope="col">{t.credit.proposedByCol}</th><th scope="col" />
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.listingId} data-testid={`listing-approval-${i.listingId}`}>
                <td className="mono nowrap">{i.caseNumber}</td>
                <td>{i.subject}</td>
                <td title={GROUND_TEXT[i.ground][lang]}>{groundCitation(i.ground)}：{GROUND_TEXT[i.ground][lang]}</td>
                <td>{i.periodYears ? t.credit.years(i.periodYears) : t.credit.periodUntilPerformed}</td>
                <td><span className="mono">{i.proposedBy}</span> <span className="muted small">{formatWhen(i.proposedAt)}</span></td>
                <td><Decide item={i} onDone={done} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {decided.length > 0 && (
        <ul className="plain-list" data-testid="listing-approvals-decided">
          {decided.map(({ item, approved }) => (
            <li key={item.listingId} data-testid={`listing-decided-${item.listingId}`}>
              {item.caseNumber} {item.subject} — {approved ? t.credit.approved : t.credit.refused}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Decide({ item, onDone }: { item: ListingApprovalItem; onDone(i: ListingApprovalItem, approved: boolean): void }) {
  const { t, lang } = useT();
  const [pin, setPin] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const decide = async (decision: 'approve' | 'refuse') => {
    setBusy(true);
    setError(null);
    const r = await api().credit.approve({ caseId: item.caseId, listingId: item.listingId, decision, pin, ...(reason.trim() ? { reason: reason.trim() } : {}) });
    setBusy(false);
    setPin('');
    if (r.ok) onDone(item, decision === 'approve');
    else setError(r.error);
  };
  const id = item.listingId;
  return (
    <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void decide('approve'); }} data-testid={`listing-form-${id}`}>
      <input type="password" aria-label={t.credit.pin} placeholder={t.credit.pin} autoComplete="current-password" value={pin}
        onChange={(e) => setPin(e.target.value)} data-testid={`listing-pin-${id}`} />
      <input type="text" aria-label={t.credit.refuseReason} placeholder={t.credit.refuseReason} maxLength={500} value={reason}
        onChange={(e) => setReason(e.target.value)} data-testid={`listing-reason-${id}`} />
      <button type="submit" className="btn btn-primary" disabled={busy || !pin} data-testid={`listing-approve-${id}`}>{t.credit.approve}</button>
      <button type="button" className="btn" disabled={busy || !pin} onClick={() => void decide('refuse')} data-testid={`listing-refuse-${id}`}>{t.credit.refuse}</button>
      {error && <p className="field-error" role="alert" data-testid={`listing-error-${id}`}>{errorText(error, lang)}</p>}
    </form>
  );
}
