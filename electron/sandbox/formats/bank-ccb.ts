/** 建设银行: pinyin-abbreviation keys (ZH 账号, ZHYE 账户余额 …); amounts as 分 strings; dates YYYYMMDD. */
import { compactDate, frozenAndAvailable, withDuplicate } from './render-util';
import type { FeedbackFormatter } from './types';

/** 账户类别 code table */
export const CCB_ZHLB = { savings: '01', time: '02', corporate: '03' } as const;

export const ccbFormatter: FeedbackFormatter = {
  channel: 'bank.ccb',
  render({ subject, duplicate }) {
    const accounts = subject?.holdings.bankAccounts.filter((a) => a.bank === 'bank.ccb') ?? [];
    const zhxx = withDuplicate(accounts.map((a) => ({
      ZH: a.accountNo,
      KHWD: a.branch,
      ZHLB: CCB_ZHLB[a.type],
      BZ: '156',
      ZHYE: String(a.balance),
      KYYE: String(frozenAndAvailable(a.balance, a.freezes).available),
      DJXX: a.freezes.map((f) => ({ DJJG: f.court, DJWH: f.caseNumber, DJJE: String(f.amount ?? 0), DJJZRQ: compactDate(f.until) })),
    })), duplicate);
    return { FHDM: '000000', FHXX: '交易成功', CXJG: { JLS: String(zhxx.length), ZHXX: zhxx } };
  },
};
