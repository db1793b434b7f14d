/**
 * 住房公积金 (Guiyang): a CSV text block with a Chinese header row; amounts in 元; CRLF lines; the last
 * column the withdrawal condition the account holder meets (住房公积金管理条例 第二十四条), or 无.
 */
import { withDuplicate, yuan } from './render-util';
import type { FeedbackFormatter } from './types';

export const PF_HEADER = '个人账号,单位名称,账户余额,月缴存额,账户状态,提取条件';

export const providentFundFormatter: FeedbackFormatter = {
  channel: 'providentfund.gy',
  render({ subject, duplicate }) {
    const rows = withDuplicate((subject?.holdings.providentFund ?? []).map((p) => [p.accountNo, p.employer, yuan(p.balance), yuan(p.monthlyDeposit), p.status, p.withdrawal ?? '无'].join(',')), duplicate);
    return { center: '贵阳住房公积金管理中心', format: 'csv', content: [PF_HEADER, ...rows].join('\r\n') + '\r\n' };
  },
};
