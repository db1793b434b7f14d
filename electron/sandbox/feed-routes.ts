/**
 * GET /gw/v1/feedback: the station's answers in the order the agencies delivered them — a push
 * channel read by cursor, beside asking about each id. Answers held back arrive after later ones
 * (out of order); with the duplicate fault a measure's feedback is delivered twice. A client must
 * apply each measure's outcome once, by its clientRequestId. With the garbage fault an item may
 * carry an error page where its feedback belongs. Answers past the TTL have left the feed
 * (request-table.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from './auth';
import { GARBLED_FEEDBACK } from './faults';
import { sendError, sendJson } from './http-io';
import { knobsFor } from './knobs';
import { RequestTable, type GatewayRequest } from './request-table';
import type { SandboxState } from './state';

function parseCursor(s: string | null): [number, number, number] | undefined | 'bad' {
  if (s === null || s === '') return undefined;
  const m = /^(\d{1,15})-(\d{1,12})-([01])$/.exec(s);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : 'bad';
}

export function handleFeedback(req: IncomingMessage, res: ServerResponse, url: URL, st: SandboxState, render: (r: GatewayRequest) => unknown): void {
  const auth = authenticate(req, res, '', st, false);
  if (!auth.ok) return;
  const cursor = parseCursor(url.searchParams.get('after'));
  if (cursor === 'bad') return sendError(res, 400, 'BAD_REQUEST', 'after: not a cursor from this feed');
  const limit = Number(url.searchParams.get('limit') ?? '100');
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) return sendError(res, 400, 'BAD_REQUEST', 'limit: must be an integer in 1–500');
  const now = Date.now();
  // the delivery index: a binary search and a slice, not a scan of every request
  const page = st.requests.feedPage(cursor, now, limit);
  const items = page.map((d) => {
    const v = RequestTable.statusView(d.r, now, render);
    const item = { cursor: `${d.at}-${d.seq}-${d.copy}`, ...v };
    // the garbage fault on the feed: an error page where the feedback belongs
    const k = knobsFor(st.knobs, d.r.channel);
    if (v.status === 'answered' && st.dice.roll(k.garbageRate, d.r.channel, d.r.clientRequestId, `feed${d.copy}`, 'garbage')) {
      st.stats.fault(d.r.channel, 'garbage');
      return { ...item, feedback: GARBLED_FEEDBACK };
    }
    return item;
  });
  const last = page[page.length - 1];
  sendJson(res, 200, { items, next: last ? `${last.at}-${last.seq}-${last.copy}` : (url.searchParams.get('after') ?? '') });
}
