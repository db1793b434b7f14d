/** 招商银行: Chinese keys, amounts as "1234.56元", dates as "2027年01月01日". */
import { chineseDate, frozenAndAvailable, withDuplicate, yuan } from './render-util';
import type { FeedbackFormatter } from './types';

export const CMB_TYPE = { savings: '个人活期', time: '个人定期', corporate: '单位活期' } as const;

export const cmbFormatter: FeedbackFormatter = {
  channel: 'bank.cmb',
  render({ subject, duplicate }) {
    const accounts = subject?.holdings.bankAccounts.filter((a) => a.bank === 'bank.cmb') ?? [];
    return {
      返回码: '0000',
      返回信息: accounts.length ? '查询成功' : '未查询到账户',
      账户列表: withDuplicate(accounts.map((a) => ({
        账号: a.accountNo,
        开户机构: a.branch,
        账户性质: CMB_TYPE[a.type],
        账户余额: `${yuan(a.balance)}元`,
        可用余额: `${yuan(frozenAndAvailable(a.balance, a.freezes).available)}元`,
        冻结记录: a.freezes.map((f) => ({ 冻结机关: f.court, 冻结文书号: f.caseNumber, 冻结金额: `${yuan(f.amount ?? 0)}元`, 冻结截止日: chineseDate(f.until) })),
      })), duplicate),
    };
  },
};
