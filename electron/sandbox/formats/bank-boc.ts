/** 中国银行: nested envelopes (Envelope/Header/Body/…/Acct), amounts as grouped 元 strings with currency. */
import { frozenAndAvailable, withDuplicate, yuanGrouped } from './render-util';
import type { FeedbackFormatter } from './types';

export const BOC_TYPE = { savings: 'Current', time: 'Fixed', corporate: 'Corporate' } as const;

const money = (fen: number) => ({ Amt: yuanGrouped(fen), Ccy: 'CNY' });

export const bocFormatter: FeedbackFormatter = {
  channel: 'bank.boc',
  render({ subject, duplicate, answeredAt, gatewayRef }) {
    const accounts = subject?.holdings.bankAccounts.filter((a) => a.bank === 'bank.boc') ?? [];
    const acct = withDuplicate(accounts.map((a) => ({
      AcctNo: a.accountNo,
      OpenBranch: a.branch,
      AcctType: BOC_TYPE[a.type],
      Bal: money(a.balance),
      AvlBal: money(frozenAndAvailable(a.balance, a.freezes).available),
      Holds: { Hold: a.freezes.map((f) => ({ Authority: f.court, DocNo: f.caseNumber, Amt: money(f.amount ?? 0), ExpDt: f.until })) },
    })), duplicate);
    return {
      Envelope: {
        Header: { RspCode: 'BOC0000', RspMsg: 'OK', TxnTime: new Date(answeredAt).toISOString(), RefNo: gatewayRef },
        Body: { InquiryRsp: { AcctCount: acct.length, AcctList: { Acct: acct } } },
      },
    };
  },
};
