/**
 * The case-management system's side of 终本 and 执恢 (docs/sandbox.md), and a trainer's knob for it:
 * - GET  /court/v1/events?court=&after=  (signed) the feed of case events: filed, assigned, 终本, 执恢, closed;
 * - POST /court/v1/cases/terminal        (signed, the 承办人, his team or a chief/director of the court) a case
 *   recorded as 终本, published on the feed — only with the 承办法官's decision and a chief's or the
 *   director's approval, each signed with a registered key over the closing's text (终本规定 第一条);
 * - POST /court/v1/cases/resume          (signed, the 承办法官 himself) a 执恢 filing linked to its 终本 case: a
 *   new number, the same parties and judge, the amount still outstanding; refused for a case the
 *   system does not hold as 终本;
 * - POST /sandbox/v1/subjects/{id}/new-property (loopback) a subject receives a new bank account with a
 *   balance, opened on the sandbox's today — property a 终本 re-query finds.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { permits } from '../../shared/authority/matrix';
import { channelInfo, isChannelId } from '../../shared/domain/channels';
import type { MeasureSignature } from '../../shared/domain/measures';
import type { Officer } from '../../shared/domain/types';
import { authenticate } from './auth';
import type { CourtEvent } from './court-system';
import type { DocketCase } from './population/types';
import { validSignature } from './gateway-authority';
import { isLoopback, sendError, sendJson } from './http-io';
import type { BankAccount, BankChannel } from './population/types';
import type { SandboxState } from './state';

function parse(body: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(body) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Only the 承办人 of the case (or his team, as for queries) speaks for it to the system. */
function caseOfOfficer(req: IncomingMessage, res: ServerResponse, body: string, st: SandboxState, mayAct: (o: Officer, c: DocketCase) => boolean = onTeam) {
  const auth = authenticate(req, res, body, st, true);
  if (!auth.ok) return undefined;
  const b = parse(body);
  if (!b || typeof b.number !== 'string') return void sendError(res, 400, 'BAD_REQUEST', 'number: missing');
  const c = st.court.find(b.number);
  if (!c) return void sendError(res, 404, 'NOT_FOUND', 'the case-management system holds no case with this number');
  const o = auth.officer!;
  if (!mayAct(o, c)) return void sendError(res, 403, 'NOT_AUTHORISED', `officer ${o.code} (${o.role}) may not do this in case ${c.number} (承办人 ${c.assignee})`);
  return { c, b, officer: o };
}

const onTeam = (o: Officer, c: DocketCase) => c.assignee === o.code || (o.team ?? []).includes(c.assignee);

/** The case as the system holds it now: 终本 since its last 执恢, or not. */
export function isTerminal(events: readonly CourtEvent[], number: string): boolean {
  const last = events.filter((e) => (e.type === 'terminal' && e.number === number) || (e.type === 'resumed' && e.resumedFrom === number)).at(-1);
  return last?.type === 'terminal';
}

function signaturesOf(raw: unknown): MeasureSignature[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter((x): x is MeasureSignature => !!x && typeof x === 'object' && typeof x.officer === 'string'
    && typeof x.keyId === 'string' && typeof x.signature === 'string' && (x.role === 'decision' || x.role === 'approval'));
}

/** Why the 终本 may not be recorded, or undefined: the judge decided it and a chief or the director of the court, not he, approved it. */
function terminalRefusal(st: SandboxState, c: DocketCase, b: Record<string, unknown>): string | undefined {
  const text = b.signedText;
  if (typeof text !== 'string' || typeof b.closingId !== 'string') return 'signedText, closingId: missing';
  let signed: Record<string, unknown> | undefined;
  try {
    signed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return 'signedText: not JSON';
  }
  if (signed?.kind !== 'terminal.closing' || signed.caseNumber !== c.number || signed.closingId !== b.closingId) return 'signedText: not the 终本 of this case';
  const sigs = signaturesOf(b.signatures);
  if (!validSignature(st, sigs.find((s) => s.role === 'decision' && s.officer === c.assignee), text)) {
    return `缺少承办法官 ${c.assignee} 以备案密钥作出的有效决定签名 / no valid decision signature of the case's judge`;
  }
  const approved = sigs.some((s) => {
    const a = s.role === 'approval' && s.officer !== c.assignee ? st.officers.get(s.officer) : undefined;
    return !!a && a.court === st.court.court && permits('credit.approve', a.role, 'read').ok && validSignature(st, s, text);
  });
  return approved ? undefined : '终结本次执行程序须经庭长或执行局长签批，且签批人不得为承办法官 / a 终本 needs the signed approval of a chief or the director, not the deciding judge';
}

export function handleTerminalRoutes(req: IncomingMessage, res: ServerResponse, url: URL, body: string, st: SandboxState): boolean {
  const path = url.pathname;
  if (path === '/court/v1/events' && req.method === 'GET') {
    const auth = authenticate(req, res, '', st, false);
    if (!auth.ok) return true;
    const after = Number(url.searchParams.get('after') ?? '0');
    if (!Number.isInteger(after) || after < 0) return sendError(res, 400, 'BAD_REQUEST', 'after: a non-negative integer'), true;
    if (url.searchParams.get('court') !== st.court.court) return sendJson(res, 200, { items: [] }), true;
    sendJson(res, 200, { items: st.court.events.filter((e) => e.seq > after).slice(0, 500) });
    return true;
  }
  if (path === '/court/v1/cases/terminal' && req.method === 'POST') {
    const x = caseOfOfficer(req, res, body, st, (o, c) => onTeam(o, c) || (permits('credit.approve', o.role, 'read').ok && o.court === st.court.court));
    if (!x) return true;
    const why = terminalRefusal(st, x.c, x.b);
    if (why) return sendError(res, 403, 'TERMINAL_APPROVAL_REQUIRED', why), true;
    // once: a second report of the same 终本 answers the event already published
    const had = isTerminal(st.court.events, x.c.number) ? st.court.events.filter((e) => e.type === 'terminal' && e.number === x.c.number).at(-1) : undefined;
    sendJson(res, 200, had ?? st.court.publish({ type: 'terminal', number: x.c.number, on: st.clock.today() }));
    return true;
  }
  if (path === '/court/v1/cases/resume' && req.method === 'POST') {
    const x = caseOfOfficer(req, res, body, st, (o, c) => permits('case.resume', o.role, c.assignee === o.code ? 'act' : 'read').ok);
    if (!x) return true;
    const done = st.court.events.find((e) => e.type === 'resumed' && e.resumedFrom === x.c.number);
    if (done) return sendJson(res, 200, st.court.find(done.number)), true;
    if (!isTerminal(st.court.events, x.c.number)) return sendError(res, 409, 'NOT_TERMINAL', `案件 ${x.c.number} 未终结本次执行程序，不能恢复执行 / the case is not closed as 终本`), true;
    const owed = x.b.amountOwed;
    if (typeof owed !== 'number' || !Number.isInteger(owed) || owed <= 0 || owed > x.c.amountOwed + x.c.costs) {
      return sendError(res, 400, 'BAD_REQUEST', 'amountOwed: the amount still outstanding, in fen, at most what the case ordered'), true;
    }
    const today = st.clock.today();
    const number = st.court.nextNumber(Number(today.slice(0, 4)), '执恢');
    const why = st.court.file({ ...x.c, number, filedOn: today, amountOwed: owed, costs: 0, resumedFrom: x.c.number });
    if (why) return sendError(res, 400, 'BAD_REQUEST', why), true;
    st.court.publish({ type: 'resumed', number, resumedFrom: x.c.number });
    sendJson(res, 201, st.court.find(number));
    return true;
  }
  const m = /^\/sandbox\/v1\/subjects\/([^/]+)\/new-property$/.exec(path);
  if (m && req.method === 'POST') {
    if (!isLoopback(req)) return sendError(res, 403, 'FORBIDDEN', 'the sandbox admin answers loopback only'), true;
    const s = st.population.byId.get(decodeURIComponent(m[1]!).toUpperCase());
    if (!s) return sendError(res, 404, 'NOT_FOUND', 'no such subject in the population'), true;
    const b = parse(body);
    const bank = b?.bank;
    const balance = b?.balance;
    if (typeof bank !== 'string' || !isChannelId(bank) || channelInfo(bank).kind !== 'bank') return sendError(res, 400, 'BAD_REQUEST', 'bank: a bank channel such as bank.icbc'), true;
    if (typeof balance !== 'number' || !Number.isInteger(balance) || balance <= 0) return sendError(res, 400, 'BAD_REQUEST', 'balance: a positive integer (fen)'), true;
    const accountNo = typeof b?.accountNo === 'string' ? b.accountNo : `62${String(Date.now()).slice(-9)}${String(s.holdings.bankAccounts.length).padStart(6, '0')}`;
    const a: BankAccount = { bank: bank as BankChannel, accountNo, branch: `${channelInfo(bank).zh}贵阳分行营业部`, type: 'savings', openedOn: st.clock.today(), balance, freezes: [] };
    s.holdings.bankAccounts.push(a);
    const key = st.ledger.addAsset({ channel: a.bank, kind: 'deposit', owner: s.idNumber, identifier: a.accountNo, units: a.balance, existing: [] });
    st.projectAsset?.(key, () => {
      a.balance = st.ledger.units(key)!;
    });
    sendJson(res, 201, a);
    return true;
  }
  return false;
}
