/**
 * Cases: the list the officer may see, one case with its type's time limit (docs/domain.md rule 11), a case
 * entered by hand, the docket from the court's case-management system, and 结案 once paid in full.
 */
import { AppFailure } from '../../../shared/app-failure';
import { daysBetween, todayCst } from '../../../shared/dates';
import { caseTimeLimit } from '../../../shared/rules/time-limits';
import { capInterest } from '../../../shared/rules/cap';
import { preservationEndsOn } from '../../../shared/rules/preservation';
import type { SecureStore } from '../../store';
import type { CaseDetail, Officer, Party } from '../../../shared/domain/types';
import type { CaseListQuery, StoredCase } from '../../store/cases';
import { listScope } from '../authority';
import { pendingFilingOf, validateNewCase } from '../case-input';
import type { FeatureHandlers } from '../context';
import type { Deps } from '../deps';
import { importDocket } from '../docket';
import { confirmFiling } from '../filing';
import { casesClosing } from '../case-closing';
import type { MeasureOps } from '../measures/ops';

export function withDeadline(d: Deps, c: StoredCase, store: SecureStore): CaseDetail {
  const today = todayCst(d.now());
  const facts = caseFacts(store, c, today);
  const limit = caseTimeLimit(c.type, c.filedOn, d.holidays);
  if (!limit) return { ...c, ...facts };
  return { ...c, ...facts, deadline: limit.deadline, daysLeft: daysBetween(today, limit.deadline), deadlineBasis: limit.basis };
}

/**
 * What main computes for the case header from the store: the late-performance interest in the
 * cap (docs/domain.md rule 1) and, in a 执保 case, the 保全期限届满日 (rule 2).
 */
function caseFacts(store: SecureStore, c: StoredCase, today: string): Pick<CaseDetail, 'lateInterest' | 'preservationEndsOn'> {
  const out: Pick<CaseDetail, 'lateInterest' | 'preservationEndsOn'> = {};
  const interest = capInterest(store.measures.capInputFor(c.id, today));
  if (interest) out.lateInterest = { amount: interest.amount, from: interest.from, days: interest.days };
  if (c.type === '执保') {
    const ends = preservationEndsOn(store.measures.liveFreezes(c.id, today));
    if (ends) out.preservationEndsOn = ends;
  }
  return out;
}

/** The case list as the officer may see it (a clerk: his team's), "mine" narrowing it to his own. */
export function caseListQuery(officer: Officer, { mine, ...q }: Omit<CaseListQuery, 'scope' | 'assignees'> & { mine?: boolean }): CaseListQuery {
  const scope = listScope(officer);
  const own = mine ? (scope ? scope.assignees : [officer.code]) : undefined;
  return { ...q, ...(scope ? { scope } : {}), ...(own ? { assignees: own } : {}) };
}

export function caseHandlers(d: Deps, ops: MeasureOps): FeatureHandlers<'cases'> {
  const closePaidInFull = casesClosing(ops);
  return {
    list: (q, { store, officer }) => store.cases.list(caseListQuery(officer, q)),
    get: (_input, { store, case: c }) => withDeadline(d, c, store),
    create: async (input, { store, officer }) => {
      const v = validateNewCase(input, d.now(), d.court);
      const created = store.cases.create(pendingFilingOf(v, officer.code));
      store.audit.append({ officer: officer.code, action: 'case.create', caseId: created.id, caseNumber: created.number, detail: { debtors: v.parties.length - 1 } });
      // a pending filing until the case-management system bears it out (docs/authority.md)
      return withDeadline(d, await confirmFiling(d, store, officer, created), store);
    },
    confirmFiling: async (_input, { store, officer, case: c }) => withDeadline(d, await confirmFiling(d, store, officer, c), store),
    close: async ({ decisionId }, { session: s, case: c }) => {
      const r = await closePaidInFull(s, c, decisionId);
      return { case: withDeadline(d, r.case, s.store), releases: r.releases };
    },
    importFromCourt: async (_input, { store, officer }) => {
      if (!store.isOpen) throw new AppFailure('STORE_LOCKED');
      return importDocket(d, store, officer);
    },
  };
}
