/** 民政 (婚姻登记): records with both parties; opType IA 结婚登记, IB 离婚登记; dates YYYYMMDD. */
import { compactDate, withDuplicate } from './render-util';
import type { FeedbackFormatter } from './types';

export const civilAffairsFormatter: FeedbackFormatter = {
  channel: 'civilaffairs.mca',
  render({ subject, duplicate }) {
    const records = subject && subject.kind === 'person'
      ? subject.holdings.marriages.map((m) => {
        const self = { name: subject.name, id: subject.idNumber };
        const spouse = { name: m.spouseName, id: m.spouseIdNumber };
        const [male, female] = subject.sex === 'M' ? [self, spouse] : [spouse, self];
        return {
          opType: m.type === '结婚登记' ? 'IA' : 'IB', regDate: compactDate(m.date), regOrg: m.office,
          maleName: male.name, maleIdNum: male.id, femaleName: female.name, femaleIdNum: female.id,
        };
      })
      : [];
    return { resCode: '0', resMsg: '', marriageRecords: withDuplicate(records, duplicate) };
  },
};
