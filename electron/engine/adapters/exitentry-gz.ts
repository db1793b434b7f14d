/** 出入境 feedback: positional rows [direction, CST time, port, country/region, document], no header. */
import type { ChannelAdapter } from '../types';
import { findings, type FoundWhereabouts } from './findings';
import { dedupe, Strict } from './strict';

const s = new Strict('exitentry.gz');

export const exitEntryAdapter: ChannelAdapter = {
  channel: 'exitentry.gz',
  limits: { concurrency: 3, ratePerSecond: 5, timeoutMs: 10_000, pollIntervalMs: 1_000, maxPolls: 30, maxAttempts: 4 },
  queryParams: () => ({ years: 3 }),
  normalize(feedback) {
    const fb = s.obj(feedback, 'feedback');
    const rows = s.arr(fb.records, 'records');
    s.count(s.int(fb.total, 'total'), rows.length, 'total');
    const list = rows.map((x, i): FoundWhereabouts => {
      const p = `records[${i}]`;
      const r = s.arr(x, p);
      if (r.length !== 5) s.fail(p, 'expected 5 columns');
      const dir = s.oneOf(r[0], ['出境', '入境'], `${p}[0]`);
      const place = s.text(r[3], `${p}[3]`);
      return {
        kind: 'exit_entry',
        place: s.text(r[2], `${p}[2]`),
        at: s.cstDateTime(r[1], `${p}[1]`),
        detail: `${dir}，${dir === '出境' ? '前往' : '来自'} ${place}，证件 ${s.text(r[4], `${p}[4]`)}`,
      };
    });
    return findings({ whereabouts: dedupe(s, list, (w) => `${w.place}|${w.at}|${w.detail}`, 'records') });
  },
};
