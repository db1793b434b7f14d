/** 交通银行: camelCase JSON, amounts as integer fen numbers. */
import { frozenAndAvailable, withDuplicate } from './render-util';
import type { FeedbackFormatter } from './types';

export const BOCOM_TYPE = { savings: 'SAVINGS', time: 'TIME', corporate: 'CORPORATE' } as const;

export const bocomFormatter: FeedbackFormatter = {
  channel: 'bank.bocom',
  render({ subject, duplicate }) {
    const accounts = subject?.holdings.bankAccounts.filter((a) => a.bank === 'bank.bocom') ?? [];
    const list = withDuplicate(accounts.map((a) => ({
      accountNo: a.accountNo,
      branchName: a.branch,
      accountType: BOCOM_TYPE[a.type],
      currency: 'CNY',
      balanceFen: a.balance,
      availableFen: frozenAndAvailable(a.balance, a.freezes).available,
      freezes: a.freezes.map((f) => ({ courtName: f.court, docNo: f.caseNumber, frozenFen: f.amount ?? 0, expireDate: f.until })),
    })), duplicate);
    return { code: 0, message: 'success', data: { total: list.length, accounts: list } };
  },
};
