/** 银行理财登记托管中心: holdings with a market value as {amount, unit:"元"}; dates YYYYMMDD. */
import { compactDate, withDuplicate, yuan } from './render-util';
import type { FeedbackFormatter } from './types';

export const cwmrFormatter: FeedbackFormatter = {
  channel: 'wealth.cwmr',
  render({ subject, duplicate }) {
    const holdings = withDuplicate((subject?.holdings.wealth ?? []).map((w) => ({
      productRegCode: w.regCode,
      productName: w.productName,
      issuerName: w.issuer,
      holderAcct: w.holderAccount,
      marketValue: { amount: yuan(w.value), unit: '元' },
      maturityDate: compactDate(w.maturesOn),
    })), duplicate);
    return { resultCode: '0000', resultMsg: holdings.length ? '成功' : '无记录', data: { holdings } };
  },
};
