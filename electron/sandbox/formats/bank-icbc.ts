/** 工商银行: a header row and rows of strings; amounts in 元; freezes packed in one cell. */
import { cstCompact, frozenAndAvailable, withDuplicate, yuan } from './render-util';
import type { FeedbackFormatter } from './types';

export const ICBC_HEAD = ['账号', '开户网点', '账户类型', '币种', '余额', '可用余额', '冻结信息'] as const;
const TYPE = { savings: '活期储蓄', time: '定期储蓄', corporate: '单位结算' } as const;

export const icbcFormatter: FeedbackFormatter = {
  channel: 'bank.icbc',
  render({ subject, duplicate, answeredAt, gatewayRef }) {
    const accounts = subject?.holdings.bankAccounts.filter((a) => a.bank === 'bank.icbc') ?? [];
    const rows = accounts.map((a) => [
      a.accountNo, a.branch, TYPE[a.type], 'CNY', yuan(a.balance), yuan(frozenAndAvailable(a.balance, a.freezes).available),
      // court/case number/amount/until, records joined by ';'
      a.freezes.map((f) => `${f.court}/${f.caseNumber}/${yuan(f.amount ?? 0)}/${f.until}`).join(';'),
    ]);
    return {
      retCode: '0',
      retMsg: rows.length ? '查询成功' : '无符合条件的记录',
      qrySeq: `ICBC${cstCompact(answeredAt)}${gatewayRef.slice(-6)}`,
      head: [...ICBC_HEAD],
      rows: withDuplicate(rows, duplicate),
    };
  },
};
