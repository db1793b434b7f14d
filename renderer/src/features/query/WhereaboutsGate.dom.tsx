/**
 * Whereabouts behind the judge's finding (docs/domain.md rule 10; docs/authority.md, "Purpose and gates"):
 * hotel lodging, exit and entry and the household register are not part of 一键查询. For each
 * person debtor the 承办法官 records that he refuses and evades, or is missing, with the facts;
 * then 查询下落 asks those channels for him, and the answers join the grid.
 */
import { useEffect, useState } from 'react';
import type { AppError } from '../../../../shared/errors';
import type { WhereaboutsFinding, WhereaboutsGround } from '../../../../shared/domain/types';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { api } from '../../store/api-holder';
import { useDebtors, useT } from '../../store/selectors';

export function WhereaboutsGate() {
  const { t, lang } = useT();
  const caseId = useAppStore((s) => s.queryCaseId);
  const applyRequest = useAppStore((s) => s.applyRequest);
  const persons = useDebtors().filter((p) => p.kind === 'person');
  const [findings, setFindings] = useState<WhereaboutsFinding[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const [draft, setDraft] = useState<Record<string, { ground: WhereaboutsGround; facts: string }>>({});
  useEffect(() => {
    if (!caseId) return;
    let live = true;
    void api().whereabouts.findings({ caseId }).then((r) => live && r.ok && setFindings(r.value));
    return () => {
      live = false;
    };
  }, [caseId]);
  if (!caseId || persons.length === 0) return null;

  const record = async (partyId: string) => {
    const d = draft[partyId] ?? { ground: 'evading' as const, facts: '' };
    const r = await api().whereabouts.recordFinding({ caseId, partyId, ground: d.ground, facts: d.facts });
    setError(r.ok ? null : r.error);
    if (r.ok) setFindings([r.value, ...findings]);
  };
  const ask = async (partyId: string) => {
    const r = await api().whereabouts.query({ caseId, partyId });
    setError(r.ok ? null : r.error);
    if (r.ok) for (const x of r.value.requests) applyRequest(x);
  };

  return (
    <section className="whereabouts-gate" data-testid="whereabouts-gate">
      <h3 className="section-title">{t.whereaboutsGate.title}</h3>
      <p className="muted">{t.whereaboutsGate.explain}</p>
      {persons.map((p) => {
        const f = findings.find((x) => x.partyId === p.id);
        const d = draft[p.id] ?? { ground: 'evading' as const, facts: '' };
        return (
          <div key={p.id} className="whereabouts-row" data-testid={`whereabouts-${p.id}`}>
            <strong>{p.name}</strong>{' '}
            {f ? (
              <>
                <span className="badge" data-testid={`whereabouts-finding-${p.id}`}>{t.whereaboutsGate.ground[f.ground]} · {f.recordedAt.slice(0, 10)}</span>{' '}
                <button type="button" className="btn" data-testid={`whereabouts-query-${p.id}`} onClick={() => void ask(p.id)}>{t.whereaboutsGate.query}</button>
              </>
            ) : (
              <>
                <select aria-label={t.whereaboutsGate.groundLabel} data-testid={`whereabouts-ground-${p.id}`} value={d.ground} onChange={(e) => setDraft({ ...draft, [p.id]: { ...d, ground: e.target.value as WhereaboutsGround } })}>
                  <option value="evading">{t.whereaboutsGate.ground.evading}</option>
                  <option value="missing">{t.whereaboutsGate.ground.missing}</option>
                </select>{' '}
                <input aria-label={t.whereaboutsGate.facts} placeholder={t.whereaboutsGate.facts} data-testid={`whereabouts-facts-${p.id}`} value={d.facts} maxLength={1000}
                  onChange={(e) => setDraft({ ...draft, [p.id]: { ...d, facts: e.target.value } })} />{' '}
                <button type="button" className="btn" data-testid={`whereabouts-record-${p.id}`} onClick={() => void record(p.id)}>{t.whereaboutsGate.record}</button>
              </>
            )}
          </div>
        );
      })}
      {error && <div className="field-error" role="alert" data-testid="whereabouts-error">{errorText(error, lang)}</div>}
    </section>
  );
}
