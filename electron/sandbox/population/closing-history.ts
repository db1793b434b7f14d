/**
 * The demo court's closing history: cases of 2024 the case-management system holds as closed —
 * filed, assigned to one of the demo judges, closed on a day and in a way (执行完毕, 终本, 终结执行,
 * 销案, 不予执行). Drawn from its own stream of the seed, after the docket, so the docket and the
 * population stay as they were; filed before the docket's first case, so a list newest first shows
 * the open docket before them. The bureau dashboard counts them (docs/dashboard.md).
 */
import { addDays } from '../../../shared/dates';
import type { CaseClosing } from '../../../shared/domain/types';
import { hash32, Rng } from '../prng';
import { dateBetween } from './calendar';
import { DEMO_COURT, assigneeFor, enforcementFee } from './docket';
import { CAUSES } from './names';
import type { DocketCase, DocketParty, Population, Subject } from './types';

export const HISTORY_CASES = 60;

/** the ways a case of the history is closed, weighted roughly as a bureau's year */
const WAYS: readonly (readonly [CaseClosing, number])[] = [['completed', 45], ['terminal', 40], ['ended', 7], ['withdrawn', 5], ['not-enforced', 3]];

const party = (s: Subject): DocketParty => ({ kind: s.kind, name: s.name, idNumber: s.idNumber });

export function makeClosingHistory(pop: Pick<Population, 'seed' | 'persons' | 'companies'>, count = HISTORY_CASES): DocketCase[] {
  const rng = new Rng(hash32(pop.seed, 'closing-history'));
  const subjects: Subject[] = [...pop.persons, ...pop.companies];
  const filed = Array.from({ length: count }, () => dateBetween(rng, '2024-01-02', '2024-12-27')).sort();
  return filed.map((filedOn, i) => {
    const way = rng.weighted(WAYS);
    // 执行完毕 mostly within the six months, 终本 often after a longer search
    const days = way === 'completed' ? rng.int(20, 260) : way === 'terminal' ? rng.int(90, 420) : rng.int(15, 200);
    const debtor = rng.pick(subjects);
    let applicant: Subject;
    do applicant = rng.pick(subjects);
    while (applicant.idNumber === debtor.idNumber);
    const amountOwed = rng.logInt(300_000, 50_000_000);
    const number = `(2024)${DEMO_COURT}执${101 + i}号`;
    return {
      number, filedOn, cause: rng.weighted(CAUSES), amountOwed, costs: enforcementFee(amountOwed),
      applicant: party(applicant), debtors: [party(debtor)], assignee: assigneeFor(number),
      closedOn: addDays(filedOn, days), closing: way,
    };
  });
}
