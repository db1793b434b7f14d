/**
 * 执恢 — resuming a 终本 case (docs/domain.md rule 12; 终本规定 第九条): the 承办法官, on new property,
 * asks the case-management system to file the 执恢 case (one per 终本 case; the system refuses a case
 * it does not hold as 终本), takes it into the store as an open case with the same parties and judge
 * and the amount still owed, links the 终本 closing to it and stops the six-monthly re-query. A
 * resume of a case that is not 终本 is refused with the reason and recorded.
 */
import { AppFailure } from '../../../shared/app-failure';
import { todayCst } from '../../../shared/dates';
import { TERMINAL_REQUERY_KIND } from '../../../shared/domain/terminal';
import { LEGAL_BASIS } from '../../../shared/legal/basis';
import type { NewCase } from '../../store';
import type { StoredCase } from '../../store/cases';
import { GatewayHttpError } from '../../engine/gateway-errors';
import { cmsFailure, type TerminalActor, type TerminalDeps } from './closing';

export interface Resumed {
  /** the 终本 case, closed as before, now linked to its 执恢 case */
  case: StoredCase;
  /** the 执恢 case, open */
  resumed: StoredCase;
  /** the re-query jobs stopped */
  cancelledJobs: string[];
}

function refuse(a: TerminalActor, c: StoredCase, zh: string, en: string, detail: Record<string, unknown> = {}): never {
  a.store.audit.append({ officer: a.officer.code, action: 'terminal.resume.refused', caseId: c.id, caseNumber: c.number, legalBasis: LEGAL_BASIS.terminal, detail: { reason: zh, ...detail } });
  throw new AppFailure('VALIDATION', { zh, en }, 'caseId');
}

const byNumber = (a: TerminalActor, number: string) => {
  const s = a.store.cases.list({ search: number, limit: 5, status: 'all' }).items.find((x) => x.number === number);
  return s ? a.store.cases.get(s.id) : undefined;
};

/** One click of 执恢; a second click answers the 执恢 case already filed. */
export async function resumeCase(d: TerminalDeps, a: TerminalActor, c: StoredCase, stopJob: (jobId: string) => void): Promise<Resumed> {
  const closing = a.store.terminal.liveClosing(c.id);
  if (c.status !== 'closed' || c.closing !== 'terminal' || closing?.state !== 'approved') {
    refuse(a, c, '本案未终结本次执行程序，不能恢复执行', 'the case is not closed as 终本: it cannot be resumed', { status: c.status, closing: c.closing ?? null });
  }
  if (closing.resumedCaseId) {
    const resumed = a.store.cases.get(closing.resumedCaseId);
    if (resumed) return { case: c, resumed, cancelledJobs: [] };
  }
  const owed = Math.min(a.store.measures.capForCase(c.id, todayCst(d.now())), c.amountOwed + c.costs);
  if (owed <= 0) refuse(a, c, '本案已无未执行到位的金额，不能恢复执行', 'nothing is owed any more: the case cannot be resumed');
  let filed;
  try {
    if (!d.client.courtResume) throw new AppFailure('GATEWAY_ERROR', { zh: '案件管理系统不支持恢复执行立案', en: 'the case-management system files no 执恢 cases' });
    filed = await d.client.courtResume({ number: c.number, amountOwed: owed }, { officerCode: a.officer.code });
  } catch (e) {
    if (e instanceof GatewayHttpError) refuse(a, c, `案件管理系统拒绝恢复执行：${e.gatewayMessage}`, `the case-management system refused the 执恢: ${e.gatewayCode}`, { gateway: e.gatewayCode });
    throw cmsFailure(e);
  }
  const input: NewCase = {
    number: filed.number, filedOn: filed.filedOn, cause: filed.cause, amountOwed: filed.amountOwed, costs: filed.costs,
    applicant: filed.applicant, debtors: filed.debtors, ...(filed.assignee ? { assignee: filed.assignee } : {}),
  };
  const jobs = a.store.jobs.list({ kinds: [TERMINAL_REQUERY_KIND], caseId: c.id, states: ['queued', 'running', 'paused'] });
  const resumed = a.store.transaction(() => {
    a.store.cases.upsertMany([input]);
    const r = byNumber(a, filed.number);
    if (!r) throw new AppFailure('INTERNAL');
    a.store.terminal.setResumed(closing.id, r.id);
    for (const j of jobs) a.store.jobs.cancel(j.id, a.officer.code);
    for (const al of a.store.alerts.list({ caseIds: [c.id], states: ['open', 'acknowledged'] }).filter((x) => x.kind === 'terminal.new-property')) {
      a.store.alerts.done(al.id, a.officer.code, { resumedCaseId: r.id });
    }
    a.store.audit.append({
      officer: a.officer.code, action: 'case.resumed', caseId: c.id, caseNumber: c.number, legalBasis: LEGAL_BASIS.terminal,
      detail: { closingId: closing.id, resumedCaseId: r.id, resumedNumber: r.number, amountOwed: owed, cancelledJobs: jobs.map((j) => j.id) },
    });
    return r;
  });
  for (const j of jobs) stopJob(j.id);
  return { case: a.store.cases.get(c.id)!, resumed, cancelledJobs: jobs.map((j) => j.id) };
}
