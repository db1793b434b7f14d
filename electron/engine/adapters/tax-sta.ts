/** 税务 feedback: Data.JNXX rows (SSND 所属年度, ZSXM 征收项目, SJJE 实缴金额 元, ZGSWJG 主管税务机关). */
import type { ChannelAdapter } from '../types';
import { fenToYuanString } from '../../../shared/money';
import { findings, type FoundInfo } from './findings';
import { dedupe, Strict } from './strict';

const s = new Strict('tax.sta');

export const taxAdapter: ChannelAdapter = {
  channel: 'tax.sta',
  limits: { concurrency: 3, ratePerSecond: 4, timeoutMs: 15_000, pollIntervalMs: 2_000, maxPolls: 30, maxAttempts: 4 },
  queryParams: () => ({ years: 3 }),
  normalize(feedback) {
    const fb = s.obj(feedback, 'feedback');
    s.literal(fb.Code, '00', 'Code');
    const info = s.arr(s.obj(fb.Data, 'Data').JNXX, 'Data.JNXX').map((x, i): FoundInfo => {
      const p = `Data.JNXX[${i}]`;
      const r = s.obj(x, p);
      const year = s.str(r.SSND, `${p}.SSND`);
      if (!/^\d{4}$/.test(year)) s.fail(`${p}.SSND`, 'not a year');
      const paid = s.yuan(r.SJJE, `${p}.SJJE`);
      return { kind: 'tax', summary: `${year}年度 ${s.text(r.ZSXM, `${p}.ZSXM`)} 实缴 ${fenToYuanString(paid)}元（${s.text(r.ZGSWJG, `${p}.ZGSWJG`)}）`, amount: paid };
    });
    return findings({ info: dedupe(s, info, (r) => JSON.stringify(r), 'Data.JNXX') });
  },
};
