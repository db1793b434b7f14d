/** The figures per judge; each number opens that judge's cases behind it. */
import { formatYuanSymbol } from '../../../../shared/money';
import type { Dashboard, FigureKey } from '../../../../shared/domain/dashboard';
import type { Lang } from '../../i18n/dict';
import type { Drill } from './use-dashboard';
import { FIGURE_LABELS, say } from './labels';

const COLUMNS: readonly FigureKey[] = ['recovered', 'closed', 'closedInLimit', 'nearLimit', 'freezesLapsing', 'listed', 'removed'];

export function JudgesTable({ d, lang, onDrill }: { d: Dashboard; lang: Lang; onDrill: (x: Drill) => void }) {
  return (
    <section className="panel" data-testid="dashboard-judges">
      <h2>{say('byJudge', lang)}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{say('judge', lang)}</th>
            {COLUMNS.map((k) => <th key={k} scope="col">{say(FIGURE_LABELS[k], lang)}</th>)}
            <th scope="col">{say('avgDays', lang)}</th>
          </tr>
        </thead>
        <tbody>
          {d.judges.map((j) => (
            <tr key={j.judge} data-testid={`judge-${j.judge}`}>
              <th scope="row">{j.name ? `${j.name}（${j.judge}）` : j.judge}</th>
              {COLUMNS.map((k) => (
                <td key={k}>
                  <button type="button" className="btn btn-quiet" data-testid={`judge-${j.judge}-${k}`} onClick={() => onDrill({ figure: k, judge: j.judge })}>
                    {k === 'recovered' ? formatYuanSymbol(j.recovered) : j[k]}
                  </button>
                </td>
              ))}
              <td>{j.avgClosingDays ?? say('none', lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
