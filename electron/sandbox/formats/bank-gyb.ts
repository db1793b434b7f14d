/**
 * 贵阳银行: the payload is a JSON document inside a string; accounts and freezes come as two
 * lists joined by account number; amounts are 元 with four decimals; dates YYYY/MM/DD.
 */
import { frozenAndAvailable, slashDate, withDuplicate, yuan4 } from './render-util';
import type { FeedbackFormatter } from './types';

export const GYB_KIND = { savings: '1', time: '2', corporate: '3' } as const;

export const gybFormatter: FeedbackFormatter = {
  channel: 'bank.gyb',
  render({ subject, duplicate }) {
    const accounts = subject?.holdings.bankAccounts.filter((a) => a.bank === 'bank.gyb') ?? [];
    const acctList = withDuplicate(accounts.map((a) => ({
      acct: a.accountNo, brch: a.branch, kind: GYB_KIND[a.type],
      bal: yuan4(a.balance), avl: yuan4(frozenAndAvailable(a.balance, a.freezes).available),
    })), duplicate);
    const frzList = accounts.flatMap((a) => a.freezes.map((f) => ({ acct: a.accountNo, org: f.court, wh: f.caseNumber, amt: yuan4(f.amount ?? 0), end: slashDate(f.until) })));
    return { ret: '00', msg: '交易成功', cnt: acctList.length, payload: JSON.stringify({ acctList, frzList }) };
  },
};
