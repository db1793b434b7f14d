/**
 * 履行情况 (docs/domain.md rule 8, "Refusing or unable"): per debtor, one timeline across the case's
 * records (dates in China Standard Time, money in yuan), the proposal — 失信, 失能 or 积极履行 — with
 * every fact it rests on and those against, each naming its record, and the judge's confirmation or
 * override with his reason. Main decides who may confirm; nothing here acts on the debtor.
 */
import { useCallback, useEffect, useState } from 'react';
import { ACTS } from '../../../../shared/authority/matrix';
import { formatCstDateTime } from '../../../../shared/dates';
import type { DebtorConduct } from '../../../../shared/domain/terminal';
import type { AppError } from '../../../../shared/errors';
import { formatYuan } from '../../../../shared/money';
import { CONDUCT_CLASSES, CONDUCT_LABELS, type ConductClass, type TimelineEvent } from '../../../../shared/rules/conduct';
import type { Fact, SourceRef } from '../../../../shared/rules/terminal';
import { errorText } from '../../i18n/dict';
import { api } from '../../store/api-holder';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import type { WorkspaceTab } from '../../store/slices/ui';

/** a date alone is a CST day already; a time is shown in CST */
const when = (at: string) => (at.length > 10 ? formatCstDateTime(at) : at);
/** where in the workspace the record is shown */
const TAB_OF: Partial<Record<SourceRef['kind'], WorkspaceTab>> = { asset: 'query', request: 'query', finding: 'query', measure: 'deduct', payment: 'deduct' };

function Source({ s }: { s: SourceRef }) {
  const { t } = useT();
  const setTab = useAppStore((x) => x.setWorkspaceTab);
  const label = `${t.conduct.sources[s.kind] ?? s.kind} ${s.id.slice(0, 8)}`;
  const tab = TAB_OF[s.kind];
  return tab
    ? <button type="button" className="link small" data-testid={`conduct-source-${s.id}`} onClick={() => setTab(tab)}>{label}</button>
    : <span className="small" data-testid={`conduct-source-${s.id}`}>{label}</span>;
}

function Facts({ title, facts, id }: { title: string; facts: Fact[]; id: string }) {
  const { lang } = useT();
  if (!facts.length) return null;
  return (
    <div data-testid={id}>
      <h4>{title}</h4>
      <ul>{facts.map((f, i) => <li key={i}>{f[lang]} {f.source && <Source s={f.source} />}</li>)}</ul>
    </div>
  );
}

function Timeline({ events }: { events: TimelineEvent[] }) {
  const { t, lang } = useT();
  if (!events.length) return <p className="empty" data-testid="conduct-empty">{t.conduct.none}</p>;
  return (
    <table className="table" data-testid="conduct-timeline">
      <tbody>
        {events.map((e, i) => (
          <tr key={i} data-testid={`conduct-event-${e.kind}`}>
            <td>{when(e.at)}</td>
            <td>{t.conduct.kinds[e.kind] ?? e.kind}</td>
            <td>{e.words[lang]}</td>
            <td className="num">{e.amount !== undefined ? formatYuan(e.amount) : ''}</td>
            <td><Source s={e.source} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Decide({ conduct, onDone }: { conduct: DebtorConduct; onDone: (c: DebtorConduct) => void }) {
  const { t, lang } = useT();
  const caseId = useAppStore((s) => s.currentCaseId);
  const proposed = conduct.assessment.proposed;
  const [choice, setChoice] = useState<ConductClass>(proposed ?? 'unable');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const send = async () => {
    if (!caseId) return;
    setError(null);
    const r = await api().conduct.confirm({ caseId, partyId: conduct.partyId, classification: choice, ...(reason.trim() ? { reason } : {}) });
    if (r.ok) {
      setReason('');
      onDone(r.value);
    } else setError(r.error);
  };
  return (
    <div className="conduct-decide">
      <label>
        {t.conduct.decide}{' '}
        <select data-testid="conduct-choice" value={choice} onChange={(e) => setChoice(e.target.value as ConductClass)}>
          {CONDUCT_CLASSES.map((k) => <option key={k} value={k}>{CONDUCT_LABELS[k][lang]}</option>)}
        </select>
      </label>
      <label>
        {t.conduct.reason}
        <textarea data-testid="conduct-reason" value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
      </label>
      <button type="button" className="btn btn-primary" data-testid="conduct-confirm" onClick={() => void send()}>
        {choice === proposed ? t.conduct.confirm : t.conduct.override}
      </button>
      {error && <p className="field-error" role="alert" data-testid="conduct-error">{errorText(error, lang)}</p>}
    </div>
  );
}

function DebtorConductView({ caseId, partyId }: { caseId: string; partyId: string }) {
  const { t, lang } = useT();
  const role = useAppStore((s) => s.officer?.role);
  const [conduct, setConduct] = useState<DebtorConduct | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const load = useCallback(async () => {
    const r = await api().conduct.timeline({ caseId, partyId });
    if (r.ok) setConduct(r.value);
    else setError(r.error);
  }, [caseId, partyId]);
  useEffect(() => {
    void load();
  }, [load]);
  if (error) return <p className="field-error" role="alert" data-testid="conduct-load-error">{errorText(error, lang)}</p>;
  if (!conduct) return <p role="status">{t.conduct.loading}</p>;
  const a = conduct.assessment;
  const review = conduct.review;
  return (
    <section data-testid={`conduct-${partyId}`}>
      <p data-testid="conduct-proposed">
        <strong>{t.conduct.proposed}：</strong>{a.proposed ? CONDUCT_LABELS[a.proposed][lang] : t.conduct.noProposal}
      </p>
      <Facts title={t.conduct.grounds} facts={a.grounds} id="conduct-grounds" />
      <Facts title={t.conduct.against} facts={a.against} id="conduct-against" />
      {review
        ? <p data-testid="conduct-review">{CONDUCT_LABELS[review.decided][lang]} — {t.conduct.review(review.decidedBy, formatCstDateTime(review.decidedAt))}{review.reason ? `：${review.reason}` : ''}</p>
        : <p className="small" data-testid="conduct-unconfirmed">{t.conduct.unconfirmed}</p>}
      {/* main decides (the case's judge only); the form is not offered to a role that never may */}
      {role && (ACTS['conduct.confirm'].roles as readonly string[]).includes(role) && <Decide conduct={conduct} onDone={setConduct} />}
      <h4>{t.conduct.timeline}</h4>
      <Timeline events={a.timeline} />
    </section>
  );
}

export function ConductPanel() {
  const { t } = useT();
  const detail = useAppStore((s) => s.currentCase);
  const debtors = detail?.parties.filter((p) => p.role === 'debtor') ?? [];
  const [partyId, setPartyId] = useState<string | undefined>(debtors[0]?.id);
  if (!detail || !partyId) return null;
  return (
    <div data-testid="conduct-panel">
      <h3>{t.conduct.title}</h3>
      {debtors.length > 1 && (
        <label>
          {t.conduct.debtor}{' '}
          <select data-testid="conduct-debtor" value={partyId} onChange={(e) => setPartyId(e.target.value)}>
            {debtors.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </label>
      )}
      <DebtorConductView key={partyId} caseId={detail.id} partyId={partyId} />
    </div>
  );
}
