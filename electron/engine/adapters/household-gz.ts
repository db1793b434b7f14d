/** 户籍 feedback: rkxx list (hjdz 户籍地址, sspcs 所属派出所, hjqrrq 迁入日期 YYYYMMDD). */
import type { ChannelAdapter } from '../types';
import { findings, type FoundWhereabouts } from './findings';
import { dedupe, Strict } from './strict';

const s = new Strict('household.gz');

export const householdAdapter: ChannelAdapter = {
  channel: 'household.gz',
  limits: { concurrency: 4, ratePerSecond: 8, timeoutMs: 10_000, pollIntervalMs: 500, maxPolls: 30, maxAttempts: 4 },
  queryParams: () => ({}),
  normalize(feedback) {
    const fb = s.obj(feedback, 'feedback');
    s.literal(fb.fhz, '00', 'fhz');
    const list = s.arr(fb.rkxx, 'rkxx').map((x, i): FoundWhereabouts => {
      const p = `rkxx[${i}]`;
      const r = s.obj(x, p);
      s.text(r.gmsfhm, `${p}.gmsfhm`);
      return {
        kind: 'household',
        place: s.text(r.hjdz, `${p}.hjdz`),
        at: s.dateInstant(s.date(r.hjqrrq, 'compact', `${p}.hjqrrq`)),
        detail: `户籍地址，登记机关 ${s.text(r.sspcs, `${p}.sspcs`)}`,
      };
    });
    return findings({ whereabouts: dedupe(s, list, (w) => `${w.place}|${w.at}`, 'rkxx') });
  },
};
