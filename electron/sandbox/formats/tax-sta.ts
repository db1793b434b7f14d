/** 税务: upper-case pinyin keys under Data; JNXX 缴纳信息 rows with SJJE 实缴金额 in 元. */
import { withDuplicate, yuan } from './render-util';
import type { FeedbackFormatter } from './types';

export const taxFormatter: FeedbackFormatter = {
  channel: 'tax.sta',
  render({ subject, duplicate }) {
    const rows = withDuplicate((subject?.holdings.tax ?? []).map((t) => ({ SSND: String(t.year), ZSXM: t.taxType, SJJE: yuan(t.paid), ZGSWJG: t.office })), duplicate);
    return { Code: '00', Msg: '成功', Data: { NSRMC: subject?.name ?? '', NSRSBH: subject?.idNumber ?? '', JNXX: rows } };
  },
};
