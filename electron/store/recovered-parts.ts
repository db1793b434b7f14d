/**
 * What a case's `recovered` (执行到位金额, docs/domain.md rule 1, "What is recovered") is made of,
 * each part on its CST day: a deduction's credited fen on the day it was executed (or credited,
 * when the agency gave no day), and the debtor's own payments on the day he paid, reversed ones
 * left out. One SQL source: the cap's late interest (MeasureRepo.capInputFor) and the bureau
 * dashboard (DashboardReader) both read it, so the two cannot disagree on what was recovered when.
 */

/** rows (case_id, on_day, amount); filter it as a subquery: `SELECT … FROM (${RECOVERED_PARTS}) r WHERE …` */
export const RECOVERED_PARTS = /* sql */ `
  SELECT m.case_id AS case_id, date(coalesce(json_extract(m.outcome, '$.executedAt'), m.credited_at), '+8 hours') AS on_day, m.credited AS amount
    FROM measures m WHERE m.kind = 'deduct' AND m.credited IS NOT NULL
  UNION ALL
  SELECT p.case_id AS case_id, p.paid_on AS on_day, p.amount AS amount
    FROM debtor_payments p WHERE p.reverses IS NULL AND NOT EXISTS (SELECT 1 FROM debtor_payments x WHERE x.reverses = p.id)`;
