/**
 * 不动产登记 (Guizhou): lower-case pinyin keys — bdcqzh 不动产权证号, bdcdyh 不动产单元号, zl 坐落, mj 面积 (m², two
 * decimals), yt 用途, gyfs 共有方式, djsj 登记时间, djjg 登记机构, cfxx 查封信息.
 */
import { withDuplicate } from './render-util';
import type { FeedbackFormatter } from './types';

export function registryOffice(certificate: string): string {
  const city = /\)(.+?[市州县])不动产权/.exec(certificate)?.[1] ?? '贵阳市';
  return `${city}不动产登记中心`;
}

const area = (centi: number) => `${Math.trunc(centi / 100)}.${String(centi % 100).padStart(2, '0')}`;

export const realEstateFormatter: FeedbackFormatter = {
  channel: 'realestate.gz',
  render({ subject, duplicate }) {
    const units = withDuplicate((subject?.holdings.realEstate ?? []).map((r) => ({
      bdcqzh: r.certificate,
      bdcdyh: r.unitNumber,
      zl: r.address,
      mj: area(r.areaCentiM2),
      yt: r.usage,
      gyfs: r.ownership,
      djsj: `${r.registeredOn} 00:00:00`,
      djjg: registryOffice(r.certificate),
      cfxx: r.seals.map((s) => ({ cfjg: s.court, cfwh: s.caseNumber, cfqx: s.until })),
    })), duplicate);
    return { code: 200, msg: 'ok', data: { qlr: subject?.name ?? '', zjhm: subject?.idNumber ?? '', bdcdy: units } };
  },
};
