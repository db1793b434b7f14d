/**
 * 纳入失信被执行人名单 (若干规定 第一至四条; docs/domain.md rule 8): the ground (一)–(六), the evidence
 * (a statement and the records it rests on), an extension for grounds 2–6; what `credit.check` answers
 * — every exclusion and missing precondition in the judge's words, the period — shown as he types;
 * then the draft is saved and the judge proposes it with his signature. Propose stays disabled while
 * a refusal stands, or for an officer who may not propose, with the reason.
 */
import { useEffect, useState } from 'react';
import type { AppError } from '../../../../shared/errors';
import type { CreditListing, DebtorCredit, EvidenceRef } from '../../../../shared/domain/listing';
import type { ListingCheck } from '../../../../shared/ipc/groups/credit';
import { EXTENSION_REASONS, EXTENSION_REASON_TEXT, GROUND_TEXT, LISTING_GROUNDS, type ExtensionReason, type ListingGround } from '../../../../shared/rules/listing';
import { formatYuanSymbol } from '../../../../shared/money';
import { errorText, sayText } from '../../i18n/dict';
import { api } from '../../store/api-holder';
import { useT } from '../../store/selectors';
import { PinForm } from './PinForm.dom';
import { useBlocked } from './use-may';
import { useRun } from './use-run';

interface Props {
  caseId: string;
  debtor: DebtorCredit;
  onChange(): void;
  onClose(): void;
}

interface Ext {
  on: boolean;
  years: number;
  reason: ExtensionReason;
  note: string;
}

/** the records the evidence may cite: the debtor's notices and reports */
function citable(d: DebtorCredit, t: ReturnType<typeof useT>['t']): EvidenceRef[] {
  return [
    ...d.notices.map((n): EvidenceRef => ({ kind: 'notice', id: n.id, label: `${t.credit.noticeKinds[n.kind]}${n.servedOn ? ` ${t.credit.servedShort(n.servedOn)}` : ''}` })),
    ...d.reports.map((r): EvidenceRef => ({ kind: 'report', id: r.id, label: t.credit.reported(r.filedOn, r.truthful) })),
  ];
}

export function ListingWizard({ caseId, debtor, onChange, onClose }: Props) {
  const { t, lang } = useT();
  const blocked = useBlocked();
  const [ground, setGround] = useState<ListingGround>(1);
  const [text, setText] = useState('');
  const [refs, setRefs] = useState<string[]>([]);
  const [subject, setSubject] = useState('');
  const [ext, setExt] = useState<Ext>({ on: false, years: 1, reason: 'multiple', note: '' });
  const [check, setCheck] = useState<ListingCheck | null>(null);
  const [checkError, setCheckError] = useState<AppError | null>(null);
  const [draft, setDraft] = useState<CreditListing | null>(null);
  const { busy, error, run } = useRun(onChange);
  const options = citable(debtor, t);
  const evidence = { text: text.trim(), refs: options.filter((o) => refs.includes(o.id)) };
  const extension = ext.on && ground !== 1 ? { years: ext.years, reason: ext.reason, note: ext.note.trim() } : undefined;
  const input = { caseId, partyId: debtor.partyId, ground, evidence, ...(extension ? { extension } : {}), ...(subject.trim() ? { subjectIdNumber: subject.trim().toUpperCase() } : {}) };
  const key = JSON.stringify(input);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      void api().credit.check(input).then((r) => {
        if (!live) return;
        if (r.ok) {
          setCheck(r.value);
          setCheckError(null);
        } else setCheckError(r.error);
      });
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // the input is rebuilt on each render; its JSON says when it changed
  }, [key]);

  const refusals = check?.refusals ?? [];
  const draftBlocked = blocked('credit.draft');
  const proposeBlocked = blocked('credit.propose') ?? (refusals.length > 0 ? t.credit.refusedFirst : undefined) ?? (!check ? t.credit.checking : undefined);
  const saveDraft = async () => {
    const r = await api().credit.draft(input);
    if (r.ok) setDraft(r.value);
    return r;
  };

  return (
    <section className="panel credit-wizard" aria-label={t.credit.wizardTitle} data-testid={`credit-wizard-${debtor.partyId}`}>
      <h4>{t.credit.wizardTitle}：{debtor.name}</h4>
      <fieldset disabled={!!draft}>
        <legend>{t.credit.stepGround}</legend>
        {LISTING_GROUNDS.map((g) => (
          <label key={g} className="radio-line">
            <input type="radio" name={`ground-${debtor.partyId}`} checked={ground === g} onChange={() => setGround(g)} data-testid={`credit-ground-${g}`} />{' '}
            {t.credit.groundItem(g)}{GROUND_TEXT[g][lang]}
          </label>
        ))}
        <label>
          {t.credit.subject}{' '}
          <input type="text" maxLength={18} value={subject} placeholder={t.credit.subjectHint} onChange={(e) => setSubject(e.target.value)} data-testid="credit-subject" />
        </label>
      </fieldset>
      <fieldset disabled={!!draft}>
        <legend>{t.credit.stepEvidence}</legend>
        <textarea rows={3} maxLength={2000} aria-label={t.credit.evidenceText} placeholder={t.credit.evidenceText} value={text}
          onChange={(e) => setText(e.target.value)} data-testid="credit-evidence" />
        {options.length > 0 && (
          <ul className="plain-list" data-testid="credit-refs">
            {options.map((o) => (
              <li key={o.id}>
                <label>
                  <input type="checkbox" checked={refs.includes(o.id)} data-testid={`credit-ref-${o.id}`}
                    onChange={(e) => setRefs((rs) => (e.target.checked ? [...rs, o.id] : rs.filter((x) => x !== o.id)))} /> {o.label}
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      {ground !== 1 && <ExtensionFields ext={ext} setExt={setExt} disabled={!!draft} />}
      <CheckResult check={check} error={checkError} />
      <div className="toolbar">
        {!draft ? (
          <>
            <button type="button" className="btn" disabled={busy || !!draftBlocked} title={draftBlocked} data-testid="credit-draft" onClick={() => void run(saveDraft)}>
              {t.credit.saveDraft}
            </button>
            {draftBlocked && <span className="muted small" data-testid="credit-draft-blocked">{draftBlocked}</span>}
          </>
        ) : (
          <span data-testid="credit-drafted">{t.credit.drafted}</span>
        )}
        <button type="button" className="btn btn-quiet" onClick={onClose} data-testid="credit-wizard-close">{t.credit.close}</button>
      </div>
      {error && <p className="field-error" role="alert" data-testid="credit-draft-error">{errorText(error, lang)}</p>}
      {draft ? (
        <PinForm testId="credit-propose" label={t.credit.propose} primary blocked={proposeBlocked}
          run={(pin) => api().credit.propose({ caseId, listingId: draft.id, pin })} onDone={() => { onChange(); onClose(); }} />
      ) : (
        <p className="muted small" data-testid="credit-propose-hint">{proposeBlocked ?? t.credit.draftFirst}</p>
      )}
      {refusals.length > 0 && <p className="muted small" data-testid="credit-first-refusal">{sayText(refusals[0]!, lang)}</p>}
    </section>
  );
}

function ExtensionFields({ ext, setExt, disabled }: { ext: Ext; setExt(e: Ext): void; disabled: boolean }) {
  const { t, lang } = useT();
  return (
    <fieldset disabled={disabled}>
      <legend>{t.credit.stepPeriod}</legend>
      <label><input type="checkbox" checked={ext.on} onChange={(e) => setExt({ ...ext, on: e.target.checked })} data-testid="credit-ext" /> {t.credit.extend}</label>
      {ext.on && (
        <span className="inline-form">
          <select aria-label={t.credit.extendYears} value={ext.years} onChange={(e) => setExt({ ...ext, years: Number(e.target.value) })} data-testid="credit-ext-years">
            {[1, 2, 3].map((y) => <option key={y} value={y}>{t.credit.years(y)}</option>)}
          </select>
          <select aria-label={t.credit.extendReason} value={ext.reason} onChange={(e) => setExt({ ...ext, reason: e.target.value as ExtensionReason })} data-testid="credit-ext-reason">
            {EXTENSION_REASONS.map((r) => <option key={r} value={r}>{EXTENSION_REASON_TEXT[r][lang]}</option>)}
          </select>
          <input type="text" maxLength={500} aria-label={t.credit.extendNote} placeholder={t.credit.extendNote} value={ext.note}
            onChange={(e) => setExt({ ...ext, note: e.target.value })} data-testid="credit-ext-note" />
        </span>
      )}
    </fieldset>
  );
}

/** what the rules say today: each refusal with its article, or that he may propose; the period */
function CheckResult({ check, error }: { check: ListingCheck | null; error: AppError | null }) {
  const { t, lang } = useT();
  if (error) return <p className="field-error" role="alert" data-testid="credit-check-error">{errorText(error, lang)}</p>;
  if (!check) return <p className="muted" data-testid="credit-checking">{t.credit.checking}</p>;
  const p = check.period;
  return (
    <div className="credit-check" data-testid="credit-check">
      {check.refusals.length === 0 ? (
        <p className="ok" data-testid="credit-check-ok">{t.credit.mayPropose}</p>
      ) : (
        <ul className="refusals" role="alert" data-testid="credit-refusals">
          {check.refusals.map((r) => (
            <li key={r.code} data-testid={`credit-refusal-${r.code}`}>{sayText(r, lang)} <span className="muted small">（{r.basis}）</span></li>
          ))}
        </ul>
      )}
      <p data-testid="credit-period">{p.years ? t.credit.period(p.years, p.endsOn ?? '') : t.credit.periodUntilPerformed}</p>
      <p className="muted small" data-testid="credit-owed">{t.credit.owedFrozen(formatYuanSymbol(check.outstanding), formatYuanSymbol(check.frozen))}</p>
    </div>
  );
}
