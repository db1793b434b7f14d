/**
 * GET /gw/v1/feedback: the station's answers in the order the agencies delivered them — a push
 * channel read by cursor, beside asking about each id. Answers held back arrive after later ones
 * (out of order); with the duplicate fault a measure's feedback is delivered twice. A client must
 * apply each measure's outcome once, by its clientRequestId.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from './auth';
import { sendError, sendJson } from './http-io';
import { RequestTable, type GatewayRequest } from './request-table';
import type { SandboxState } from './state';

interface Delivery {
  at: number;
  seq: number;
  copy: number;
  r: GatewayRequest;
}

const key = (d: { at: number; seq: number; copy: number }) => [d.at, d.seq, d.copy] as const;
function after(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
}

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
  const due: Delivery[] = [];
  for (const r of st.requests.values()) {
    if (r.answerAt === undefined) continue;
    const copies = r.redeliverAt === undefined ? [r.answerAt] : [r.answerAt, r.redeliverAt];
    copies.forEach((at, copy) => {
      const d = { at, seq: r.seq, copy, r };
      if (at <= now && (!cursor || after(key(d), cursor))) due.push(d);
    });
  }
  due.sort((a, b) => (after(key(a), key(b)) ? 1 : -1));
  const page = due.slice(0, limit);
  const items = page.map((d) => {
    const v = RequestTable.statusView(d.r, now, render);
    return { cursor: `${d.at}-${d.seq}-${d.copy}`, ...v };
  });
  const last = page[page.length - 1];
  sendJson(res, 200, { items, next: last ? `${last.at}-${last.seq}-${last.copy}` : (url.searchParams.get('after') ?? '') });
}
