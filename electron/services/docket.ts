/**
 * The court's docket from its case-management system, page by page; idempotent by case number.
 * Each case comes with its 承办人, so a reassignment in the system is a reassignment here.
 */
import { AppFailure } from '../../shared/app-failure';
import type { Officer } from '../../shared/domain/types';
import { todayCst } from '../../shared/dates';
import { parseCaseNumber } from '../../shared/ids/case-number';
import { validateSubjectId } from '../../shared/ids/subject-id';
import { LEGAL_BASIS } from '../../shared/legal/basis';
import type { NewCase, SecureStore } from '../store';
import type { Deps } from './deps';
import { filingMismatch } from './filing';

export function isNetworkDown(e: unknown): boolean {
  const code = (e as { kind?: string; code?: string })?.kind ?? (e as { code?: string })?.code;
  return code === 'unreachable' || code === 'ECONNREFUSED';
}

export async function importDocket(d: Deps, store: SecureStore, officer: Officer): Promise<{ imported: number; total: number }> {
  const cases: NewCase[] = [];
  let offset = 0;
  let total = 0;
  let skipped = 0;
  const today = todayCst(d.now());
  do {
    let page;
    try {
      page = await d.client.courtCases(d.court, offset, 100, { officerCode: officer.code });
    } catch (e) {
      if (isNetworkDown(e)) throw new AppFailure('NETWORK_DOWN');
      throw new AppFailure('GATEWAY_ERROR', { zh: '案件管理系统返回错误', en: 'the case-management system answered with an error' });
    }
    total = page.total;
    for (const it of page.items) {
      const num = parseCaseNumber(it.number);
      const ids = [it.applicant, ...it.debtors].every((p) => validateSubjectId(p.kind, p.idNumber, today).ok);
      if (!num.ok || !ids || it.debtors.length === 0) {
        skipped++;
        continue;
      }
      cases.push({
        number: num.value.text, filedOn: it.filedOn, cause: it.cause, amountOwed: it.amountOwed, costs: it.costs,
        applicant: it.applicant, debtors: it.debtors, ...(it.assignee ? { assignee: it.assignee } : {}),
        ...(it.performanceDueOn !== undefined && it.interestPrincipal !== undefined ? { performanceDueOn: it.performanceDueOn, interestPrincipal: it.interestPrincipal } : {}),
        // the system's closing history (docs/dashboard.md): a closed case arrives closed, with its day and way
        ...(it.closedOn !== undefined && it.closing !== undefined ? { closedOn: it.closedOn, cmsClosing: it.closing } : {}),
      });
    }
    offset += page.items.length;
    if (page.items.length === 0) break;
  } while (offset < total);
  // a filing entered here by hand is confirmed by the docket only if the docket bears it out
  let refused = 0;
  const kept = cases.filter((c) => {
    const local = store.cases.list({ search: c.number, limit: 5 }).items.find((x) => x.number === c.number);
    if (!local || local.filing === 'confirmed') return true;
    const why = filingMismatch(store.cases.get(local.id)!.parties, { ...c, assignee: c.assignee });
    if (!why) return true;
    store.cases.settleFiling(local.id, { filing: 'refused', note: why });
    refused++;
    return false;
  });
  const r = store.cases.upsertMany(kept);
  store.audit.append({ officer: officer.code, action: 'case.import', legalBasis: LEGAL_BASIS.caseImport, detail: { imported: r.imported, updated: r.updated, skipped, refused, total } });
  return { imported: r.imported, total: r.total };
}
