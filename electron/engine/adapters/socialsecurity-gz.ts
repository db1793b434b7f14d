/** 人社 feedback: rows with Chinese keys; 缴费基数 in 元; 首次参保年月 YYYYMM. Amount: the contribution base. */
import type { ChannelAdapter } from '../types';
import { fenToYuanString } from '../../../shared/money';
import { findings, type FoundInfo } from './findings';
import { dedupe, Strict } from './strict';

const s = new Strict('socialsecurity.gz');

export const socialSecurityAdapter: ChannelAdapter = {
  channel: 'socialsecurity.gz',
  limits: { concurrency: 3, ratePerSecond: 4, timeoutMs: 12_000, pollIntervalMs: 1_500, maxPolls: 30, maxAttempts: 4 },
  queryParams: () => ({}),
  normalize(feedback) {
    const fb = s.obj(feedback, 'feedback');
    s.literal(fb.success, true, 'success');
    const rows = s.arr(fb.rows, 'rows');
    s.count(s.int(fb.total, 'total'), rows.length, 'total');
    const info = rows.map((x, i): FoundInfo => {
      const p = `rows[${i}]`;
      const r = s.obj(x, p);
      const base = s.yuan(r['缴费基数'], `${p}.缴费基数`);
      const since = s.str(r['首次参保年月'], `${p}.首次参保年月`);
      if (!/^\d{4}(0[1-9]|1[0-2])$/.test(since)) s.fail(`${p}.首次参保年月`, 'not YYYYMM');
      return {
        kind: 'social_security',
        summary: `${s.text(r['险种'], `${p}.险种`)}，参保单位 ${s.text(r['参保单位'], `${p}.参保单位`)}，缴费基数 ${fenToYuanString(base)}元，` +
          `${s.oneOf(r['参保状态'], ['参保缴费', '暂停缴费', '终止参保'], `${p}.参保状态`)}，首次参保 ${since.slice(0, 4)}-${since.slice(4)}`,
        amount: base,
      };
    });
    return findings({ info: dedupe(s, info, (r) => JSON.stringify(r), 'rows') });
  },
};
