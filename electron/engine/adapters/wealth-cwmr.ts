/** 银行理财登记托管中心 feedback: market value as {amount, unit:"元"}; maturity YYYYMMDD. */
import type { ChannelAdapter } from '../types';
import { dedupeAssets } from './bank-common';
import { findings } from './findings';
import { Strict } from './strict';

const s = new Strict('wealth.cwmr');

export const cwmrAdapter: ChannelAdapter = {
  channel: 'wealth.cwmr',
  limits: { concurrency: 4, ratePerSecond: 5, timeoutMs: 15_000, pollIntervalMs: 2_000, maxPolls: 30, maxAttempts: 4 },
  queryParams: () => ({}),
  normalize(feedback) {
    const fb = s.obj(feedback, 'feedback');
    s.literal(fb.resultCode, '0000', 'resultCode');
    const assets = s.arr(s.obj(fb.data, 'data').holdings, 'data.holdings').map((x, i) => {
      const p = `data.holdings[${i}]`;
      const a = s.obj(x, p);
      const mv = s.obj(a.marketValue, `${p}.marketValue`);
      s.literal(mv.unit, '元', `${p}.marketValue.unit`);
      return {
        kind: 'wealth' as const,
        institution: s.text(a.issuerName, `${p}.issuerName`),
        identifier: s.text(a.productRegCode, `${p}.productRegCode`),
        description: `${s.text(a.productName, `${p}.productName`)}，理财账户 ${s.text(a.holderAcct, `${p}.holderAcct`)}，到期日 ${s.date(a.maturityDate, 'compact', `${p}.maturityDate`)}`,
        value: s.yuan(mv.amount, `${p}.marketValue.amount`),
        existingFreezes: [],
      };
    });
    return findings({ assets: dedupeAssets(s, assets) });
  },
};
