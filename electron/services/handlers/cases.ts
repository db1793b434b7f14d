/**
 * Cases: the list the officer may see, one case with its type's time limit (docs/domain.md rule 11), a case
 * entered by hand, the docket from the court's case-management system, and 结案 once paid in full.
 */
import { AppFailure } from '../../../shared/app-failure';
import { daysBetween, todayCst } from '../../../shared/dates';
import { caseTimeLimit } from '../../../shared/rules/time-limits';
import type { CaseDetail } from '../../../shared/domain/types';
import type { StoredCase } from '../../store/cases';
import { listScope } from '../authority';
import { validateNewCase, type NewParty } from '../case-input';
import type { FeatureHandlers } from '../context';
import type { Deps } from '../deps';
import { importDocket } from '../docket';
import { confirmFiling } from '../filing';
import { casesClosing } from '../case-closing';
import type { MeasureOps } from '../measures/ops';

export function withDeadline(d: Deps, c: StoredCase): CaseDetail {
  const limit = caseTimeLimit(c.type, c.filedOn, d.holidays);
  if (!limit) return { ...c };
  return { ...c, deadline: limit.deadline, daysLeft: daysBetween(todayCst(d.now()), limit.deadline), deadlineBasis: limit.basis };
}

export function caseHandlers(d: Deps, ops: MeasureOps): FeatureHandlers<'cases'> {
  const closePaidInFull = casesClosing(ops);
  return {
    list: ({ mine, ...q }, { store, officer }) => {
      const scope = listScope(officer);
      const own = mine ? (scope ? scope.assignees : [officer.code]) : undefined;
      return store.cases.list({ ...q, ...(scope ? { scope } : {}), ...(own ? { assignees: own } : {}) });
    },
    get: (_input, { case: c }) => withDeadline(d, c),
    create: async (input, { store, officer }) => {
      const v = validateNewCase(input, d.now(), d.court);
      const strip = ({ role: _role, ...p }: NewParty) => p;
      const created = store.cases.create({
        number: v.number.text, filedOn: v.filedOn, cause: v.cause, amountOwed: v.amountOwed, costs: v.costs,
        applicant: strip(v.parties[0]!), debtors: v.parties.slice(1).map(strip), enteredBy: officer.code, filing: 'pending',
      });
      store.audit.append({ officer: officer.code, action: 'case.create', caseId: created.id, caseNumber: created.number, detail: { debtors: v.parties.length - 1 } });
      // a pending filing until the case-management system bears it out (docs/authority.md)
      return withDeadline(d, await confirmFiling(d, store, officer, created));
    },
    confirmFiling: async (_input, { store, officer, case: c }) => withDeadline(d, await confirmFiling(d, store, officer, c)),
    close: async ({ decisionId }, { session: s, case: c }) => {
      const r = await closePaidInFull(s, c, decisionId);
      return { case: withDeadline(d, r.case), releases: r.releases };
    },
    importFromCourt: async (_input, { store, officer }) => {
      if (!store.isOpen) throw new AppFailure('STORE_LOCKED');
      return importDocket(d, store, officer);
    },
  };
}
