/** 市场监管 (企业登记): investments with subscribed contribution in 万元 (six decimals) and a percentage. */
import { wanYuan6, withDuplicate } from './render-util';
import type { FeedbackFormatter } from './types';

const percent = (bp: number) => `${Math.trunc(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`;

export const samrFormatter: FeedbackFormatter = {
  channel: 'equity.samr',
  render({ subject, duplicate }) {
    const investments = withDuplicate((subject?.holdings.equity ?? []).map((e) => ({
      entName: e.companyName,
      uniscid: e.companyCode,
      subConAm: wanYuan6(e.contribution),
      currency: '人民币',
      conProp: percent(e.shareBp),
      frozenInfo: e.freezes.map((f) => ({ exeCourt: f.court, docNo: f.caseNumber, frozenAm: wanYuan6(f.amount ?? 0), frozenTo: f.until })),
    })), duplicate);
    return { status: 'success', message: '', result: { entityName: subject?.name ?? '', investments } };
  },
};
