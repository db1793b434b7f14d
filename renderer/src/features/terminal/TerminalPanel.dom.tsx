/**
 * 终本 on the case workspace (docs/domain.md rule 12): the five conditions, each with the records it
 * rests on and what is still missing; the judge's proposal (his password signs it); the chief's or
 * director's approval or refusal; the ruling; the six-monthly re-query runs with their 查询结果告知书;
 * and, for a case closed as 终本, one-click 执恢.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AppError } from '../../../../shared/errors';
import type { TerminalView } from '../../../../shared/domain/terminal';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { api } from '../../store/api-holder';
import { useT } from '../../store/selectors';

type Busy = 'propose' | 'approve' | 'refuse' | 'resume' | 'listing' | null;

export function TerminalPanel({ caseId }: { caseId: string }) {
  const { t, lang } = useT();
  const officer = useAppStore((s) => s.officer);
  const openDocument = useAppStore((s) => s.openDocument);
  const openCase = useAppStore((s) => s.openCase);
  const [view, setView] = useState<TerminalView | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [pin, setPin] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState<Busy>(null);
  const w = (x: { zh: string; en: string }) => (lang === 'zh' ? x.zh : x.en);

  const load = useCallback(async () => {
    const r = await api().terminal.view({ caseId });
    if (r.ok) setView(r.value);
    else setError(r.error);
  }, [caseId]);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (kind: Exclude<Busy, null>, f: () => Promise<{ ok: true } | { ok: false; error: AppError }>) => {
    setBusy(kind);
    setError(null);
    const r = await f();
    setBusy(null);
    if (!r.ok) return setError(r.error);
    setPin('');
    await load();
  };

  if (!view) return <div className="empty" data-testid="terminal-loading" role={error ? 'alert' : 'status'}>{error ? errorText(error, lang) : t.terminal.loading}</div>;
  const closing = view.closing;
  const senior = officer?.role === 'chief' || officer?.role === 'director';
  const canPropose = officer?.role === 'judge' && view.caseStatus === 'open' && closing?.state !== 'proposed';
  const canApprove = senior && closing?.state === 'proposed' && closing.proposedBy !== officer?.code;
  const canResume = officer?.role === 'judge' && view.caseStatus === 'terminal' && !view.resumed;
  const canRecordReason = officer?.role === 'judge' && view.caseStatus === 'open' && closing?.state !== 'proposed';
  const readyText = view.caseStatus === 'terminal' ? t.terminal.closedAs : view.caseStatus === 'closed' ? t.terminal.closedOtherwise : view.checklist.ready ? t.terminal.ready : t.terminal.notReady;
  const pinField = (
    <label className="field">
      <span>{t.terminal.pin}</span>
      <input type="password" data-testid="terminal-pin" value={pin} autoComplete="current-password" onChange={(e) => setPin(e.target.value)} />
    </label>
  );

  return (
    <section className="terminal-panel" data-testid="terminal-panel" aria-label={t.terminal.title}>
      <h2>{t.terminal.title}</h2>
      <p className="small" data-testid="terminal-ready" data-state={view.caseStatus}>{readyText} · {view.checklist.basis}</p>
      <ol className="terminal-checklist" data-testid="terminal-checklist">
        {view.checklist.conditions.map((k) => (
          <li key={k.id} data-testid={`terminal-cond-${k.id}`} data-met={k.met}>
            <strong>{k.met ? '✔' : '✘'} {w(k.title)}</strong>
            <ul>
              {k.facts.map((f, i) => (
                <li key={`f${i}`} className="small">
                  {w(f)}
                  {f.source && <span className="muted" data-testid={`terminal-source-${k.id}-${i}`}> （{t.terminal.sources[f.source.kind] ?? f.source.kind}）</span>}
                </li>
              ))}
              {k.missing.map((m, i) => (
                <li key={`m${i}`} className="field-error" data-testid={`terminal-missing-${k.id}-${i}`}>
                  {w(m)}
                  {m.listingReasonFor && canRecordReason && (
                    <ListingReasonForm partyId={m.listingReasonFor} busy={busy !== null}
                      onSave={(r) => void act('listing', () => api().terminal.recordListingReason({ caseId, partyId: m.listingReasonFor!, reason: r }))} />
                  )}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>

      {closing && (
        <p data-testid="terminal-closing-state">
          {t.terminal.states[closing.state]} · {t.terminal.proposedBy(closing.proposedBy)}
          {closing.decidedBy && ` · ${t.terminal.decidedBy(closing.decidedBy)}`}
          {closing.refusal && ` · ${closing.refusal}`}
          {closing.documentId && ' '}
          {closing.documentId && (
            <button type="button" className="link small" data-testid="terminal-ruling" onClick={() => void openDocument(closing.documentId!)}>{t.terminal.ruling}</button>
          )}
        </p>
      )}

      {canPropose && (
        <div className="terminal-actions">
          {pinField}
          <button type="button" className="btn" data-testid="terminal-propose" disabled={!pin || busy !== null}
            onClick={() => void act('propose', () => api().terminal.propose({ caseId, pin }))}>{t.terminal.propose}</button>
        </div>
      )}
      {canApprove && (
        <div className="terminal-actions">
          {pinField}
          <button type="button" className="btn" data-testid="terminal-approve" disabled={!pin || busy !== null}
            onClick={() => void act('approve', () => api().terminal.approve({ caseId, closingId: closing.id, decision: 'approve', pin }))}>{t.terminal.approve}</button>
          <input type="text" data-testid="terminal-refuse-reason" placeholder={t.terminal.refuseReason} value={reason} onChange={(e) => setReason(e.target.value)} />
          <button type="button" className="btn btn-quiet" data-testid="terminal-refuse" disabled={!pin || !reason.trim() || busy !== null}
            onClick={() => void act('refuse', () => api().terminal.approve({ caseId, closingId: closing.id, decision: 'refuse', reason, pin }))}>{t.terminal.refuse}</button>
        </div>
      )}

      {view.job && (
        <p className="small" data-testid="terminal-job">
          {t.terminal.job}：{t.jobs.states[view.job.state] ?? view.job.state} · {t.jobs.runs(view.job.runs)}
          {view.job.state === 'queued' && ` · ${t.jobs.nextRun} ${view.job.runAt.slice(0, 10)}`}
        </p>
      )}
      {view.runs.length > 0 && <RequeryRuns runs={view.runs} />}
      {canResume && (
        <button type="button" className="btn" data-testid="terminal-resume" disabled={busy !== null} title={t.terminal.resumeTitle}
          onClick={() => void act('resume', () => api().terminal.resume({ caseId }))}>{t.terminal.resume}</button>
      )}
      {view.resumed && (
        <p data-testid="terminal-resumed">
          {t.terminal.resumedInto(view.resumed.number)}
          <button type="button" className="link small" data-testid="terminal-open-resumed" onClick={() => void openCase(view.resumed!.caseId)}>{t.terminal.open}</button>
        </p>
      )}
      {error && <p className="field-error" role="alert" data-testid="terminal-error">{errorText(error, lang)}</p>}
    </section>
  );
}

/** The judge's reason the dishonest list does not apply to a debtor (an exclusion of rule 8), where the listing condition is unmet. */
function ListingReasonForm({ partyId, busy, onSave }: { partyId: string; busy: boolean; onSave: (reason: string) => void }) {
  const { t } = useT();
  const [reason, setReason] = useState('');
  const ok = reason.trim().length >= 4;
  return (
    <span className="inline-form" data-testid={`terminal-listing-reason-${partyId}`}>
      <input type="text" aria-label={t.terminal.listingReason} placeholder={t.terminal.listingReason} maxLength={500} value={reason}
        data-testid={`terminal-listing-reason-input-${partyId}`} onChange={(e) => setReason(e.target.value)} />
      <button type="button" className="btn btn-small" disabled={!ok || busy} title={ok ? undefined : t.terminal.listingReasonShort}
        data-testid={`terminal-listing-reason-save-${partyId}`} onClick={() => onSave(reason.trim())}>{t.terminal.listingReasonSave}</button>
    </span>
  );
}

/** The re-query runs: when, what was found, and the 查询结果告知书 each made. */
function RequeryRuns({ runs }: { runs: TerminalView['runs'] }) {
  const { t } = useT();
  const openDocument = useAppStore((s) => s.openDocument);
  return (
    <table className="table" data-testid="terminal-runs">
      <thead><tr><th>{t.terminal.run}</th><th>{t.terminal.ranAt}</th><th>{t.terminal.found}</th><th>{t.terminal.notice}</th></tr></thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.id} data-testid={`terminal-run-${r.run}`}>
            <td>{r.run}</td>
            <td>{r.ranAt.slice(0, 10)}</td>
            <td>{r.newAssets.length ? r.newAssets.map((a) => a.description).join('；') : t.terminal.nothingNew}</td>
            <td>{r.documentId && <button type="button" className="link small" onClick={() => void openDocument(r.documentId!)}>{t.terminal.notice}</button>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
