/** The scope's figures as tiles; a click on one opens the cases behind it. */
import { formatYuanSymbol } from '../../../../shared/money';
import type { Dashboard, FigureKey } from '../../../../shared/domain/dashboard';
import type { Lang } from '../../i18n/dict';
import type { Drill } from './use-dashboard';
import { FIGURE_LABELS, say } from './labels';

const TILES: readonly FigureKey[] = ['recovered', 'closed', 'closedInLimit', 'closedPastLimit', 'nearLimit', 'freezesLapsing', 'listed', 'removed'];

export function FigureTiles({ d, lang, onDrill }: { d: Dashboard; lang: Lang; onDrill: (x: Drill) => void }) {
  const avg = d.total.avgClosingDays;
  const inOptimum = avg !== null && avg >= d.optimum.low && avg <= d.optimum.high;
  return (
    <div className="dashboard-tiles" data-testid="dashboard-tiles">
      {TILES.map((k) => (
        <button key={k} type="button" className="dashboard-tile" data-testid={`figure-${k}`} onClick={() => onDrill({ figure: k })}>
          <span className="muted">{say(FIGURE_LABELS[k], lang)}{k === 'freezesLapsing' ? `（${say('weekTo', lang)} ${d.weekEnd}）` : ''}</span>
          <strong>{k === 'recovered' ? formatYuanSymbol(d.total.recovered) : d.total[k]}</strong>
        </button>
      ))}
      <div className="dashboard-tile" data-testid="figure-avgClosingDays">
        <span className="muted">{say('avgDays', lang)}</span>
        <strong>{avg ?? say('none', lang)}</strong>
        <span className={inOptimum ? 'badge' : 'badge badge-warn'} data-testid="avg-optimum">
          {say('optimum', lang)} {d.optimum.low}–{d.optimum.high}
          {avg !== null && `，${say(inOptimum ? 'inOptimum' : 'outOptimum', lang)}`}
        </span>
      </div>
    </div>
  );
}
