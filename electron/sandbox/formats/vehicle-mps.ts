/**
 * 机动车登记 (公安部交管): head/body; plates without the middle dot; GA 24 code tables for plate
 * type (hpzl) and colour (csys); status zt A normal, K sealed (查封).
 */
import { withDuplicate } from './render-util';
import type { FeedbackFormatter } from './types';

export const MPS_COLOR: Record<string, string> = { 白: 'A', 灰: 'B', 黄: 'C', 红: 'E', 蓝: 'H', 棕: 'I', 黑: 'J' };
/** GA 24.7 号牌种类 codes of the plate types the population holds */
export const MPS_PLATE_TYPE: Record<string, string> = { 小型汽车: '02', 小型新能源汽车: '52' };
export const MPS_OFFICE: Record<string, string> = {
  A: '贵阳市公安局交通管理局', B: '六盘水市公安局交通警察支队', C: '遵义市公安局交通警察支队',
  D: '铜仁市公安局交通警察支队', E: '黔西南州公安局交通警察支队', F: '毕节市公安局交通警察支队',
  G: '安顺市公安局交通警察支队', H: '黔东南州公安局交通警察支队', J: '黔南州公安局交通警察支队',
};

export const vehicleFormatter: FeedbackFormatter = {
  channel: 'vehicle.mps',
  render({ subject, duplicate }) {
    const vehicles = withDuplicate((subject?.holdings.vehicles ?? []).map((v) => {
      const bare = v.plate.replace('·', '');
      return {
        hphm: bare,
        hpzl: MPS_PLATE_TYPE[v.plateType],
        clpp1: v.brand,
        clxh: v.model,
        csys: MPS_COLOR[v.color] ?? 'Z',
        clsbdh: v.vin,
        ccdjrq: v.registeredOn,
        fzjg: MPS_OFFICE[bare[1] ?? 'A'] ?? MPS_OFFICE.A,
        zt: v.seals.length ? 'K' : 'A',
        cfxx: v.seals.map((s) => ({ cfjg: s.court, cfwh: s.caseNumber, jzrq: s.until })),
      };
    }), duplicate);
    return { head: { code: '1', message: '成功' }, body: { total: String(vehicles.length), vehicles } };
  },
};
