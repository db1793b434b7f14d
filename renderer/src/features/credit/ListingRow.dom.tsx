/**
 * One listing as the tab shows it (docs/domain.md rule 8): its ground and period, its state, its
 * documents, the exchanges with the credit platform and their state (live), and what comes next —
 * the judge proposes a draft, the chief approves (his inbox), the removal is proposed once a ground
 * for it is recorded and confirmed by the judge, and goes to the platform once.
 */
import { useState } from 'react';
import type { CaseCredit, DebtorCredit } from '../../../../shared/domain/listing';
import { GROUND_TEXT, REMOVAL_GROUND_TEXT, groundCitation } from '../../../../shared/rules/listing';
import { errorText } from '../../i18n/dict';
import { api } from '../../store/api-holder';
import { useT } from '../../store/selectors';
import { formatWhen } from '../../ui/format';
import { DocumentLinks } from '../documents/DocumentLinks.dom';
import { removalOffered, type DebtorListing } from './credit-stage';
import { PinForm } from './PinForm.dom';
import { useBlocked } from './use-may';
import { useRun } from './use-run';

interface Props {
  credit: CaseCredit;
  debtor: DebtorCredit;
  listing: DebtorListing;
  onChange(): void;
}

export function ListingRow({ credit, debtor, listing: l, onChange }: Props) {
  const { t, lang } = useT();
  const docIds = [l.decisionDocumentId, l.removal?.documentId];
  const docs = credit.documents.filter((d) => docIds.includes(d.id));
  return (
    <li className="credit-listing" data-testid={`credit-listing-${l.id}`} data-state={l.state}>
      <div>
        <strong>{groundCitation(l.ground)}</strong>：{GROUND_TEXT[l.ground][lang]}{' '}
        <span className="badge" data-testid={`credit-listing-state-${l.id}`}>{t.credit.listingStates[l.state]}</span>
      </div>
      <p className="muted small">
        {l.listedOn ? t.credit.listedFrom(l.listedOn, l.endsOn) : l.periodYears ? t.credit.years(l.periodYears) : ''}
        {l.proposedBy && ` · ${t.credit.proposedBy(l.proposedBy)}`}
        {l.approvedBy && ` · ${t.credit.approvedBy(l.approvedBy)}`}
        {l.refusedReason && ` · ${t.credit.refusedBecause(l.refusedReason)}`}
      </p>
      <DocumentLinks docs={docs} testPrefix="credit-doc" />
      <Exchanges credit={credit} listingId={l.id} />
      {l.state === 'draft' && <ProposeDraft credit={credit} listing={l} onChange={onChange} />}
      {l.state === 'proposed' && <p className="muted" data-testid={`credit-awaiting-${l.id}`}>{t.credit.awaitingApproval}</p>}
      {l.state === 'listed' && <Removal credit={credit} debtor={debtor} listing={l} onChange={onChange} />}
      {l.removal?.confirmedAt && (
        <p data-testid={`credit-removed-${l.id}`}>
          {t.credit.removalConfirmed(REMOVAL_GROUND_TEXT[l.removal.ground][lang], l.removal.confirmedAt.slice(0, 10))}{' '}
          <span data-testid={`credit-removal-sent-${l.id}`}>
            {t.credit.removalSent(credit.exchanges.filter((x) => x.recordId === l.id && x.kind === 'listing.remove').length, t.credit.exchangeStates[l.removal.removedOnPlatform])}
          </span>
        </p>
      )}
      {l.state !== 'draft' && l.state !== 'proposed' && <RepairDecision credit={credit} debtor={debtor} listing={l} onChange={onChange} />}
    </li>
  );
}

/** the exchanges of this listing with the credit platform, newest last, with how often each kind went */
function Exchanges({ credit, listingId }: { credit: CaseCredit; listingId: string }) {
  const { t } = useT();
  const xs = credit.exchanges.filter((x) => x.recordId === listingId);
  if (xs.length === 0) return null;
  return (
    <table className="table compact" data-testid={`credit-exchanges-${listingId}`}>
      <thead>
        <tr><th scope="col">{t.credit.exchangeKind}</th><th scope="col">{t.credit.exchangeState}</th><th scope="col">{t.credit.platformRef}</th><th scope="col">{t.credit.updatedAt}</th></tr>
      </thead>
      <tbody>
        {xs.map((x) => (
          <tr key={x.id} data-testid={`credit-exchange-${x.id}`} data-kind={x.kind} data-state={x.state}>
            <td>{t.credit.exchangeKinds[x.kind]}</td>
            <td>{t.credit.exchangeStates[x.state]}</td>
            <td className="mono">{x.platformRef ?? ''}</td>
            <td className="nowrap">{formatWhen(x.updatedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ProposeDraft({ credit, listing, onChange }: { credit: CaseCredit; listing: DebtorListing; onChange(): void }) {
  const { t } = useT();
  const blocked = useBlocked()('credit.propose');
  return (
    <PinForm testId={`credit-propose-${listing.id}`} label={t.credit.propose} primary blocked={blocked}
      run={(pin) => api().credit.propose({ caseId: credit.caseId, listingId: listing.id, pin })} onDone={onChange} />
  );
}

function Removal({ credit, debtor, listing: l, onChange }: Props) {
  const { t, lang } = useT();
  const may = useBlocked();
  const { busy, error, run } = useRun(onChange);
  if (!l.removal) {
    if (!removalOffered(credit, debtor, l)) return <p className="muted small" data-testid={`credit-no-removal-${l.id}`}>{t.credit.noRemovalGround}</p>;
    const blocked = may('credit.draft');
    return (
      <div className="inline-form">
        <button type="button" className="btn" disabled={busy || !!blocked} title={blocked} data-testid={`credit-propose-removal-${l.id}`}
          onClick={() => void run(() => api().credit.proposeRemoval({ caseId: credit.caseId, listingId: l.id }))}>
          {t.credit.proposeRemoval}
        </button>
        {blocked && <span className="muted small">{blocked}</span>}
        {error && <span className="field-error" role="alert" data-testid={`credit-removal-error-${l.id}`}>{errorText(error, lang)}</span>}
      </div>
    );
  }
  const r = l.removal;
  return (
    <div data-testid={`credit-removal-${l.id}`}>
      <p>
        {t.credit.removalProposed(REMOVAL_GROUND_TEXT[r.ground][lang], r.dueOn, credit.removalWorkingDays)}
        {r.overdue && <span className="badge badge-warn" data-testid={`credit-removal-overdue-${l.id}`}> {t.credit.overdue}</span>}
      </p>
      <PinForm testId={`credit-confirm-removal-${l.id}`} label={t.credit.confirmRemoval} primary blocked={may('credit.lift')}
        run={(pin) => api().credit.confirmRemoval({ caseId: credit.caseId, listingId: l.id, pin })} onDone={onChange} />
    </div>
  );
}

/** 信用修复: a repair applied for and not yet decided is decided by the judge, granted or not, with reasons */
function RepairDecision({ credit, debtor, listing: l, onChange }: Props) {
  const { t } = useT();
  const blocked = useBlocked()('credit.lift');
  const [reason, setReason] = useState('');
  const applied = debtor.steps.some((s) => s.kind === 'repair-application' && s.listingId === l.id);
  const decided = debtor.steps.some((s) => s.kind === 'repair-decision' && s.listingId === l.id);
  if (!applied || decided || l.state !== 'listed') return null;
  return (
    <div className="inline-form" data-testid={`credit-repair-${l.id}`}>
      <span>{t.credit.repairPending}</span>
      <input type="text" maxLength={1000} aria-label={t.credit.repairReason} placeholder={t.credit.repairReason} value={reason}
        onChange={(e) => setReason(e.target.value)} data-testid={`credit-repair-reason-${l.id}`} />
      {([true, false] as const).map((granted) => (
        <PinForm key={String(granted)} testId={`credit-repair-${granted ? 'grant' : 'refuse'}-${l.id}`} label={granted ? t.credit.repairGrant : t.credit.repairRefuse}
          blocked={blocked ?? (reason.trim().length < 2 ? t.credit.repairReasonNeeded : undefined)}
          run={(pin) => api().credit.decideRepair({ caseId: credit.caseId, listingId: l.id, granted, reason: reason.trim(), pin })} onDone={onChange} />
      ))}
    </div>
  );
}
