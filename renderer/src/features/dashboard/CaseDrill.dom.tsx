/** The cases behind a figure (a filtered case list): a row opens its case in the workspace. */
import { CASE_CLOSINGS, type CaseSummary } from '../../../../shared/domain/types';
import type { AppError } from '../../../../shared/errors';
import { errorText, type Lang } from '../../i18n/dict';
import { useAppStore } from '../../store';
import type { Drill } from './use-dashboard';
import { FIGURE_LABELS, say } from './labels';

export function CaseDrill({ drill, cases, error, lang, onClose }: { drill: Drill; cases: CaseSummary[] | null; error: AppError | null; lang: Lang; onClose: () => void }) {
  const openCase = useAppStore((s) => s.openCase);
  const title = [say(FIGURE_LABELS[drill.figure], lang), drill.judge, drill.way && say(CASE_CLOSINGS[drill.way], lang)].filter(Boolean).join(' · ');
  return (
    <section className="panel" data-testid="dashboard-drill" aria-label={title}>
      <div className="toolbar">
        <h2 data-testid="dashboard-drill-title">{title}{cases ? `（${cases.length}）` : ''}</h2>
        <button type="button" className="btn btn-quiet" data-testid="dashboard-drill-close" onClick={onClose}>{say('drillClose', lang)}</button>
      </div>
      {error && <p className="field-error" role="alert">{errorText(error, lang)}</p>}
      {cases && cases.length === 0 && <p className="empty">{say('drillEmpty', lang)}</p>}
      {cases && cases.length > 0 && (
        <table className="table" data-testid="dashboard-drill-list">
          <thead>
            <tr>
              <th scope="col">{say('caseNumber', lang)}</th>
              <th scope="col">{say('parties', lang)}</th>
              <th scope="col">{say('filedOn', lang)}</th>
              <th scope="col">{say('closedOn', lang)}</th>
              <th scope="col">{say('closing', lang)}</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.id} data-testid={`drill-case-${c.id}`}>
                <td>
                  <button type="button" className="btn btn-quiet" data-testid={`drill-open-${c.id}`} onClick={() => void openCase(c.id)}>{c.number}</button>
                </td>
                <td>{c.applicantName} / {c.debtorNames.join('、')}</td>
                <td>{c.filedOn}</td>
                <td>{c.closedOn ?? ''}</td>
                <td>{c.closing ? say(CASE_CLOSINGS[c.closing], lang) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
