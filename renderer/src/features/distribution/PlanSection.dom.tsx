/**
 * The distribution plan (docs/distribution.md): the shares as they would be made now — costs first,
 * then priority claims, then the ordinary claims pro rata to the fen — the button that makes the
 * 财产分配方案, and each plan made with its document, its day of service and the last day to object.
 */
import { useState } from 'react';
import type { CaseDistribution, DistributionPlanView } from '../../../../shared/domain/distribution';
import type { AppError } from '../../../../shared/errors';
import { formatYuan } from '../../../../shared/money';
import type { DistributionPlanFigures } from '../../../../shared/rules/distribution';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { api } from '../../store/api-holder';
import { useT } from '../../store/selectors';
import { distributionWords } from './words';

function Shares({ f, names }: { f: DistributionPlanFigures; names: Record<string, string> }) {
  const { lang } = useT();
  const w = distributionWords(lang);
  return (
    <table className="grid" data-testid="distribution-shares">
      <thead><tr><th>{w.creditor}</th><th>{w.priority}</th><th>{w.claimed}</th><th>{w.paid}</th><th>{w.unpaid}</th></tr></thead>
      <tbody>
        {f.shares.map((s) => (
          <tr key={s.creditorId} data-testid={`share-${s.creditorId}`}>
            <td>{names[s.creditorId] ?? '—'}</td><td>{w.priorityLabels[s.priority]}</td>
            <td className="num">{formatYuan(s.claimed)}</td><td className="num">{formatYuan(s.paid)}</td><td className="num">{formatYuan(s.unpaid)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PlanRow({ p, caseId, today, reload }: { p: DistributionPlanView; caseId: string; today: string; reload: () => Promise<void> }) {
  const { lang } = useT();
  const w = distributionWords(lang);
  const openDocument = useAppStore((s) => s.openDocument);
  const [servedOn, setServedOn] = useState(today);
  const [error, setError] = useState<AppError | null>(null);
  const serve = async () => {
    const r = await api().distribution.recordService({ caseId, planId: p.id, servedOn });
    if (!r.ok) return setError(r.error);
    await reload();
  };
  return (
    <li data-testid={`plan-${p.id}`}>
      <button type="button" className="link small" onClick={() => void openDocument(p.document.id)}>{w.document} {p.document.number}</button>
      {' '}{formatYuan(p.figures.distributable)}{' · '}
      {p.servedOn && p.objectionsUntil
        ? <span data-testid={`plan-objections-${p.id}`}>{w.servedOn} {p.servedOn} · {w.objections(p.objectionsUntil, p.objectionsOpen ?? false)}</span>
        : (
          <span>
            {w.notServed}{' '}
            <input type="date" aria-label={w.servedOn} value={servedOn} onChange={(e) => setServedOn(e.target.value)} />
            <button type="button" className="btn" data-testid={`plan-serve-${p.id}`} onClick={() => void serve()}>{w.recordService}</button>
          </span>
        )}
      {error && <span className="field-error" role="alert">{errorText(error, lang)}</span>}
    </li>
  );
}

export function PlanSection({ data, reload }: { data: CaseDistribution; reload: () => Promise<void> }) {
  const { lang } = useT();
  const w = distributionWords(lang);
  const [error, setError] = useState<AppError | null>(null);
  const names = Object.fromEntries(data.claims.map((x) => [x.id, x.creditor]));
  const make = async () => {
    setError(null);
    const r = await api().distribution.makePlan({ caseId: data.caseId });
    if (!r.ok) return setError(r.error);
    await reload();
  };
  return (
    <div data-testid="distribution-plan">
      <h3>{w.preview}</h3>
      <Shares f={data.preview} names={names} />
      {data.preview.surplus > 0 && <p>{w.surplus(formatYuan(data.preview.surplus))}</p>}
      <button type="button" className="btn btn-primary" data-testid="plan-make" onClick={() => void make()}>{w.makePlan}</button>
      {error && <p className="field-error" role="alert" data-testid="plan-error">{errorText(error, lang)}</p>}
      {data.plans.length > 0 && (
        <>
          <h3>{w.plans}</h3>
          <ul>{data.plans.map((p) => <PlanRow key={p.id} p={p} caseId={data.caseId} today={data.today} reload={reload} />)}</ul>
        </>
      )}
    </div>
  );
}
