/**
 * The 终本 proposal and its approval (docs/domain.md rules 12, 14): the 承办法官 proposes, signing the
 * checklist as it stands; a chief or the director approves with his own signature and password, or
 * refuses with a reason. On approval the case-management system records the 终本 first (it checks both
 * signatures, docs/gateway-protocol.md "Court case events"; nothing is closed here that it refused), then
 * the 终结本次执行程序裁定书 is made, the case is closed as 终本 and the six-monthly re-query job is
 * scheduled (终本规定 第九条). Every refusal — a condition unmet, a
 * proposer approving his own — is recorded with its reason. A clerk proposing is refused by the
 * router (act credit.propose is the judge's) and recorded there.
 */
import { AppFailure } from '../../../shared/app-failure';
import { canonicalJson } from '../../../shared/canonical-json';
import { todayCst } from '../../../shared/dates';
import type { MeasureSignature, SignatureRole } from '../../../shared/domain/measures';
import { TERMINAL_REQUERY_KIND, type TerminalClosing } from '../../../shared/domain/terminal';
import type { Officer } from '../../../shared/domain/types';
import { LEGAL_BASIS } from '../../../shared/legal/basis';
import { requeryDate, TERMINAL_REQUERY_RUNS, terminalChecklist, type TerminalChecklist } from '../../../shared/rules/terminal';
import type { GatewayClient } from '../../engine/gateway-client';
import { GatewayHttpError, GatewayNoAnswer, GatewayUnreachable } from '../../engine/gateway-errors';
import { signText } from '../../gateway/ed25519';
import { isNetworkDown } from '../docket';
import type { SecureStore } from '../../store';
import type { StoredCase } from '../../store/cases';
import type { OfficerKeys } from '../../store/credential';
import { terminalRuling } from './documents';
import { terminalFacts } from './facts';

export interface TerminalActor {
  store: SecureStore;
  officer: Officer;
  keys: OfficerKeys;
}

export interface TerminalDeps {
  now: () => Date;
  courtName: string;
  client: GatewayClient;
}

/** A refusal or failure of the case-management system, in the judge's words. */
export function cmsFailure(e: unknown): AppFailure {
  if (e instanceof AppFailure) return e;
  if (isNetworkDown(e) || e instanceof GatewayUnreachable || e instanceof GatewayNoAnswer) return new AppFailure('NETWORK_DOWN');
  if (e instanceof GatewayHttpError) {
    return new AppFailure('GATEWAY_ERROR', { zh: `案件管理系统拒绝：${e.gatewayMessage}`, en: `the case-management system refused: ${e.gatewayCode}` });
  }
  return new AppFailure('GATEWAY_ERROR', { zh: '案件管理系统返回错误', en: 'the case-management system answered with an error' });
}

/** The text each signature covers: the case, the closing and the conditions as they stood. */
export function terminalSignedText(c: StoredCase, closingId: string, checklist: TerminalChecklist, proposedBy: string): string {
  return canonicalJson({
    kind: 'terminal.closing', closingId, caseId: c.id, caseNumber: c.number, proposedBy,
    conditions: checklist.conditions.map((k) => ({ id: k.id, met: k.met, facts: k.facts.map((f) => f.source ?? null) })),
  });
}

function sign(keys: OfficerKeys, role: SignatureRole, text: string): MeasureSignature {
  if (!keys.keyId) throw new AppFailure('NOT_SIGNABLE');
  return { role, officer: keys.officer, keyId: keys.keyId, signature: signText(keys.signing, text) };
}

function refuse(a: TerminalActor, c: StoredCase, action: string, zh: string, en: string, detail: Record<string, unknown> = {}): never {
  a.store.audit.append({ officer: a.officer.code, action, caseId: c.id, caseNumber: c.number, legalBasis: LEGAL_BASIS.terminal, detail: { reason: zh, ...detail } });
  throw new AppFailure('VALIDATION', { zh, en }, 'caseId');
}

/** The checklist of a case today, from its own records. */
export function checklistOf(store: SecureStore, c: StoredCase, now: Date): TerminalChecklist {
  return terminalChecklist(terminalFacts(store, c, todayCst(now)));
}

const unmet = (k: TerminalChecklist) => k.conditions.filter((x) => !x.met).flatMap((x) => x.missing);

/** The judge proposes 终本: refused, with what is missing, unless all five conditions hold. */
export function proposeTerminal(d: TerminalDeps, a: TerminalActor, c: StoredCase): TerminalClosing {
  if (c.status !== 'open') throw new AppFailure('CASE_CLOSED');
  const checklist = checklistOf(a.store, c, d.now());
  if (!checklist.ready) {
    const missing = unmet(checklist);
    refuse(a, c, 'terminal.propose.refused', `不符合终结本次执行程序的条件：${missing.map((m) => m.zh).join('；')}`,
      `the conditions of 终本 are not met: ${missing.map((m) => m.en).join('; ')}`, { unmet: checklist.conditions.filter((x) => !x.met).map((x) => x.id) });
  }
  const id = crypto.randomUUID();
  const signature = sign(a.keys, 'decision', terminalSignedText(c, id, checklist, a.officer.code));
  const closing = a.store.terminal.propose({ id, caseId: c.id, checklist, by: a.officer.code, signature });
  a.store.audit.append({ officer: a.officer.code, action: 'terminal.proposed', caseId: c.id, caseNumber: c.number, legalBasis: LEGAL_BASIS.terminal, detail: { closingId: id } });
  return closing;
}

function pending(a: TerminalActor, c: StoredCase, closingId: string): TerminalClosing {
  const closing = a.store.terminal.closing(closingId);
  if (!closing || closing.caseId !== c.id) throw new AppFailure('NOT_FOUND', { zh: '终本申请不存在', en: 'no such 终本 proposal' });
  if (closing.state !== 'proposed') refuse(a, c, 'terminal.approve.refused', '该终本申请已处理', 'the proposal was already decided', { closingId });
  if (closing.proposedBy === a.officer.code) refuse(a, c, 'terminal.approve.refused', '不能审批本人提请的终本申请', 'one cannot approve one’s own proposal', { closingId });
  return closing;
}

/**
 * The chief or the director approves: the conditions are checked again on today's records (a
 * payment or a new finding may have come in since), his signature is added, the ruling made, the
 * case closed as 终本 and the first re-query scheduled six months on.
 */
export async function approveTerminal(d: TerminalDeps, a: TerminalActor, c: StoredCase, closingId: string): Promise<{ closing: TerminalClosing; case: StoredCase; jobId: string }> {
  const closing = pending(a, c, closingId);
  if (c.status !== 'open') throw new AppFailure('CASE_CLOSED');
  const checklist = checklistOf(a.store, c, d.now());
  if (!checklist.ready) {
    refuse(a, c, 'terminal.approve.refused', `审批时已不符合终本条件：${unmet(checklist).map((m) => m.zh).join('；')}`,
      `the conditions no longer hold: ${unmet(checklist).map((m) => m.en).join('; ')}`, { closingId });
  }
  const signedText = terminalSignedText(c, closing.id, closing.checklist, closing.proposedBy);
  const signature = sign(a.keys, 'approval', signedText);
  // the case-management system records the 终本 first (it checks both signatures): nothing is closed here that it refused
  try {
    if (!d.client.courtTerminal) throw new AppFailure('GATEWAY_ERROR', { zh: '案件管理系统不支持终本报送', en: 'the case-management system takes no 终本 reports' });
    await d.client.courtTerminal({ number: c.number, closingId: closing.id, signedText, signatures: [...closing.signatures, signature] }, { officerCode: a.officer.code });
  } catch (e) {
    if (e instanceof GatewayHttpError) refuse(a, c, 'terminal.approve.refused', `案件管理系统拒绝：${e.gatewayMessage}`, `the case-management system refused: ${e.gatewayCode}`, { closingId, gateway: e.gatewayCode });
    throw cmsFailure(e);
  }
  const today = todayCst(d.now());
  const judge = a.store.officers.get(closing.proposedBy);
  const doc = await terminalRuling(a.store, c, closing.checklist, { date: today, signers: { judge: judge?.name ?? closing.proposedBy }, by: a.officer.code, courtName: d.courtName });
  return a.store.transaction(() => {
    const approved = a.store.terminal.approve(closing.id, a.officer.code, signature, doc.id);
    const closed = a.store.cases.close(c.id, { closedOn: today, closedBy: a.officer.code, terminalClosing: closing.id });
    const job = a.store.jobs.create({
      kind: TERMINAL_REQUERY_KIND, caseId: c.id, runAt: requeryRunAt(today, 1), total: TERMINAL_REQUERY_RUNS, createdBy: closing.proposedBy,
      params: { closingId: closing.id, closedOn: today, run: 0 },
    });
    a.store.audit.append({
      officer: a.officer.code, action: 'terminal.approved', caseId: c.id, caseNumber: c.number, legalBasis: LEGAL_BASIS.terminal,
      detail: { closingId: closing.id, proposedBy: closing.proposedBy, documentId: doc.id, jobId: job.id },
    });
    a.store.audit.append({ officer: a.officer.code, action: 'case.closed', caseId: c.id, caseNumber: c.number, legalBasis: LEGAL_BASIS.terminal, detail: { closing: 'terminal', closedOn: today, closingId: closing.id } });
    return { closing: approved, case: closed, jobId: job.id };
  });
}

export function refuseTerminal(a: TerminalActor, c: StoredCase, closingId: string, reason: string): TerminalClosing {
  const closing = pending(a, c, closingId);
  const why = reason.trim();
  if (why.length < 2) throw new AppFailure('VALIDATION', { zh: '不予批准须说明理由', en: 'a refusal needs a reason' }, 'reason');
  const refused = a.store.terminal.refuse(closing.id, a.officer.code, why);
  a.store.audit.append({ officer: a.officer.code, action: 'terminal.refused', caseId: c.id, caseNumber: c.number, legalBasis: LEGAL_BASIS.terminal, detail: { closingId, reason: why } });
  return refused;
}

/** The n-th re-query's time: 09:00 CST of the day six months on per run. */
export function requeryRunAt(closedOn: string, run: number): string {
  return `${requeryDate(closedOn, run)}T01:00:00.000Z`;
}
