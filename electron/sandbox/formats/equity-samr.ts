/**
 * 市场监管 (企业登记): investments with subscribed contribution in 万元 (six decimals) and a percentage;
 * for a company, its key persons (法定代表人 …) with their ID numbers.
 */
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
    // a company's registration names its key persons: who a consumption restriction on it binds (docs/domain.md rule 9)
    const keyPersons = subject?.kind === 'company'
      ? [{ position: '法定代表人', name: subject.legalRepresentative.name, cerType: '居民身份证', cerNo: subject.legalRepresentative.idNumber }]
      : undefined;
    return { status: 'success', message: '', result: { entityName: subject?.name ?? '', investments, ...(keyPersons ? { keyPersons } : {}) } };
  },
};
