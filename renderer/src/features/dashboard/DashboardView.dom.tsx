/**
 * 执行质效看板 (docs/dashboard.md): the figures of a month, quarter or year — recovered money,
 * closings and their average days against the optimum interval, 三个90%一个80%, cases near their
 * six-month limit, freezes lapsing this week, listings and removals — for the bureau and per
 * judge (a chief or the director), or for the judge's own cases. A figure, a judge's number or a
 * bar opens the cases behind it. Loaded lazily (App.dom.tsx), so the case list paints without it.
 */
import { useMemo, useState } from 'react';
import { todayCst } from '../../../../shared/dates';
import type { PeriodKind, PeriodRef } from '../../../../shared/domain/dashboard';
import { periodHolding } from '../../../../shared/rules/dashboard';
import { errorText } from '../../i18n/dict';
import { useT } from '../../store/selectors';
import { DeskBack } from '../shell/DeskBack.dom';
import { CaseDrill } from './CaseDrill.dom';
import { Chart } from './Chart.dom';
import { judgesChart, monthsChart, WAYS } from './charts';
import { FigureTiles } from './FigureTiles.dom';
import { Indicators } from './Indicators.dom';
import { JudgesTable } from './JudgesTable.dom';
import { PERIOD_LABELS, say } from './labels';
import { useDashboard, useDrill } from './use-dashboard';

const KINDS: readonly PeriodKind[] = ['month', 'quarter', 'year'];

export function DashboardView() {
  const { lang } = useT();
  const [period, setPeriod] = useState<PeriodRef>(() => {
    const p = periodHolding('year', todayCst());
    return { kind: p.kind, of: p.of };
  });
  const [draft, setDraft] = useState<PeriodRef>(period);
  const [judge, setJudge] = useState('');
  const { data, error } = useDashboard(period, judge || undefined);
  const drill = useDrill(period);
  const [judges, setJudges] = useState<{ code: string; name?: string }[]>([]);
  if (data?.scope === 'bureau' && !judge && judges.length !== data.judges.length) setJudges(data.judges.map((j) => ({ code: j.judge, ...(j.name ? { name: j.name } : {}) })));
  const charts = useMemo(() => (data ? { judges: judgesChart(data, lang), months: monthsChart(data, lang) } : null), [data, lang]);
  const pickKind = (kind: PeriodKind) => {
    const p = periodHolding(kind, todayCst());
    setDraft({ kind, of: p.of });
  };

  return (
    <main className="page desk-page" data-testid="dashboard-view">
      <div className="toolbar">
        <DeskBack />
        <h1>{say('title', lang)}</h1>
        {data && <span className="badge" data-testid="dashboard-scope">{say(data.scope === 'bureau' ? 'scopeBureau' : 'scopeOwn', lang)}</span>}
      </div>
      <form className="toolbar" onSubmit={(e) => { e.preventDefault(); setPeriod(draft); }}>
        <label>
          {say('period', lang)}
          <select value={draft.kind} data-testid="dashboard-period-kind" onChange={(e) => pickKind(e.target.value as PeriodKind)}>
            {KINDS.map((k) => <option key={k} value={k}>{say(PERIOD_LABELS[k], lang)}</option>)}
          </select>
        </label>
        <input value={draft.of} data-testid="dashboard-period-of" placeholder={say('periodHint', lang)} aria-label={say('period', lang)}
          onChange={(e) => setDraft({ ...draft, of: e.target.value.trim() })} />
        {judges.length > 0 && (
          <label>
            {say('judge', lang)}
            <select value={judge} data-testid="dashboard-judge" onChange={(e) => setJudge(e.target.value)}>
              <option value="">{say('allJudges', lang)}</option>
              {judges.map((j) => <option key={j.code} value={j.code}>{j.name ? `${j.name}（${j.code}）` : j.code}</option>)}
            </select>
          </label>
        )}
        <button type="submit" className="btn" data-testid="dashboard-show">{say('show', lang)}</button>
      </form>
      {error && <p className="field-error" role="alert" data-testid="dashboard-error">{errorText(error, lang)}</p>}
      {!data && !error && <p className="muted">{say('loading', lang)}</p>}
      {data && charts && (
        <>
          <p className="muted" data-testid="dashboard-period">{data.period.from} — {data.period.to}</p>
          <FigureTiles d={data} lang={lang} onDrill={(x) => void drill.open({ ...x, ...(judge ? { judge } : {}) })} />
          {drill.drill && <CaseDrill drill={drill.drill} cases={drill.cases} error={drill.error} lang={lang} onClose={drill.close} />}
          <Indicators list={data.indicators} lang={lang} />
          <section className="panel">
            <h2>{say('byWay', lang)}</h2>
            <Chart option={charts.judges} testId="chart-judges" label={say('byWay', lang)}
              onBar={(i, s) => { const j = data.judges[i]; if (j) void drill.open({ figure: 'closed', judge: j.judge, way: WAYS[s] }); }} />
          </section>
          <section className="panel">
            <h2>{say('byMonth', lang)}</h2>
            <Chart option={charts.months} testId="chart-months" label={say('byMonth', lang)} />
          </section>
          <JudgesTable d={data} lang={lang} onDrill={(x) => void drill.open(x)} />
        </>
      )}
    </main>
  );
}
