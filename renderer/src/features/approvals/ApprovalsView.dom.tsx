/**
 * The chief's approvals inbox (docs/authority.md, "Approvals that cannot be forged"): deductions
 * above the threshold that judges of his court decided on any workstation, waiting at the gateway
 * for him. He approves one by signing its body with his own key (his password confirms) or refuses
 * it with a reason; the deciding workstation takes the decision back and sends the approved.
 */
import { useState, type FormEvent } from 'react';
import type { AppError } from '../../../../shared/errors';
import type { ApprovalInboxItem } from '../../../../shared/ipc/contract';
import { channelInfo, isChannelId } from '../../../../shared/domain/channels';
import { formatYuanSymbol } from '../../../../shared/money';
import { channelName, errorText } from '../../i18n/dict';
import { api } from '../../store/api-holder';
import { useT } from '../../store/selectors';
import { formatWhen } from '../../ui/format';
import { useInbox } from '../../ui/use-inbox';
import { DeskBack } from '../shell/DeskBack.dom';
import { ListingApprovals } from '../credit/ListingApprovals.dom';

type Decision = 'approve' | 'refuse';

function DecideForm({ item, onDone }: { item: ApprovalInboxItem; onDone: (i: ApprovalInboxItem) => void }) {
  const { t, lang } = useT();
  const [pin, setPin] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const decide = async (decision: Decision) => {
    setBusy(true);
    setError(null);
    const r = await api().approvals.decide({ id: item.id, decision, pin, ...(reason.trim() ? { reason: reason.trim() } : {}) });
    setBusy(false);
    if (r.ok) onDone(r.value);
    else setError(r.error);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void decide('approve');
  };
  return (
    <form className="inline-form" onSubmit={submit} data-testid={`inbox-form-${item.id}`}>
      <input type="password" aria-label={t.approvals.pin} placeholder={t.approvals.pin} autoComplete="current-password"
        value={pin} onChange={(e) => setPin(e.target.value)} data-testid={`inbox-pin-${item.id}`} />
      <input type="text" aria-label={t.approvals.reason} placeholder={t.approvals.reason} maxLength={500}
        value={reason} onChange={(e) => setReason(e.target.value)} data-testid={`inbox-reason-${item.id}`} />
      <button type="submit" className="btn btn-primary" disabled={busy || !pin} data-testid={`inbox-approve-${item.id}`}>{t.approvals.approve}</button>
      <button type="button" className="btn" disabled={busy || !pin} onClick={() => void decide('refuse')} data-testid={`inbox-refuse-${item.id}`}>{t.approvals.refuse}</button>
      {error && <p className="field-error" role="alert" data-testid={`inbox-error-${item.id}`}>{errorText(error, lang)}</p>}
    </form>
  );
}

export function ApprovalsView() {
  const { t, lang } = useT();
  const inbox = useInbox<ApprovalInboxItem, ApprovalInboxItem>(() => api().approvals.inbox({}), (i) => i.id);
  const { items, decided, error, load } = inbox;
  const done = (i: ApprovalInboxItem) => inbox.done(i, i);
  const institution = (c: string) => (isChannelId(c) ? channelName(channelInfo(c), lang) : c);
  return (
    <main className="page desk-page" data-testid="approvals-view">
      <div className="toolbar">
        <DeskBack />
        <h1>{t.approvals.title}</h1>
        <span className="toolbar-spacer" />
        <button type="button" className="btn" onClick={() => void load()} data-testid="approvals-reload">{t.approvals.reload}</button>
      </div>
      <p className="muted">{t.approvals.hint}</p>
      {error && <p className="field-error" role="alert" data-testid="approvals-error">{errorText(error, lang)}</p>}
      {items && items.length === 0 && <p className="empty" data-testid="approvals-empty">{t.approvals.empty}</p>}
      {items && items.length > 0 && (
        <div className="panel">
          <table className="table" data-testid="approvals-list">
            <thead>
              <tr>
                <th scope="col">{t.approvals.caseNumber}</th>
                <th scope="col">{t.approvals.subject}</th>
                <th scope="col">{t.approvals.from}</th>
                <th scope="col" className="num">{t.approvals.amount}</th>
                <th scope="col">{t.approvals.decidedBy}</th>
                <th scope="col">{t.approvals.offeredAt}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.id} data-testid={`inbox-row-${i.id}`}>
                  <td className="mono nowrap">{i.caseNumber}</td>
                  <td>{i.subject}</td>
                  <td>{institution(i.channel)} <span className="mono">{i.assetIdentifier}</span></td>
                  <td className="num">{formatYuanSymbol(i.amount)}</td>
                  <td className="mono">{i.decidedBy}</td>
                  <td className="nowrap">{formatWhen(i.offeredAt)}</td>
                  <td><DecideForm item={i} onDone={done} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {decided.length > 0 && (
        <ul className="plain-list" data-testid="approvals-decided">
          {decided.map((i) => (
            <li key={i.id} data-testid={`inbox-decided-${i.id}`}>
              {i.caseNumber} {formatYuanSymbol(i.amount)} — {i.status === 'approved' ? t.approvals.approved : t.approvals.refused}
            </li>
          ))}
        </ul>
      )}
      <ListingApprovals />
    </main>
  );
}
