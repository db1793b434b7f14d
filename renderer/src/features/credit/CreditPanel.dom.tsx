/**
 * The 信用惩戒 tab (docs/domain.md rule 8): per debtor his notices and their service, where he
 * stands on the dishonest list and the history of its exchanges with the credit platform (live), the
 * credit facts recorded, and the listing wizard — one debtor's at a time.
 */
import { useState } from 'react';
import type { CaseCredit, DebtorCredit } from '../../../../shared/domain/listing';
import { formatYuanSymbol } from '../../../../shared/money';
import { errorText } from '../../i18n/dict';
import { useT } from '../../store/selectors';
import { creditStage } from './credit-stage';
import { ListingRow } from './ListingRow.dom';
import { ListingWizard } from './ListingWizard.dom';
import { NoticesSection } from './NoticesSection.dom';
import { StepsSection } from './StepsSection.dom';
import { useBlocked } from './use-may';
import { useCaseCredit } from './use-credit';

export function CreditPanel({ caseId }: { caseId: string }) {
  const { t, lang } = useT();
  const { credit, error, reload } = useCaseCredit(caseId);
  const [wizardFor, setWizardFor] = useState<string | null>(null);
  const onChange = () => void reload();
  if (!credit) {
    return error
      ? <p className="field-error" role="alert" data-testid="credit-error">{errorText(error, lang)}</p>
      : <p className="muted" role="status" data-testid="credit-loading">{t.credit.loading}</p>;
  }
  return (
    <div className="credit-panel" data-testid="credit-panel">
      <p className="muted small" data-testid="credit-owed-frozen">{t.credit.owedFrozen(formatYuanSymbol(credit.outstanding), formatYuanSymbol(credit.frozen))}</p>
      {error && <p className="field-error" role="alert" data-testid="credit-error">{errorText(error, lang)}</p>}
      {credit.debtors.map((d) => (
        <DebtorCard key={d.partyId} credit={credit} debtor={d} onChange={onChange}
          wizard={wizardFor === d.partyId} openWizard={(open) => setWizardFor(open ? d.partyId : null)} />
      ))}
    </div>
  );
}

interface CardProps {
  credit: CaseCredit;
  debtor: DebtorCredit;
  onChange(): void;
  wizard: boolean;
  openWizard(open: boolean): void;
}

function DebtorCard({ credit, debtor, onChange, wizard, openWizard }: CardProps) {
  const { t } = useT();
  const stage = creditStage(debtor);
  const blocked = useBlocked()('credit.draft');
  // a new listing only when none is pending or in force
  const mayStart = stage === 'none' || stage === 'removed';
  return (
    <section className="panel credit-debtor" data-testid={`credit-debtor-${debtor.partyId}`} data-stage={stage}>
      <header className="toolbar">
        <h3>{debtor.name}</h3>
        <span className={`badge credit-stage credit-stage-${stage}`} data-testid={`credit-stage-${debtor.partyId}`}>{t.credit.stages[stage]}</span>
        <span className="toolbar-spacer" />
        {mayStart && !wizard && (
          <>
            <button type="button" className="btn btn-primary" data-testid={`credit-start-${debtor.partyId}`} onClick={() => openWizard(true)}>{t.credit.startListing}</button>
            {blocked && <span className="muted small" data-testid={`credit-start-readonly-${debtor.partyId}`}>{blocked}</span>}
          </>
        )}
      </header>
      <NoticesSection credit={credit} debtor={debtor} onChange={onChange} />
      {wizard && <ListingWizard caseId={credit.caseId} debtor={debtor} onChange={onChange} onClose={() => openWizard(false)} />}
      <section className="credit-listings">
        <h4>{t.credit.listings}</h4>
        {debtor.listings.length === 0 ? <p className="muted small">{t.credit.noListings}</p> : (
          <ul className="plain-list">
            {debtor.listings.map((l) => <ListingRow key={l.id} credit={credit} debtor={debtor} listing={l} onChange={onChange} />)}
          </ul>
        )}
      </section>
      <StepsSection credit={credit} debtor={debtor} onChange={onChange} />
    </section>
  );
}
