/** A minimal signed client for tests against the sandbox network (docs/gateway-protocol.md). */
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { signText } from '../../electron/gateway/ed25519';
import { signedText } from '../../electron/gateway/measure-signatures';
import { signRequest } from '../../electron/gateway/signing';
import { creditCodeCheckChar } from '../../shared/ids/credit-code';
import { channelInfo, type ChannelId } from '../../shared/domain/channels';
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

const APPLICANT_CODE = `91520103MA6DMXKQ2${creditCodeCheckChar('91520103MA6DMXKQ2')}`;

/** An officer's signing key registered with the sandbox's officer register, one per officer per sandbox. */
const officerKeys = new WeakMap<object, Map<string, { keyId: string; privateKey: KeyObject }>>();
export function officerKey(sb: SandboxHandle, code: string): { keyId: string; privateKey: KeyObject } {
  const book = officerKeys.get(sb.register) ?? new Map<string, { keyId: string; privateKey: KeyObject }>();
  officerKeys.set(sb.register, book);
  const known = book.get(code);
  if (known) return known;
  const pair = generateKeyPairSync('ed25519');
  const enrolmentCode = sb.register.issueCode(code);
  if (!enrolmentCode) throw new Error(`officer ${code} is not active in the register`);
  const r = sb.register.enrol(code, enrolmentCode, pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'), sb.stationId, new Date());
  if (!r.ok) throw new Error(`enrolling ${code}: ${r.reason}`);
  const k = { keyId: r.key.keyId, privateKey: pair.privateKey };
  book.set(code, k);
  return k;
}

/** A signature of `code` (his registered key) over a measure body, as a workstation makes it. */
export function signAs(sb: SandboxHandle, body: Record<string, unknown>, code: string, role: 'decision' | 'approval') {
  const k = officerKey(sb, code);
  return { role, officer: code, keyId: k.keyId, signature: signText(k.privateKey, signedText(body)) };
}

/**
 * What a proper workstation's request has behind it: the court's case-management system holds
 * the case with this subject among its debtors and the officer as 承办人 (filed, or the debtor
 * added, in process), and a measure carries its judge's decision signature. Returns the body to send.
 */
export function authorised(sb: SandboxHandle, body: Record<string, unknown>): Record<string, unknown> {
  const b = body as { case?: { number?: string }; subject?: Party; officer?: { code?: string }; kind?: string; signatures?: unknown };
  const number = b.case?.number;
  const officer = b.officer?.code;
  if (typeof number === 'string' && b.subject && typeof officer === 'string') {
    const court = sb.courtSystem;
    if (!court.find(number)) {
      court.file({
        number, filedOn: '2026-01-05', cause: '民间借贷纠纷', amountOwed: 100_000_000, costs: 1_000_000, assignee: officer,
        applicant: { kind: 'company', name: '贵州测试申请人有限公司', idNumber: APPLICANT_CODE }, debtors: [b.subject],
      });
    }
    court.addDebtor(number, b.subject);
    const params = (body.params ?? {}) as Record<string, unknown>;
    if (b.kind === 'query' && channelInfo(body.channel as ChannelId).yields === 'whereabouts' && params.finding === undefined && params.purpose !== 'frozen_balance') {
      body = { ...body, params: { ...params, finding: { ground: 'evading', recordedAt: '2026-01-10T02:00:00.000Z' } } };
    }
    if (b.kind && b.kind !== 'query' && b.signatures === undefined) {
      return { ...body, signatures: [signAs(sb, body, officer, 'decision')] };
    }
  }
  return body;
}

/** Submits as an authorised workstation does (`asIs`: exactly the body given, for the gateway's refusals). */
export const submit = (sb: SandboxHandle, body: Record<string, unknown>, o: CallOptions & { asIs?: boolean } = {}) =>
  call(sb, 'POST', '/gw/v1/requests', JSON.stringify(o.asIs ? body : authorised(sb, body)), o);

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
