/**
 * A filing entered by hand is pending until the court's case-management system confirms it
 * (docs/authority.md, "Purpose and gates"; docs/domain.md rule 15): the system must hold the number, for
 * this court, with the same applicant, and every debtor entered here must be a debtor there. Until
 * then nobody may query or act in it; a mismatch is refused with the party named.
 */
import { AppFailure } from '../../shared/app-failure';
import { maskId } from '../../shared/ids/subject-id';
import type { Officer, Party } from '../../shared/domain/types';
import type { CourtCase } from '../engine/gateway-wire';
import type { SecureStore } from '../store';
import type { StoredCase } from '../store/cases';
import type { Deps } from './deps';
import { isNetworkDown } from './docket';

const norm = (id: string) => id.trim().toUpperCase();

/** Why the system's case does not bear out the filing entered here, or undefined when it does. */
export function filingMismatch(parties: readonly Pick<Party, 'role' | 'name' | 'idNumber'>[], cms: CourtCase): string | undefined {
  const applicant = parties.find((p) => p.role === 'applicant');
  if (applicant && norm(applicant.idNumber) !== norm(cms.applicant.idNumber)) {
    return `申请执行人${applicant.name}（${maskId(applicant.idNumber)}）与案件管理系统登记的申请执行人不一致`;
  }
  const theirs = new Set(cms.debtors.map((d) => norm(d.idNumber)));
  const stranger = parties.find((p) => p.role === 'debtor' && !theirs.has(norm(p.idNumber)));
  return stranger ? `${stranger.name}（${maskId(stranger.idNumber)}）不是案件管理系统中该案的被执行人` : undefined;
}

/** The system's word on a filing it bears out: its cause, amounts, 承办人 and the parties' 住所 and 法定代表人. */
function confirmed(store: SecureStore, caseId: string, cms: CourtCase): StoredCase {
  store.cases.takeParticulars(caseId, [cms.applicant, ...cms.debtors]);
  return store.cases.settleFiling(caseId, { filing: 'confirmed', from: {
    cause: cms.cause, amountOwed: cms.amountOwed, costs: cms.costs, filedOn: cms.filedOn, ...(cms.assignee ? { assignee: cms.assignee } : {}),
    ...(cms.performanceDueOn !== undefined && cms.interestPrincipal !== undefined ? { performanceDueOn: cms.performanceDueOn, interestPrincipal: cms.interestPrincipal } : {}),
  } });
}

/** Asks the system about one pending filing and records its answer; offline, it stays pending. */
export async function confirmFiling(d: Deps, store: SecureStore, officer: Officer, c: StoredCase): Promise<StoredCase> {
  if (c.filing === 'confirmed') return c;
  let cms: CourtCase | undefined;
  try {
    cms = await d.client.courtCase(c.number, { officerCode: officer.code });
  } catch (e) {
    if (isNetworkDown(e)) return store.cases.settleFiling(c.id, { filing: 'pending', note: '案件管理系统暂不可达，联网后再核对' });
    throw new AppFailure('GATEWAY_ERROR', { zh: '案件管理系统返回错误', en: 'the case-management system answered with an error' });
  }
  const why = cms ? filingMismatch(c.parties, cms) : undefined;
  const after = !cms
    ? store.cases.settleFiling(c.id, { filing: 'pending', note: '案件管理系统中尚无此案号：请核对案号，或待立案庭立案后再核对' })
    : why
      ? store.cases.settleFiling(c.id, { filing: 'refused', note: why })
      : confirmed(store, c.id, cms);
  store.audit.append({
    officer: officer.code, action: `case.filing.${after.filing}`, caseId: c.id, caseNumber: c.number,
    detail: { ...(after.filingNote ? { note: after.filingNote } : {}), ...(after.assignee ? { assignee: after.assignee } : {}) },
  });
  return after;
}
