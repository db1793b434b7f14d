/**
 * 机动车登记 feedback: plates without the middle dot (normalised to 贵A·12345), GA 24 code tables
 * for plate type, colour and status. The 号牌种类, 车辆识别代号 (checked against its check
 * character), brand and model are the particulars a 查封 names (docs/domain.md, "Documents").
 */
import type { ChannelAdapter } from '../types';
import { dedupeAssets } from './bank-common';
import { findings, freeze } from './findings';
import { Strict } from './strict';
import { vinProblem } from '../../../shared/ids/vin';

const s = new Strict('vehicle.mps');
const HPZL: Record<string, string> = { '01': '大型汽车', '02': '小型汽车', '51': '大型新能源汽车', '52': '小型新能源汽车' };
const CSYS: Record<string, string> = { A: '白', B: '灰', C: '黄', D: '粉', E: '红', F: '紫', G: '绿', H: '蓝', I: '棕', J: '黑', Z: '其他' };
const ZT: Record<string, string> = { A: '正常', K: '查封', G: '违法未处理', D: '停驶' };

export const vehicleAdapter: ChannelAdapter = {
  channel: 'vehicle.mps',
  limits: { concurrency: 4, ratePerSecond: 6, timeoutMs: 12_000, pollIntervalMs: 1_000, maxPolls: 30, maxAttempts: 4 },
  queryParams: () => ({}),
  normalize(feedback) {
    const fb = s.obj(feedback, 'feedback');
    s.literal(s.obj(fb.head, 'head').code, '1', 'head.code');
    const body = s.obj(fb.body, 'body');
    const list = s.arr(body.vehicles, 'body.vehicles');
    s.count(s.fenString(body.total, 'body.total'), list.length, 'body.total');
    const assets = list.map((x, i) => {
      const p = `body.vehicles[${i}]`;
      const a = s.obj(x, p);
      const bare = s.text(a.hphm, `${p}.hphm`);
      if (!/^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}$/.test(bare)) s.fail(`${p}.hphm`, `"${bare}" is not a plate`);
      const plateType = s.code(a.hpzl, HPZL, `${p}.hpzl`);
      const brand = s.text(a.clpp1, `${p}.clpp1`);
      const model = s.text(a.clxh, `${p}.clxh`);
      const vin = s.text(a.clsbdh, `${p}.clsbdh`);
      const bad = vinProblem(vin);
      if (bad) s.fail(`${p}.clsbdh`, `"${vin}" is not a 车辆识别代号 (VIN): ${bad.en}`);
      return {
        kind: 'vehicle' as const,
        institution: s.text(a.fzjg, `${p}.fzjg`),
        identifier: `${bare.slice(0, 2)}·${bare.slice(2)}`,
        particulars: { kind: 'vehicle' as const, plateType, vin, brand, model },
        description: `${plateType} ${brand} ${model}，${s.code(a.csys, CSYS, `${p}.csys`)}色，车架号 ${vin}，初次登记 ${s.date(a.ccdjrq, 'iso', `${p}.ccdjrq`)}，状态 ${s.code(a.zt, ZT, `${p}.zt`)}`,
        existingFreezes: s.arr(a.cfxx, `${p}.cfxx`).map((y, j) => {
          const q = `${p}.cfxx[${j}]`;
          const f = s.obj(y, q);
          return freeze(s.text(f.cfjg, `${q}.cfjg`), s.text(f.cfwh, `${q}.cfwh`), undefined, s.date(f.jzrq, 'iso', `${q}.jzrq`));
        }),
      };
    });
    return findings({ assets: dedupeAssets(s, assets) });
  },
};
