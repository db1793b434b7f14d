/** The dashboard's chart options: closings per judge by way (stacked bars), recovered by month. */
import { fenToYuanString } from '../../../../shared/money';
import { CASE_CLOSINGS, type CaseClosing } from '../../../../shared/domain/types';
import type { Dashboard } from '../../../../shared/domain/dashboard';
import type { Lang } from '../../i18n/dict';
import type { ChartOption } from './chart-setup';
import { FIGURE_LABELS, say } from './labels';

export const WAYS = Object.keys(CASE_CLOSINGS) as CaseClosing[];

export function judgesChart(d: Dashboard, lang: Lang): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 32, bottom: 24 },
    xAxis: { type: 'category', data: d.judges.map((j) => j.name ?? j.judge) },
    yAxis: { type: 'value', minInterval: 1 },
    series: WAYS.map((w) => ({ name: say(CASE_CLOSINGS[w], lang), type: 'bar', stack: 'closed', data: d.judges.map((j) => j.byWay[w]) })),
  };
}

export function monthsChart(d: Dashboard, lang: Lang): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 56, right: 40, top: 32, bottom: 24 },
    xAxis: { type: 'category', data: d.byMonth.map((m) => m.month) },
    yAxis: [{ type: 'value', name: lang === 'zh' ? '元' : 'yuan' }, { type: 'value', minInterval: 1 }],
    series: [
      { name: say(FIGURE_LABELS.recovered, lang), type: 'bar', data: d.byMonth.map((m) => Number(fenToYuanString(m.recovered, false))) },
      { name: say(FIGURE_LABELS.closed, lang), type: 'bar', yAxisIndex: 1, data: d.byMonth.map((m) => m.closed) },
    ],
  };
}
