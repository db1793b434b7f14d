/** One page of audit entries, newest first: number, time, officer, action, case, basis and what it recorded. */
import type { AuditEntry } from '../../../../shared/domain/types';
import { useT } from '../../store/selectors';
import { formatWhen } from '../../ui/format';

/** The label of an action: its own, or that of the nearest family it belongs to ('measure.freeze.executed' → 'measure'). */
export function actionLabel(code: string, labels: Record<string, string>): string | undefined {
  for (let c = code; c; c = c.includes('.') ? c.slice(0, c.lastIndexOf('.')) : '') if (labels[c]) return labels[c];
  return undefined;
}

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t } = useT();
  return (
    <div className="panel audit-panel">
      <table className="table" data-testid="audit-list">
        <thead>
          <tr>
            <th scope="col" className="num">{t.audit.seq}</th>
            <th scope="col">{t.audit.at}</th>
            <th scope="col">{t.audit.who}</th>
            <th scope="col">{t.audit.what}</th>
            <th scope="col">{t.audit.caseCol}</th>
            <th scope="col">{t.audit.basis}</th>
            <th scope="col">{t.audit.detail}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq} data-testid={`audit-row-${e.seq}`} data-action={e.action}>
              <td className="num mono">{e.seq}</td>
              <td className="nowrap">{formatWhen(e.at)}</td>
              <td className="mono nowrap">{e.officer}</td>
              <td>
                {actionLabel(e.action, t.audit.actions) ?? e.action}
                <div className="muted small mono">{e.action}</div>
              </td>
              <td className="mono nowrap">{e.caseNumber ?? '—'}</td>
              <td className="small">{e.legalBasis ?? '—'}</td>
              <td className="muted small mono audit-detail">
                {e.subject && <div>{e.subject}</div>}
                {e.detail !== '{}' && <div>{e.detail}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
