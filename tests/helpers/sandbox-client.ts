/** A minimal signed client for tests against the sandbox network (docs/gateway-protocol.md). */
import { randomUUID } from 'node:crypto';
import { signRequest } from '../../electron/gateway/signing';
import type { ChannelId } from '../../shared/domain/channels';
import type { SandboxHandle } from '../../electron/sandbox/index';

export interface Answer {
  status: number;
  text: string;
  json: any;
  headers: Headers;
}

export interface CallOptions {
  officer?: string | null;
  secret?: string;
  now?: Date;
  nonce?: string;
  unsigned?: boolean;
}

export async function call(sb: Pick<SandboxHandle, 'url' | 'stationId' | 'stationSecret'>, method: 'GET' | 'POST' | 'PUT', path: string, body = '', o: CallOptions = {}): Promise<Answer> {
  const officer = o.officer === undefined ? 'F520103001' : o.officer;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (!o.unsigned) {
    Object.assign(headers, signRequest({
      method, path, body, stationId: sb.stationId, stationSecret: o.secret ?? sb.stationSecret,
      ...(officer ? { officerCode: officer } : {}), ...(o.now ? { now: o.now } : {}), ...(o.nonce ? { nonce: o.nonce } : {}),
    }));
  }
  const r = await fetch(sb.url + path, { method, headers, ...(body ? { body } : {}) });
  const text = await r.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: r.status, text, json, headers: r.headers };
}

export interface Party {
  kind: 'person' | 'company';
  name: string;
  idNumber: string;
}

export function queryBody(channel: ChannelId, subject: Party, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    clientRequestId: randomUUID(),
    channel,
    kind: 'query',
    case: { number: '(2025)黔0103执1234号', court: '黔0103' },
    subject: { kind: subject.kind, name: subject.name, idNumber: subject.idNumber },
    officer: { code: 'F520103001', name: '王立新' },
    documents: [{ type: '协助查询通知书', number: '(2025)黔0103执1234号之查1', sha256: 'ab'.repeat(32) }],
    purpose: '查询被执行人财产',
    legalBasis: '《民事诉讼法》第二百五十三条',
    params: {},
    ...over,
  };
}

export const submit = (sb: SandboxHandle, body: Record<string, unknown>, o: CallOptions = {}) => call(sb, 'POST', '/gw/v1/requests', JSON.stringify(body), o);

/** polls GET /gw/v1/requests/:id until answered or rejected (or the limit) */
export async function waitAnswered(sb: SandboxHandle, id: string, limitMs = 5_000): Promise<Answer> {
  const until = Date.now() + limitMs;
  for (;;) {
    const a = await call(sb, 'GET', `/gw/v1/requests/${id}`);
    if (a.status === 200 && (a.json?.status === 'answered' || a.json?.status === 'rejected')) return a;
    if (Date.now() > until) return a;
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function admin(sb: SandboxHandle, method: 'GET' | 'PUT', path: string, body?: unknown): Promise<Answer> {
  const r = await fetch(sb.url + path, { method, headers: { 'content-type': 'application/json' }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await r.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: r.status, text, json, headers: r.headers };
}
