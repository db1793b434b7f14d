/** 人社: Chinese keys in rows; contribution base in 元; first month as YYYYMM. */
import { withDuplicate, yuan } from './render-util';
import type { FeedbackFormatter } from './types';

export const socialSecurityFormatter: FeedbackFormatter = {
  channel: 'socialsecurity.gz',
  render({ subject, duplicate }) {
    const rows = withDuplicate((subject?.holdings.socialSecurity ?? []).map((r) => ({
      险种: r.insurance, 参保单位: r.employer, 缴费基数: yuan(r.base), 参保状态: r.status, 首次参保年月: r.since.replace('-', ''),
    })), duplicate);
    return { success: true, total: rows.length, rows };
  },
};
