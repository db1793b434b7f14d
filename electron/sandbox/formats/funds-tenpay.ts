/** 财付通: retcode/retmsg, snake_case, amounts integer fen, dates YYYYMMDD. */
import { compactDate, withDuplicate } from './render-util';
import type { FeedbackFormatter } from './types';

export const tenpayFormatter: FeedbackFormatter = {
  channel: 'funds.tenpay',
  render({ subject, duplicate }) {
    const accounts = subject?.holdings.onlineFunds.filter((a) => a.platform === 'funds.tenpay') ?? [];
    const list = withDuplicate(accounts.map((a) => ({
      acct_id: a.accountId,
      bind_mobile: a.login,
      balance: a.balance,
      frozen_balance: Math.min(a.balance, a.freezes.reduce((s, f) => s + (f.amount ?? 0), 0)),
      freeze_list: a.freezes.map((f) => ({ court: f.court, doc_no: f.caseNumber, fee: f.amount ?? 0, expire_date: compactDate(f.until) })),
    })), duplicate);
    return { retcode: 0, retmsg: 'ok', total_count: list.length, list };
  },
};
