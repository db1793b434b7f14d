/** 酒店住宿登记 feedback: data.list with check-in and check-out as Unix seconds. */
import type { ChannelAdapter } from '../types';
import { formatCstDateTime } from '../../../shared/dates';
import { findings, type FoundWhereabouts } from './findings';
import { dedupe, Strict } from './strict';

const s = new Strict('hotel.gz');

export const hotelAdapter: ChannelAdapter = {
  channel: 'hotel.gz',
  limits: { concurrency: 6, ratePerSecond: 10, timeoutMs: 8_000, pollIntervalMs: 300, maxPolls: 30, maxAttempts: 4 },
  queryParams: () => ({ days: 180 }),
  normalize(feedback) {
    const fb = s.obj(feedback, 'feedback');
    s.literal(fb.code, 0, 'code');
    const data = s.obj(fb.data, 'data');
    const rows = s.arr(data.list, 'data.list');
    s.count(s.int(data.count, 'data.count'), rows.length, 'data.count');
    const list = rows.map((x, i): FoundWhereabouts => {
      const p = `data.list[${i}]`;
      const r = s.obj(x, p);
      const checkIn = s.unixSeconds(r.checkInTime, `${p}.checkInTime`);
      const checkOut = s.unixSeconds(r.checkOutTime, `${p}.checkOutTime`);
      if (checkOut < checkIn) s.fail(`${p}.checkOutTime`, 'before check-in');
      return {
        kind: 'hotel',
        place: `${s.text(r.city, `${p}.city`)} ${s.text(r.hotelName, `${p}.hotelName`)}`,
        at: checkIn,
        detail: `${s.text(r.hotelAddress, `${p}.hotelAddress`)}，房号 ${s.text(r.roomNo, `${p}.roomNo`)}，入住 ${formatCstDateTime(checkIn)}，离店 ${formatCstDateTime(checkOut)}`,
      };
    });
    return findings({ whereabouts: dedupe(s, list, (w) => `${w.place}|${w.at}`, 'data.list') });
  },
};
