/**
 * 市场监管 feedback: investments with subscribed contribution in 万元 (six decimals). The value is
 * the subscribed contribution, the figure an equity freeze is expressed in.
 */
import type { BoundRole } from '../../../shared/rules/restriction';
import { validateSubjectId } from '../../../shared/ids/subject-id';
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

/** The registry's words for a position, and whom of 限制消费规定 第三条第二款 it names. */
const POSITION_ROLE: Readonly<Record<string, BoundRole>> = {
  法定代表人: 'legal-representative',
  负责人: 'principal',
  主要负责人: 'principal',
  实际控制人: 'actual-controller',
};

export interface RegistryPerson {
  role: BoundRole;
  name: string;
  idNumber: string;
}

/**
 * The key persons of a company as the business registry answered (result.keyPersons): those a
 * consumption restriction on it binds. Other positions (董事, 监事) are left out; a person without a
 * valid ID number is refused as the rest of the answer would be.
 */
export function samrKeyPersons(feedback: unknown): RegistryPerson[] {
  const fb = s.obj(feedback, 'feedback');
  s.literal(fb.status, 'success', 'status');
  const r = s.obj(fb.result, 'result');
  if (r.keyPersons === undefined) return [];
  return s.arr(r.keyPersons, 'result.keyPersons').flatMap((x, i) => {
    const p = `result.keyPersons[${i}]`;
    const k = s.obj(x, p);
    const role = POSITION_ROLE[s.text(k.position, `${p}.position`)];
    if (!role) return [];
    const id = validateSubjectId('person', s.text(k.cerNo, `${p}.cerNo`));
    if (!id.ok) return s.fail(`${p}.cerNo`, 'not a resident ID number');
    return [{ role, name: s.text(k.name, `${p}.name`), idNumber: id.value }];
  });
}
