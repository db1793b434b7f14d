/**
 * 不动产登记 feedback: lower-case pinyin keys (bdcqzh, bdcdyh, zl, mj, yt, gyfs, djsj, djjg, cfxx).
 * The registry gives no value; seals by other courts carry no amount. The 坐落, 不动产单元号 and
 * area are the particulars a 查封 names (docs/domain.md, "Documents"); an empty 不动产单元号 is one
 * the registry has not recorded, a malformed one is refused.
 * The unit's 用途 (yt) is kept: one residential unit (住宅) is the debtor's only home (docs/domain.md
 * rule 5).
 */
import type { ChannelAdapter } from '../types';
import { dedupeAssets } from './bank-common';
import { findings, freeze } from './findings';
import { Strict } from './strict';
import { unitNumberProblem } from '../../../shared/ids/unit-number';

const s = new Strict('realestate.gz');

export const realEstateAdapter: ChannelAdapter = {
  channel: 'realestate.gz',
  limits: { concurrency: 3, ratePerSecond: 3, timeoutMs: 20_000, pollIntervalMs: 3_000, maxPolls: 40, maxAttempts: 4 },
  queryParams: () => ({ province: '52' }),
  normalize(feedback) {
    const fb = s.obj(feedback, 'feedback');
    s.literal(fb.code, 200, 'code');
    const assets = s.arr(s.obj(fb.data, 'data').bdcdy, 'data.bdcdy').map((x, i) => {
      const p = `data.bdcdy[${i}]`;
      const a = s.obj(x, p);
      const area = s.str(a.mj, `${p}.mj`);
      if (!/^\d+\.\d{2}$/.test(area)) s.fail(`${p}.mj`, `"${area}" is not an area`);
      const registered = s.str(a.djsj, `${p}.djsj`);
      if (!/ 00:00:00$/.test(registered)) s.fail(`${p}.djsj`, 'expected "YYYY-MM-DD 00:00:00"');
      const usage = s.text(a.yt, `${p}.yt`);
      const location = s.text(a.zl, `${p}.zl`);
      const unit = s.str(a.bdcdyh, `${p}.bdcdyh`);
      const bad = unit === '' ? undefined : unitNumberProblem(unit);
      if (bad) s.fail(`${p}.bdcdyh`, `"${unit}" is not a 不动产单元号: ${bad.en}`);
      return {
        kind: 'real_estate' as const,
        usage,
        institution: s.text(a.djjg, `${p}.djjg`),
        identifier: s.text(a.bdcqzh, `${p}.bdcqzh`),
        particulars: { kind: 'real_estate' as const, location, ...(unit ? { unitNumber: unit } : {}), areaCentiM2: Number(area.replace('.', '')) },
        description: `${location}，${area}平方米，${s.text(a.yt, `${p}.yt`)}，${s.text(a.gyfs, `${p}.gyfs`)}，登记于 ${s.date(registered.slice(0, 10), 'iso', `${p}.djsj`)}`,
        existingFreezes: s.arr(a.cfxx, `${p}.cfxx`).map((y, j) => {
          const q = `${p}.cfxx[${j}]`;
          const f = s.obj(y, q);
          return freeze(s.text(f.cfjg, `${q}.cfjg`), s.text(f.cfwh, `${q}.cfwh`), undefined, s.date(f.cfqx, 'iso', `${q}.cfqx`));
        }),
      };
    });
    return findings({ assets: dedupeAssets(s, assets) });
  },
};
