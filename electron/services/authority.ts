/**
 * The one place the permission matrix is enforced in main (docs/architecture.md §4; docs/authority.md).
 * For every call the router hands over, before its handler runs: the window's own session (a page
 * that has not signed in has none), the case the input names (directly or through a measure, a
 * request or a document of that case), the access the officer has to it from the case's 承办人 and
 * the officer's team, and the act's rule. A refusal is answered with its reason and recorded in the
 * audit log; a read of personal data is recorded too, once per officer, case and ten minutes
 * (docs/domain.md rule 15).
 */
import { AppFailure } from '../../shared/app-failure';
import { caseAccess, permits, type Act, type AccessCase, type AccessHolder } from '../../shared/authority/matrix';
import { purposeRefusal } from '../../shared/authority/purpose';
import type { Officer } from '../../shared/domain/types';
import type { CaseRef } from '../../shared/ipc/policy';
import { LEGAL_BASIS } from '../../shared/legal/basis';
import type { Authorizer, AuthorizeCall } from '../ipc/router';
import { maskIdentifiers } from '../log/redact';
import type { SecureStore } from '../store';
import type { StoredCase } from '../store/cases';
import type { CaseCtx, CasesCtx, OfficerCtx, OptionalCaseCtx, PublicCtx } from './context';
import type { Sessions } from './session';

/** reads of one case by one officer within this window are one audit entry */
export const READ_AUDIT_WINDOW_MS = 10 * 60_000;

export interface AuthorityDeps {
  sessions: Sessions;
  now: () => Date;
  log?: (level: 'info' | 'warn', msg: string, fields?: Record<string, string | number | boolean | undefined>) => void;
}

export function accessHolder(o: Officer): AccessHolder {
  return { code: o.code, role: o.role, court: o.court, ...(o.team ? { team: o.team } : {}) };
}

export function accessCase(c: StoredCase): AccessCase {
  return {
    court: c.court,
    ...(c.assignee ? { assignee: c.assignee } : {}),
    ...(c.enteredBy ? { enteredBy: c.enteredBy } : {}),
    pending: c.filing === 'pending',
  };
}

const notFound = (zh: string, en: string) => new AppFailure('NOT_FOUND', { zh, en });

/** The ids of the cases an input names through `ref`; [] when an optional field is absent. */
export function caseIdsOf(store: SecureStore, ref: CaseRef, input: Record<string, unknown>): string[] {
  const one = (id: unknown, find: (id: string) => string | undefined, missing: AppFailure): string => {
    const caseId = typeof id === 'string' ? find(id) : undefined;
    if (!caseId) throw missing;
    return caseId;
  };
  const measure = (id: string) => store.measures.getMeasure(id)?.caseId;
  switch (ref) {
    case 'caseId':
      return input.caseId === undefined ? [] : [one(input.caseId, (id) => (store.cases.get(id) ? id : undefined), notFound('案件不存在', 'no such case'))];
    case 'freezeId':
      return [one(input.freezeId, measure, notFound('措施不存在', 'no such measure'))];
    case 'measureId':
      return [one(input.measureId, measure, notFound('措施不存在', 'no such measure'))];
    case 'freezeIds':
      return [...new Set((input.freezeIds as unknown[]).map((id) => one(id, measure, notFound('措施不存在', 'no such measure'))))];
    case 'caseIds':
      return [...new Set((input.caseIds as unknown[]).map((id) => one(id, (x) => (store.cases.get(x) ? x : undefined), notFound('所选案件中有不存在的案件', 'a case chosen does not exist'))))];
    case 'requestId':
      return [one(input.requestId, (id) => store.engine.getRequest(id)?.caseId, notFound('查询请求不存在', 'no such request'))];
    case 'documentId':
      return [one(input.documentId, (id) => store.documents.get(id)?.caseId, notFound('文书不存在', 'no such document'))];
  }
}

/**
 * A refused act in the audit log (with the officer, the call, the act and the reason), and the
 * FORBIDDEN it answers with. Used by the authorizer, and by a handler whose input asks for more
 * than the officer's role allows (another officer's audit entries).
 */
export function recordRefusal(s: Pick<OfficerCtx, 'store' | 'officer'>, call: string, act: Act, why: { zh: string; en: string; reason: string }, c?: StoredCase): AppFailure {
  s.store.audit.append({
    officer: s.officer.code, action: 'authority.refused', ...(c ? { caseId: c.id, caseNumber: c.number } : {}),
    detail: { call, act, reason: why.reason, role: s.officer.role },
  });
  return new AppFailure('FORBIDDEN', { zh: why.zh, en: why.en });
}

export function createAuthorizer(d: AuthorityDeps): Authorizer {
  const lastRead = new Map<string, number>();

  function refuse(call: AuthorizeCall, s: OfficerCtx, act: Act, why: { zh: string; en: string; reason: string }, c?: StoredCase): never {
    const failure = recordRefusal(s, `${call.group}.${call.method}`, act, why, c);
    d.log?.('warn', 'act refused', { call: `${call.group}.${call.method}`, act, reason: why.reason, officer: s.officer.code, role: s.officer.role });
    throw failure;
  }

  function authorize(call: AuthorizeCall): PublicCtx | OfficerCtx | CaseCtx | CasesCtx | OptionalCaseCtx {
    const from: PublicCtx = { transport: call.from.transport, connection: call.from.connection };
    const { policy } = call;
    if (policy.act === 'public') return from;
    const session = d.sessions.forConnection(from.connection);
    if (!session) throw new AppFailure('NOT_SIGNED_IN');
    d.sessions.touch();
    const act = policy.act;
    const base: OfficerCtx = { ...from, officer: session.officer, session, store: session.store };
    const ids = policy.case ? caseIdsOf(session.store, policy.case, call.input as Record<string, unknown>) : [];
    if (ids.length === 0) {
      // not about one case: only the role is checked here; the handler lists what the officer may see
      const r = permits(act, session.officer.role, 'act');
      if (!r.ok) refuse(call, base, act, r);
      return policy.caseOptional ? { ...base, case: undefined, access: undefined } : base;
    }
    const holder = accessHolder(session.officer);
    // an act on several cases names the case it is refused for
    const named = <W extends { zh: string; en: string }>(w: W, c: StoredCase): W => (policy.case === 'caseIds' ? { ...w, zh: `${c.number}：${w.zh}`, en: `${c.number}: ${w.en}` } : w);
    const allowed = ids.map((id) => {
      const c = session.store.cases.get(id)!;
      const access = caseAccess(holder, accessCase(c));
      const r = permits(act, session.officer.role, access);
      if (!r.ok) refuse(call, base, act, named(r, c), c);
      const p = purposeRefusal(act, c);
      if (p) refuse(call, base, act, named(p, c), c);
      return { c, access };
    });
    // several cases at once (renew-all, a batch): every one allowed, or the whole act refused with the first case that is not
    if (policy.case === 'freezeIds' || policy.case === 'caseIds') return { ...base, cases: allowed.map((a) => a.c) };
    return { ...base, case: allowed[0]!.c, access: allowed[0]!.access };
  }

  /** A read of personal data leaves a trace: once per officer, case (or search) and window. */
  function done(call: AuthorizeCall, ctx: unknown): void {
    const audit = call.policy.audit;
    if (!audit) return;
    const c = ctx as Partial<CaseCtx>;
    if (!c.officer || !c.store?.isOpen) return;
    const input = call.input as { search?: string };
    const search = audit.action === 'case.search' ? input.search?.trim() : undefined;
    if (audit.action === 'case.search' && !search) return;
    const key = `${c.officer.code}|${audit.action}|${c.case?.id ?? ''}|${search ?? ''}`;
    const now = d.now().getTime();
    const last = lastRead.get(key);
    if (last !== undefined && now - last < READ_AUDIT_WINDOW_MS) return;
    lastRead.set(key, now);
    if (lastRead.size > 5_000) for (const [k, t] of lastRead) if (now - t >= READ_AUDIT_WINDOW_MS) lastRead.delete(k);
    c.store.audit.append({
      officer: c.officer.code, action: audit.action, legalBasis: LEGAL_BASIS[audit.basis],
      ...(c.case ? { caseId: c.case.id, caseNumber: c.case.number } : {}),
      detail: {
        call: `${call.group}.${call.method}`,
        ...(search ? { search: maskIdentifiers(search) } : {}),
        ...(c.case && c.access === 'read' && c.case.assignee && c.case.assignee !== c.officer.code ? { assignee: c.case.assignee, readOnly: true } : {}),
      },
    });
  }

  return { authorize, done };
}

/**
 * Which cases a list may show the officer: undefined = every case of his court (a judge reads the
 * others' cases, a chief his division, the director the bureau); a clerk or an assistant sees his
 * team's cases and the filings he entered himself.
 */
export function listScope(o: Officer): { assignees: string[]; enteredBy: string } | undefined {
  if (o.role === 'clerk' || o.role === 'assistant') return { assignees: [...(o.team ?? [])], enteredBy: o.code };
  return undefined;
}

/** Whether the officer may see a case at all (lists across cases filter with it). */
export function canRead(o: Officer, c: StoredCase): boolean {
  return caseAccess(accessHolder(o), accessCase(c)) !== 'none';
}
