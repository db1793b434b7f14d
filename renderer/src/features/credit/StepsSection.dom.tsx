/**
 * The credit facts of one debtor (docs/domain.md rule 8): security given (adequate or not), conduct
 * corrected, a 信用承诺, a 信用修复 applied for, a grace period (宽限期) — each with its day, what
 * happened and its document; and the form that records one.
 */
import { useState } from 'react';
import { todayCst } from '../../../../shared/dates';
import type { CaseCredit, CreditStepKind, DebtorCredit } from '../../../../shared/domain/listing';
import { errorText } from '../../i18n/dict';
import { api } from '../../store/api-holder';
import { useT } from '../../store/selectors';
import { DateField } from '../../ui/DateField.dom';
import { DocumentLinks } from '../documents/DocumentLinks.dom';
import { currentListing } from './credit-stage';
import { useBlocked } from './use-may';
import { useRun } from './use-run';

/** what an officer records; the repair decision is the judge's, on the listing (ListingRow) */
const RECORDABLE = ['security', 'correction', 'commitment', 'repair-application', 'grace'] as const satisfies readonly CreditStepKind[];
type Recordable = (typeof RECORDABLE)[number];

interface Props {
  credit: CaseCredit;
  debtor: DebtorCredit;
  onChange(): void;
}

export function StepsSection({ credit, debtor, onChange }: Props) {
  const { t } = useT();
  return (
    <section className="credit-steps" data-testid={`credit-steps-${debtor.partyId}`}>
      <h4>{t.credit.steps}</h4>
      {debtor.steps.length === 0 ? <p className="muted small">{t.credit.noSteps}</p> : (
        <ul className="plain-list">
          {debtor.steps.map((s) => (
            <li key={s.id} data-testid={`credit-step-${s.id}`} data-kind={s.kind}>
              <strong>{t.credit.stepKinds[s.kind]}</strong> {s.on}
              {s.granted !== undefined && ` · ${s.kind === 'security' ? (s.granted ? t.credit.adequate : t.credit.inadequate) : s.granted ? t.credit.granted : t.credit.notGranted}`}
              {s.untilOn && ` · ${t.credit.graceUntil(s.untilOn)}`} <span className="muted">{s.text}</span>
              <DocumentLinks docs={credit.documents.filter((d) => d.id === s.documentId)} testPrefix="credit-doc" />
            </li>
          ))}
        </ul>
      )}
      <StepForm credit={credit} debtor={debtor} onChange={onChange} />
    </section>
  );
}

function StepForm({ credit, debtor, onChange }: Props) {
  const { t, lang } = useT();
  const blocked = useBlocked()('credit.draft');
  const [kind, setKind] = useState<Recordable>('security');
  const [on, setOn] = useState(todayCst());
  const [text, setText] = useState('');
  const [granted, setGranted] = useState(true);
  const [until, setUntil] = useState('');
  const { busy, error, run } = useRun(() => {
    setText('');
    onChange();
  });
  const listing = currentListing(debtor);
  const record = () => api().credit.recordStep({
    caseId: credit.caseId, partyId: debtor.partyId, kind, on, text: text.trim(),
    ...(kind === 'security' ? { granted } : {}),
    ...(kind === 'grace' && until ? { untilOn: until } : {}),
    ...(listing && listing.state === 'listed' ? { listingId: listing.id } : {}),
  });
  return (
    <div className="inline-form" data-testid={`credit-step-form-${debtor.partyId}`}>
      <select aria-label={t.credit.stepKind} value={kind} onChange={(e) => setKind(e.target.value as Recordable)} data-testid={`credit-step-kind-${debtor.partyId}`}>
        {RECORDABLE.map((k) => <option key={k} value={k}>{t.credit.stepKinds[k]}</option>)}
      </select>
      <DateField testId={`credit-step-on-${debtor.partyId}`} value={on} onChange={setOn} ariaLabel={t.credit.stepOn} />
      {kind === 'security' && (
        <label><input type="checkbox" checked={granted} onChange={(e) => setGranted(e.target.checked)} data-testid={`credit-step-adequate-${debtor.partyId}`} /> {t.credit.adequate}</label>
      )}
      {kind === 'grace' && <DateField testId={`credit-step-until-${debtor.partyId}`} value={until} onChange={setUntil} ariaLabel={t.credit.graceUntilLabel} />}
      <input type="text" maxLength={2000} aria-label={t.credit.stepText} placeholder={t.credit.stepText} value={text}
        onChange={(e) => setText(e.target.value)} data-testid={`credit-step-text-${debtor.partyId}`} />
      <button type="button" className="btn" disabled={busy || !!blocked || text.trim().length < 2} title={blocked} data-testid={`credit-step-submit-${debtor.partyId}`} onClick={() => void run(record)}>
        {t.credit.recordStep}
      </button>
      {blocked && <span className="muted small">{blocked}</span>}
      {error && <span className="field-error" role="alert" data-testid={`credit-step-error-${debtor.partyId}`}>{errorText(error, lang)}</span>}
    </div>
  );
}
