/**
 * The dashboard's words, zh-CN first (docs/dashboard.md says what each figure is and how it is
 * counted). Kept with the feature: the figures are named here once, for the tiles, the judges'
 * table, the charts and the drill-down's title alike.
 */
import type { FigureKey, IndicatorKey, PeriodKind } from '../../../../shared/domain/dashboard';
import type { Lang } from '../../i18n/dict';

type L = { zh: string; en: string };

export const FIGURE_LABELS: Record<FigureKey, L> = {
  recovered: { zh: '执行到位金额', en: 'Recovered' },
  closed: { zh: '结案数', en: 'Closed' },
  closedInLimit: { zh: '法定期限内实际执结', en: 'Actually closed in time' },
  closedPastLimit: { zh: '超期实际执结', en: 'Actually closed late' },
  nearLimit: { zh: '临近6个月审限', en: 'Near the 6-month limit' },
  freezesLapsing: { zh: '本周到期冻结', en: 'Freezes lapsing this week' },
  listed: { zh: '纳入失信名单', en: 'Put on the dishonest list' },
  removed: { zh: '删除失信信息', en: 'Removed from the list' },
};

export const INDICATOR_LABELS: Record<IndicatorKey, L> = {
  inLimit: { zh: '有财产可供执行案件法定期限内实际执结率', en: 'Cases with property actually closed within the legal limit' },
  terminalQuality: { zh: '终本合格率', en: '终本 closings passing review' },
  petitions: { zh: '执行信访案件办结率', en: 'Enforcement petitions resolved' },
  overall: { zh: '三年整体执结率（终本结案 + 法定期限内实际执结）', en: 'Overall closing rate over three years (终本 + closed in time)' },
};

export const PERIOD_LABELS: Record<PeriodKind, L> = {
  month: { zh: '月', en: 'Month' },
  quarter: { zh: '季度', en: 'Quarter' },
  year: { zh: '年', en: 'Year' },
};

const W = {
  nav: { zh: '执行质效', en: 'Dashboard' },
  navTitle: { zh: '执行质效看板：到位金额、结案、审限、三个90%一个80%', en: 'Enforcement dashboard: recovered, closings, time limits, the SPC’s indicators' },
  title: { zh: '执行质效看板', en: 'Enforcement dashboard' },
  scopeBureau: { zh: '全局', en: 'Bureau' },
  scopeOwn: { zh: '本人承办的案件', en: 'My cases' },
  judge: { zh: '法官', en: 'Judge' },
  allJudges: { zh: '全部法官', en: 'All judges' },
  period: { zh: '统计期间', en: 'Period' },
  periodHint: { zh: '如 2026-11、2026-Q4、2026', en: 'e.g. 2026-11, 2026-Q4, 2026' },
  show: { zh: '统计', en: 'Show' },
  loading: { zh: '正在统计…', en: 'Counting…' },
  avgDays: { zh: '平均结案用时（天）', en: 'Average days to close' },
  optimum: { zh: '区间最优值', en: 'optimum interval' },
  inOptimum: { zh: '在区间内', en: 'within the interval' },
  outOptimum: { zh: '不在区间内', en: 'outside the interval' },
  none: { zh: '—', en: '—' },
  indicators: { zh: '三个90%一个80%', en: 'The SPC’s 三个90%一个80%' },
  goal: { zh: '目标', en: 'goal' },
  notCounted: { zh: '不作计算', en: 'not counted' },
  byJudge: { zh: '各法官', en: 'Per judge' },
  byMonth: { zh: '按月到位金额与结案', en: 'Recovered and closed by month' },
  byWay: { zh: '结案方式', en: 'Ways of closing' },
  drillTitle: { zh: '案件', en: 'Cases' },
  drillClose: { zh: '关闭', en: 'Close' },
  drillEmpty: { zh: '没有案件', en: 'No cases' },
  caseNumber: { zh: '案号', en: 'Case number' },
  parties: { zh: '当事人', en: 'Parties' },
  filedOn: { zh: '立案日期', en: 'Filed' },
  closedOn: { zh: '结案日期', en: 'Closed' },
  closing: { zh: '结案方式', en: 'Closing' },
  weekTo: { zh: '至', en: 'to' },
} satisfies Record<string, L>;

export type Word = keyof typeof W;

export const say = (w: Word | L, lang: Lang): string => {
  const l = typeof w === 'string' ? W[w] : w;
  return lang === 'zh' ? l.zh : l.en;
};
