/**
 * "新建案件": case number, filing date, cause, amounts in 元 (sent as fen), applicant and 1..n
 * debtors. Each field is checked as the judge types with the shared parsers; errors main returns
 * (CASE_EXISTS, …) appear by the field they concern.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AppError } from '../../../../shared/errors';
import type { PartyKind } from '../../../../shared/domain/types';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { FieldError, TextField } from '../../ui/TextField.dom';
import { DateField } from '../../ui/DateField.dom';
import { matches } from '../../ui/shortcuts';
import {
  emptyDraft, emptyParty, fieldOfServerError, isIdField, MAX_DEBTORS, validateDraft,
  type CaseDraft, type FieldProblem, type PartyDraft,
} from './new-case-validation';

export function NewCaseDialog() {
  const { t, lang } = useT();
  const createCase = useAppStore((s) => s.createCase);
  const setOpen = useAppStore((s) => s.setNewCaseOpen);
  const [draft, setDraft] = useState<CaseDraft>(() => emptyDraft());
  const [touched, setTouched] = useState<Record<string, true>>({});
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, AppError>>({});
  const [formError, setFormError] = useState<AppError | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const { problems, input } = validateDraft(draft);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (matches('dialog.close', e)) {
        e.preventDefault();
        setOpen(false);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [setOpen]);

  const valueOf = (key: string): string => {
    const [head, i, leaf] = key.split('.');
    if (head === 'applicant') return draft.applicant[i as keyof PartyDraft] as string;
    if (head === 'debtors') return (draft.debtors[Number(i)]?.[leaf as keyof PartyDraft] as string | undefined) ?? '';
    return draft[head as 'number'];
  };

  const problemText = (p: FieldProblem): string => ('error' in p ? errorText(p.error, lang) : t.newCase[p.key]);

  const errorFor = (key: string): string | null => {
    const server = serverErrors[key];
    if (server) return errorText(server, lang);
    const p = problems[key];
    if (!p) return null;
    const live = isIdField(key) && valueOf(key).trim().length >= 18;
    return submitted || touched[key] || live ? problemText(p) : null;
  };

  const edit = (keys: string | string[], change: (d: CaseDraft) => CaseDraft) => {
    setDraft(change);
    const gone = typeof keys === 'string' ? [keys] : keys;
    if (gone.some((k) => serverErrors[k])) {
      setServerErrors((s) => Object.fromEntries(Object.entries(s).filter(([k]) => !gone.includes(k))));
    }
    setFormError(null);
  };
  const touch = (key: string) => setTouched((s) => (s[key] ? s : { ...s, [key]: true }));

  const field = (key: 'number' | 'cause' | 'amountOwed' | 'costs' | 'performanceDueOn' | 'interestPrincipal', label: string, testId: string, extra?: { placeholder?: string; inputMode?: 'decimal' | 'numeric'; autoFocus?: boolean }) => (
    <TextField
      id={`newcase-${key}`}
      testId={testId}
      label={label}
      value={draft[key]}
      placeholder={extra?.placeholder}
      inputMode={extra?.inputMode}
      autoFocus={extra?.autoFocus}
      onChange={(v) => edit(key, (d) => ({ ...d, [key]: v }))}
      onBlur={() => touch(key)}
      error={errorFor(key)}
    />
  );

  const partyFields = (prefix: string, testPrefix: string, p: PartyDraft, update: (p: PartyDraft) => void) => (
    <div className="party-fields">
      <div className="field field-kind">
        <label htmlFor={`${testPrefix}-kind`}>{t.newCase.kind}</label>
        <select
          id={`${testPrefix}-kind`}
          data-testid={`${testPrefix}-kind`}
          value={p.kind}
          onChange={(e) => {
            update({ ...p, kind: e.target.value as PartyKind });
          }}
        >
          <option value="person">{t.newCase.kindPerson}</option>
          <option value="company">{t.newCase.kindCompany}</option>
        </select>
      </div>
      <TextField
        id={`${testPrefix}-name`}
        testId={`${testPrefix}-name`}
        label={t.newCase.name}
        value={p.name}
        onChange={(v) => update({ ...p, name: v })}
        onBlur={() => touch(`${prefix}.name`)}
        error={errorFor(`${prefix}.name`)}
        className="field-grow"
      />
      <TextField
        id={`${testPrefix}-id`}
        testId={`${testPrefix}-id`}
        label={p.kind === 'person' ? t.newCase.idPerson : t.newCase.idCompany}
        value={p.idNumber}
        maxLength={18}
        onChange={(v) => update({ ...p, idNumber: v.toUpperCase() })}
        onBlur={() => touch(`${prefix}.idNumber`)}
        error={errorFor(`${prefix}.idNumber`)}
        className="field-id"
      />
      <TextField
        id={`${testPrefix}-address`}
        testId={`${testPrefix}-address`}
        label={p.kind === 'person' ? t.newCase.addressPerson : t.newCase.addressCompany}
        value={p.address}
        maxLength={200}
        onChange={(v) => update({ ...p, address: v })}
        error={errorFor(`${prefix}.address`)}
        className="field-grow"
      />
      {p.kind === 'company' && (
        <>
          <TextField
            id={`${testPrefix}-rep-name`}
            testId={`${testPrefix}-rep-name`}
            label={t.newCase.repName}
            value={p.repName}
            maxLength={50}
            onChange={(v) => update({ ...p, repName: v })}
            onBlur={() => touch(`${prefix}.repName`)}
            error={errorFor(`${prefix}.repName`)}
          />
          <TextField
            id={`${testPrefix}-rep-title`}
            testId={`${testPrefix}-rep-title`}
            label={t.newCase.repTitle}
            value={p.repTitle}
            maxLength={30}
            onChange={(v) => update({ ...p, repTitle: v })}
          />
        </>
      )}
    </div>
  );

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    setFormError(null);
    if (!input) {
      setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    if (busy) return;
    setBusy(true);
    const r = await createCase(input);
    setBusy(false);
    if (r.ok) {
      setOpen(false);
      return;
    }
    const key = fieldOfServerError(r.error, draft.debtors.length);
    if (key) setServerErrors((s) => ({ ...s, [key]: r.error }));
    else setFormError(r.error);
  }

  const hasErrors = submitted && !input;

  return (
    <div className="overlay" role="presentation">
      <form
        ref={formRef}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="newcase-title"
        data-testid="newcase-form"
        noValidate
        onSubmit={submit}
      >
        <h2 id="newcase-title">{t.newCase.title}</h2>
        <div className="form-grid">
          {field('number', t.newCase.number, 'newcase-number', { placeholder: t.newCase.numberPlaceholder, autoFocus: true })}
          <div className={`field${errorFor('filedOn') ? ' field-invalid' : ''}`}>
            <label htmlFor="newcase-filedOn">{t.newCase.filedOn}</label>
            <DateField
              id="newcase-filedOn"
              testId="newcase-filed-on"
              value={draft.filedOn}
              invalid={!!errorFor('filedOn')}
              describedBy={errorFor('filedOn') ? 'newcase-filedOn-error' : undefined}
              onChange={(v) => edit('filedOn', (d) => ({ ...d, filedOn: v }))}
              onBlur={() => touch('filedOn')}
            />
            <FieldError id="newcase-filedOn-error" testId="newcase-filed-on-error" text={errorFor('filedOn')} />
          </div>
          {field('cause', t.newCase.cause, 'newcase-cause')}
          {field('amountOwed', t.newCase.amountOwed, 'newcase-amount', { inputMode: 'decimal' })}
          {field('costs', t.newCase.costs, 'newcase-costs', { inputMode: 'decimal' })}
          {field('performanceDueOn', t.newCase.performanceDueOn, 'newcase-performance-due', { placeholder: 'YYYY-MM-DD', inputMode: 'numeric' })}
          {field('interestPrincipal', t.newCase.interestPrincipal, 'newcase-interest-principal', { inputMode: 'decimal' })}
        </div>
        <fieldset className="party-set">
          <legend>{t.newCase.applicant}</legend>
          {partyFields('applicant', 'newcase-applicant', draft.applicant, (p) => edit(['applicant.name', 'applicant.idNumber', 'applicant.address', 'applicant.repName'], (d) => ({ ...d, applicant: p })))}
        </fieldset>
        <fieldset className="party-set">
          <legend>{t.newCase.debtors}</legend>
          {draft.debtors.map((p, i) => (
            <div className="debtor-row" key={i} data-testid={`newcase-debtor-${i}`}>
              <span className="debtor-label">{t.newCase.debtorN(i + 1)}</span>
              {partyFields(`debtors.${i}`, `newcase-debtor-${i}`, p, (np) =>
                edit([`debtors.${i}.name`, `debtors.${i}.idNumber`, `debtors.${i}.address`, `debtors.${i}.repName`], (d) => ({ ...d, debtors: d.debtors.map((x, j) => (j === i ? np : x)) })),
              )}
              {draft.debtors.length > 1 && (
                <button
                  type="button"
                  className="btn btn-quiet"
                  data-testid={`newcase-debtor-remove-${i}`}
                  onClick={() => {
                    setDraft((d) => ({ ...d, debtors: d.debtors.filter((_, j) => j !== i) }));
                    setServerErrors({});
                  }}
                >
                  {t.newCase.removeDebtor}
                </button>
              )}
            </div>
          ))}
          {draft.debtors.length < MAX_DEBTORS && (
            <button
              type="button"
              className="btn"
              data-testid="newcase-debtor-add"
              onClick={() => setDraft((d) => ({ ...d, debtors: [...d.debtors, emptyParty()] }))}
            >
              {t.newCase.addDebtor}
            </button>
          )}
        </fieldset>
        <FieldError
          id="newcase-error"
          testId="newcase-error"
          text={formError ? errorText(formError, lang) : hasErrors ? t.newCase.fixErrors : null}
        />
        <div className="dialog-actions">
          <button type="button" className="btn" data-testid="newcase-cancel" onClick={() => setOpen(false)}>
            {t.newCase.cancel}
          </button>
          <button type="submit" className="btn btn-primary" data-testid="newcase-submit" disabled={busy}>
            {busy ? t.newCase.submitting : t.newCase.submit}
          </button>
        </div>
      </form>
    </div>
  );
}
