/**
 * IPC group `payments`: a debtor's own payments (自动履行, docs/domain.md rule 1,
 * "What is recovered"). The case's judge or a clerk or assistant of his team records one or reverses it
 * with a reason (act payment.record); anyone who may read the case lists them. The amount, the date
 * and the party are checked in main with a message in the judge's language.
 */
import { z } from 'zod';
import type { CasePayments, DebtorPayment } from '../../domain/payments';
import { caseRead } from '../policy';

const out = <T>() => z.custom<T>(() => true);
const id = z.string().min(1).max(64);

export const paymentsGroup = {
  list: { policy: caseRead('caseId'), input: z.object({ caseId: id }).strict(), output: out<CasePayments>() },
  record: {
    policy: { act: 'payment.record', case: 'caseId' },
    // amount, date and method checked by the store in the judge's words (not zod's)
    input: z.object({ caseId: id, partyId: id, amount: z.number(), paidOn: z.string().max(32), method: z.string().max(32), note: z.string().max(1000).optional() }).strict(),
    output: out<DebtorPayment>(),
  },
  reverse: {
    policy: { act: 'payment.record', case: 'caseId' },
    input: z.object({ caseId: id, paymentId: id, reason: z.string().max(1000) }).strict(),
    output: out<DebtorPayment>(),
  },
} as const;
