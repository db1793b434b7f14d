/** 出入境: positional rows without a header — [direction, CST time, port, country/region, document]. */
import { cstDateTime, withDuplicate } from './render-util';
import type { FeedbackFormatter } from './types';

export const exitEntryFormatter: FeedbackFormatter = {
  channel: 'exitentry.gz',
  render({ subject, duplicate }) {
    const rows = subject?.kind === 'person'
      ? subject.holdings.crossings.map((c) => [c.direction, cstDateTime(c.at), c.port, c.place, c.document])
      : [];
    const records = withDuplicate(rows, duplicate);
    return { total: records.length, records };
  },
};
