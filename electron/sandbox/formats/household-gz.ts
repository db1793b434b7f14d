/** 户籍 (公安人口信息): rkxx 人口信息 list; hjdz 户籍地址, sspcs 所属派出所, hjqrrq 迁入日期 YYYYMMDD. */
import { compactDate, withDuplicate } from './render-util';
import type { FeedbackFormatter } from './types';

export const householdFormatter: FeedbackFormatter = {
  channel: 'household.gz',
  render({ subject, duplicate }) {
    const h = subject?.kind === 'person' ? subject.holdings.household : undefined;
    const rkxx = h && subject?.kind === 'person'
      ? [{ xm: subject.name, gmsfhm: subject.idNumber, xb: subject.sex === 'M' ? '1' : '2', hjdz: h.address, sspcs: h.policeStation, hjqrrq: compactDate(h.registeredOn) }]
      : [];
    return { fhz: '00', rkxx: withDuplicate(rkxx, duplicate) };
  },
};
