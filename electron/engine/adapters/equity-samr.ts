/**
 * 市场监管 feedback: investments with subscribed contribution in 万元 (six decimals). The value is
 * the subscribed contribution, the figure an equity freeze is expressed in.
 */
import type { ChannelAdapter } from '../types';
import { dedupeAssets } from './bank-common';
import { findings, freeze } from './findings';
import { Strict } from './strict';

const s = new Strict('equity.samr');

export const samrAdapter: ChannelAdapter = {
  channel: 'equity.samr',
  limits: { concurrency: 4, ratePerSecond: 5, timeoutMs: 15_000, pollIntervalMs: 2_000, maxPolls: 30, maxAttempts: 4 },
  queryParams: () => ({}),
  normalize(feedback) {
    const fb = s.obj(feedback, 'feedback');
    s.literal(fb.status, 'success', 'status');
    const assets = s.arr(s.obj(fb.result, 'result').investments, 'result.investments').map((x, i) => {
      const p = `result.investments[${i}]`;
      const a = s.obj(x, p);
      s.literal(a.currency, '人民币', `${p}.currency`);
      const share = s.str(a.conProp, `${p}.conProp`);
      if (!/^\d{1,3}\.\d{2}%$/.test(share)) s.fail(`${p}.conProp`, `"${share}" is not a percentage`);
      const ratioBp = Number(share.slice(0, -1).replace('.', ''));
      if (ratioBp > 10_000) s.fail(`${p}.conProp`, `"${share}" is more than 100%`);
      const name = s.text(a.entName, `${p}.entName`);
      const companyCode = s.text(a.uniscid, `${p}.uniscid`);
      const contribution = s.wanYuan6(a.subConAm, `${p}.subConAm`);
      return {
        kind: 'equity' as const,
        institution: '市场监督管理部门（企业登记）',
        identifier: name,
        // the company and the 出资额 and 比例 an equity freeze names (docs/domain.md, "Documents")
        particulars: { kind: 'equity' as const, company: name, companyCode, contribution, ratioBp },
        description: `持有${name}（${companyCode}）${share}股权，认缴出资 ${s.text(a.subConAm, `${p}.subConAm`)}万元`,
        value: contribution,
        existingFreezes: s.arr(a.frozenInfo, `${p}.frozenInfo`).map((y, j) => {
          const q = `${p}.frozenInfo[${j}]`;
          const f = s.obj(y, q);
          return freeze(s.text(f.exeCourt, `${q}.exeCourt`), s.text(f.docNo, `${q}.docNo`), s.wanYuan6(f.frozenAm, `${q}.frozenAm`), s.date(f.frozenTo, 'iso', `${q}.frozenTo`));
        }),
      };
    });
    return findings({ assets: dedupeAssets(s, assets) });
  },
};
