/** 民政 feedback: marriage registrations with both parties; opType IA 结婚登记, IB 离婚登记. */
import type { ChannelAdapter } from '../types';
import { findings, type FoundInfo } from './findings';
import { dedupe, Strict } from './strict';

const s = new Strict('civilaffairs.mca');
const OP: Record<string, string> = { IA: '结婚登记', IB: '离婚登记' };

export const civilAffairsAdapter: ChannelAdapter = {
  channel: 'civilaffairs.mca',
  limits: { concurrency: 3, ratePerSecond: 4, timeoutMs: 12_000, pollIntervalMs: 1_000, maxPolls: 30, maxAttempts: 4 },
  queryParams: () => ({}),
  normalize(feedback) {
    const fb = s.obj(feedback, 'feedback');
    s.literal(fb.resCode, '0', 'resCode');
    const info = s.arr(fb.marriageRecords, 'marriageRecords').map((x, i): FoundInfo => {
      const p = `marriageRecords[${i}]`;
      const r = s.obj(x, p);
      return {
        kind: 'civil_affairs',
        summary: `${s.code(r.opType, OP, `${p}.opType`)} ${s.date(r.regDate, 'compact', `${p}.regDate`)}（${s.text(r.regOrg, `${p}.regOrg`)}）：` +
          `男方 ${s.text(r.maleName, `${p}.maleName`)}（${s.text(r.maleIdNum, `${p}.maleIdNum`)}），女方 ${s.text(r.femaleName, `${p}.femaleName`)}（${s.text(r.femaleIdNum, `${p}.femaleIdNum`)}）`,
      };
    });
    return findings({ info: dedupe(s, info, (r) => JSON.stringify(r), 'marriageRecords') });
  },
};
