/** 财付通 feedback: retcode/retmsg, snake_case, integer fen, dates YYYYMMDD. */
import type { ChannelAdapter } from '../types';
import { dedupeAssets } from './bank-common';
import { findings, freeze } from './findings';
import { Strict } from './strict';

const s = new Strict('funds.tenpay');

export const tenpayAdapter: ChannelAdapter = {
  channel: 'funds.tenpay',
  limits: { concurrency: 8, ratePerSecond: 20, timeoutMs: 8_000, pollIntervalMs: 300, maxPolls: 30, maxAttempts: 4 },
  queryParams: () => ({ includeFreezes: true }),
  normalize(feedback) {
    const fb = s.obj(feedback, 'feedback');
    s.literal(fb.retcode, 0, 'retcode');
    const list = s.arr(fb.list, 'list');
    s.count(s.int(fb.total_count, 'total_count'), list.length, 'total_count');
    const assets = list.map((x, i) => {
      const p = `list[${i}]`;
      const a = s.obj(x, p);
      const balance = s.fen(a.balance, `${p}.balance`);
      const frozen = s.fen(a.frozen_balance, `${p}.frozen_balance`);
      if (frozen > balance) s.fail(`${p}.frozen_balance`, 'exceeds the balance');
      return {
        kind: 'online_funds' as const,
        institution: '财付通支付科技有限公司',
        identifier: s.text(a.acct_id, `${p}.acct_id`),
        description: `微信支付账户 ${s.text(a.bind_mobile, `${p}.bind_mobile`)}`,
        value: balance,
        available: balance - frozen,
        existingFreezes: s.arr(a.freeze_list, `${p}.freeze_list`).map((y, j) => {
          const q = `${p}.freeze_list[${j}]`;
          const f = s.obj(y, q);
          return freeze(s.text(f.court, `${q}.court`), s.text(f.doc_no, `${q}.doc_no`), s.fen(f.fee, `${q}.fee`), s.date(f.expire_date, 'compact', `${q}.expire_date`));
        }),
      };
    });
    return findings({ assets: dedupeAssets(s, assets) });
  },
};
