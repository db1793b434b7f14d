/**
 * 支付宝 feedback: under alipay_judicial_account_query_response; 元 strings; the platform gives the
 * available and frozen parts, so the balance is their sum (and the frozen part must equal the
 * listed freezes).
 */
import type { ChannelAdapter } from '../types';
import { dedupeAssets } from './bank-common';
import { findings, freeze } from './findings';
import { Strict } from './strict';

const s = new Strict('funds.alipay');

export const alipayAdapter: ChannelAdapter = {
  channel: 'funds.alipay',
  limits: { concurrency: 8, ratePerSecond: 20, timeoutMs: 8_000, pollIntervalMs: 300, maxPolls: 30, maxAttempts: 4 },
  queryParams: () => ({ includeFreezes: true }),
  normalize(feedback) {
    const fb = s.obj(feedback, 'feedback');
    const r = s.obj(fb.alipay_judicial_account_query_response, 'alipay_judicial_account_query_response');
    s.literal(r.code, '10000', 'code');
    const assets = s.arr(r.account_list, 'account_list').map((x, i) => {
      const p = `account_list[${i}]`;
      const a = s.obj(x, p);
      const available = s.yuan(a.available_amount, `${p}.available_amount`);
      const frozen = s.yuan(a.freeze_amount, `${p}.freeze_amount`);
      const freezes = s.arr(a.freeze_details, `${p}.freeze_details`).map((y, j) => {
        const q = `${p}.freeze_details[${j}]`;
        const f = s.obj(y, q);
        return freeze(s.text(f.court_name, `${q}.court_name`), s.text(f.doc_no, `${q}.doc_no`), s.yuan(f.amount, `${q}.amount`), s.date(f.end_date, 'iso', `${q}.end_date`));
      });
      if (freezes.reduce((t, f) => t + (f.amount ?? 0), 0) !== frozen) s.fail(`${p}.freeze_amount`, 'does not equal the listed freezes');
      return {
        kind: 'online_funds' as const,
        institution: '支付宝（中国）网络技术有限公司',
        identifier: s.text(a.user_id, `${p}.user_id`),
        description: `支付宝账户 ${s.text(a.logon_id, `${p}.logon_id`)}`,
        value: available + frozen,
        available,
        existingFreezes: freezes,
      };
    });
    return findings({ assets: dedupeAssets(s, assets) });
  },
};
