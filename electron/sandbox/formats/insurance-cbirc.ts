/** 保险: policyList with money as {value, unit:"fen"}. */
import { withDuplicate } from './render-util';
import type { FeedbackFormatter } from './types';

export const insuranceFormatter: FeedbackFormatter = {
  channel: 'insurance.cbirc',
  render({ subject, duplicate }) {
    const policyList = withDuplicate((subject?.holdings.insurance ?? []).map((p) => ({
      companyName: p.insurer,
      policyNo: p.policyNo,
      productName: p.product,
      annualPremium: { value: p.annualPremium, unit: 'fen' },
      cashValue: { value: p.cashValue, unit: 'fen' },
      effectiveDate: p.effectiveOn,
      policyStatus: '有效',
    })), duplicate);
    return { responseCode: 'S0000', responseMsg: policyList.length ? '查询成功' : '无保单记录', policyList };
  },
};
