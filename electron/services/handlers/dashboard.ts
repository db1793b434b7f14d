/**
 * The bureau dashboard (IPC group `dashboard`, docs/dashboard.md). Who sees what is decided here,
 * once for both calls: a chief or the director the bureau, or one judge of it he names (act
 * dashboard.bureau; no divisions are kept, so a chief's scope is the bureau); a judge his own
 * cases only — asking for another judge's figures is refused with the reason and recorded, like
 * another officer's audit entries.
 */
import { AppFailure } from '../../../shared/app-failure';
import { todayCst } from '../../../shared/dates';
import type { Dashboard, Period, PeriodRef } from '../../../shared/domain/dashboard';
import { permits } from '../../../shared/authority/matrix';
import { CLOSING_DAYS_OPTIMUM, periodOf, weekEndOf } from '../../../shared/rules/dashboard';
import type { DashboardScope } from '../../store/dashboard';
import { recordRefusal } from '../authority';
import type { FeatureHandlers, OfficerCtx } from '../context';
import type { Deps } from '../deps';
import { byMonthOf, figuresOf, indicatorsOf, judgesOf } from '../dashboard/figures';
import { casesBehind, readRows } from '../dashboard/rows';

type Scope = DashboardScope & { scope: Dashboard['scope'] };

function scopeOf(ctx: OfficerCtx, call: string, judge: string | undefined): Scope {
  const court = ctx.officer.court;
  const bureau = permits('dashboard.bureau', ctx.officer.role, 'none');
  if (bureau.ok) return judge ? { court, assignee: judge, scope: 'judge' } : { court, scope: 'bureau' };
  // another judge's figures: refused, with the reason, and recorded
  if (judge && judge !== ctx.officer.code) throw recordRefusal(ctx, call, 'dashboard.bureau', bureau);
  return { court, assignee: ctx.officer.code, scope: 'judge' };
}

function periodFrom(p: PeriodRef): Period {
  const period = periodOf(p);
  if (!period) {
    const shape = p.kind === 'month' ? '2026-11' : p.kind === 'quarter' ? '2026-Q4' : '2026';
    throw new AppFailure('VALIDATION', { zh: `统计期间“${p.of}”无效，应写作 ${shape}`, en: `the period "${p.of}" is not valid; write it as ${shape}` }, 'period');
  }
  return period;
}

export function dashboardHandlers(d: Pick<Deps, 'now' | 'holidays'>): FeatureHandlers<'dashboard'> {
  return {
    read: ({ period: ref, judge }, ctx) => {
      const scope = scopeOf(ctx, 'dashboard.read', judge);
      const period = periodFrom(ref);
      const today = todayCst(d.now());
      const rows = readRows(ctx.store, scope, period, today, d.holidays);
      const name = (code: string) => ctx.store.officers.get(code)?.name;
      const judges = scope.scope === 'bureau' ? judgesOf(rows) : [scope.assignee!];
      return {
        scope: scope.scope, period, today, weekEnd: weekEndOf(today),
        total: figuresOf(rows, ''),
        judges: judges.map((j) => {
          const n = name(j);
          return { ...figuresOf(rows, j), ...(n ? { name: n } : {}) };
        }),
        byMonth: byMonthOf(rows),
        indicators: indicatorsOf(rows),
        optimum: { ...CLOSING_DAYS_OPTIMUM },
      };
    },
    cases: ({ period: ref, judge, figure, way }, ctx) => {
      const scope = scopeOf(ctx, 'dashboard.cases', judge);
      const ids = casesBehind(ctx.store, scope, periodFrom(ref), todayCst(d.now()), d.holidays, figure, way);
      return ctx.store.cases.list({ ids, status: 'all', limit: 500 });
    },
  };
}
