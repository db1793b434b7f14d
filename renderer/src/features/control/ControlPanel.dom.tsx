/**
 * 一键式控行踪 in the case workspace (docs/domain.md rule 10): per person debtor with a recorded
 * finding, 布控 on or off; the sightings the monitoring brought, each with its source; 一键控制 from
 * a sighting's alert (or the alert pressed in the alerts list), which sends the 协助临时控制通知书 and
 * the request to the railway police once; the request's state as they answer; and, once the debtor
 * is held, the 拘留决定书 draft with the facts it rests on.
 */
import { useCallback, useEffect, useState } from 'react';
import { SIGHTING_KIND_LABELS, type ControlRequest } from '../../../../shared/domain/control';
import type { AppError } from '../../../../shared/errors';
import type { AlertView } from '../../../../shared/ipc/groups/alerts';
import type { CaseControl } from '../../../../shared/ipc/groups/control';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { api } from '../../store/api-holder';
import { useDebtors, useT } from '../../store/selectors';
import { formatWhen } from '../../ui/format';
import { useControlFocus } from './focus';

const EMPTY: CaseControl = { subscriptions: [], sightings: [], controls: [] };

export function ControlPanel() {
  const { t, lang } = useT();
  const caseId = useAppStore((s) => s.queryCaseId);
  const alerts = useAppStore((s) => s.alerts);
  const focused = useControlFocus((s) => s.alert);
  const persons = useDebtors().filter((p) => p.kind === 'person');
  const [data, setData] = useState<CaseControl>(EMPTY);
  const [error, setError] = useState<AppError | null>(null);
  const say = (x: { zh: string; en: string }) => (lang === 'zh' ? x.zh : x.en);

  const load = useCallback(async () => {
    if (!caseId) return;
    const r = await api().control.sightings({ caseId });
    if (r.ok) setData(r.value);
  }, [caseId]);
  useEffect(() => {
    void load();
    // the police's answer, taken by the session's monitor, shows as it comes
    return api().on('control.updated', (p) => {
      if (p.control.caseId === caseId) void load();
    });
  }, [load, caseId]);
  if (!caseId || persons.length === 0) return null;

  const run = async (fn: () => Promise<{ ok: boolean; error?: AppError }>) => {
    const r = await fn();
    setError(r.ok ? null : (r.error ?? null));
    await load();
  };
  const alertOf = (ref: string): AlertView | undefined => alerts.find((a) => a.caseId === caseId && a.actionInput.sightingId === ref);
  const controlOf = (alertId: string) => data.controls.find((c) => c.alertId === alertId);
  const control = (a: AlertView) => run(() => api().control.requestControl({ caseId, alertId: a.id }));
  const showFocus = focused && focused.caseId === caseId && !focused.actionInput.sightingId && !controlOf(focused.id);

  return (
    <section className="control-panel" data-testid="control-panel">
      <h3 className="section-title">{t.control.title}</h3>
      <p className="muted">{t.control.explain}</p>
      {persons.map((p) => {
        const sub = data.subscriptions.find((s) => s.partyId === p.id && !s.endedAt);
        return (
          <div key={p.id} className="whereabouts-row" data-testid={`control-party-${p.id}`}>
            <strong>{p.name}</strong>{' '}
            <span className="badge" data-testid={`control-state-${p.id}`}>{sub ? t.control.on : t.control.off}</span>{' '}
            {sub ? (
              <button type="button" className="btn btn-small" data-testid={`control-unsubscribe-${p.id}`} onClick={() => void run(() => api().control.unsubscribe({ caseId, subscriptionId: sub.id }))}>
                {t.control.unsubscribe}
              </button>
            ) : (
              <button type="button" className="btn btn-small" data-testid={`control-subscribe-${p.id}`} onClick={() => void run(() => api().control.subscribe({ caseId, partyId: p.id }))}>
                {t.control.subscribe}
              </button>
            )}
          </div>
        );
      })}
      {showFocus && (
        <div className="whereabouts-row" data-testid="control-focus">
          <span>{say(focused.reason)}</span>{' '}
          <button type="button" className="btn btn-small btn-primary" data-testid="control-focus-request" onClick={() => void control(focused)}>{t.control.request}</button>
        </div>
      )}
      {data.sightings.length === 0 ? (
        <p className="muted" data-testid="control-no-sightings">{t.control.noSightings}</p>
      ) : (
        <ul data-testid="control-sightings">
          {data.sightings.map((s) => {
            const a = alertOf(s.ref);
            const c = a ? controlOf(a.id) : data.controls.find((x) => x.sightingRef === s.ref);
            return (
              <li key={s.ref} data-testid={`sighting-${s.ref}`}>
                <strong>{say(SIGHTING_KIND_LABELS[s.kind])}</strong> {s.place}
                <span className="muted small"> · {t.control.source}：{s.source} · {formatWhen(s.seenAt)}</span>{' '}
                {c ? (
                  <span className="badge" data-testid={`sighting-control-${s.ref}`}>{t.control.states[c.state]}</span>
                ) : (
                  <button type="button" className="btn btn-small btn-primary" disabled={!a} title={a ? undefined : t.control.noAlert} data-testid={`sighting-request-${s.ref}`} onClick={() => a && void control(a)}>
                    {t.control.request}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {data.controls.map((c) => <ControlRow key={c.id} caseId={caseId} c={c} onChange={(fn) => run(fn)} />)}
      {error && <div className="field-error" role="alert" data-testid="control-error">{errorText(error, lang)}</div>}
    </section>
  );
}

function ControlRow({ caseId, c, onChange }: { caseId: string; c: ControlRequest; onChange: (fn: () => Promise<{ ok: boolean; error?: AppError }>) => Promise<void> }) {
  const { t } = useT();
  const [facts, setFacts] = useState('');
  return (
    <div className="whereabouts-row" data-testid={`control-${c.id}`} data-state={c.state}>
      <span>{t.control.requestLabel}</span>{' '}
      <span className="badge" data-testid={`control-request-state-${c.id}`}>{t.control.states[c.state]}</span>
      {c.station && <span className="muted small"> · {c.station}</span>}{' '}
      <button type="button" className="btn btn-small" data-testid={`control-refresh-${c.id}`} onClick={() => void onChange(() => api().control.controlStatus({ caseId, controlId: c.id }))}>
        {t.control.refresh}
      </button>
      {c.state === 'controlled' && !c.detentionDocumentId && (
        <div>
          <label>
            {t.control.facts}
            <textarea data-testid={`detention-facts-${c.id}`} value={facts} onChange={(e) => setFacts(e.target.value)} />
          </label>
          <button type="button" className="btn btn-small" data-testid={`detention-draft-${c.id}`} onClick={() => void onChange(() => api().control.draftDetention({ caseId, controlId: c.id, facts }))}>
            {t.control.draftDetention}
          </button>
          <span className="muted small"> {t.control.presidentApproves}</span>
        </div>
      )}
      {c.detentionDocumentId && <span className="badge" data-testid={`detention-drafted-${c.id}`}>{t.control.drafted}</span>}
    </div>
  );
}
