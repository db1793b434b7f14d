/**
 * IPC group `conduct`: a debtor's timeline across his case's records and the 失信 / 失能 / 积极履行
 * proposal with every fact it rests on; the case's judge confirms or overrides it with a reason
 * (docs/domain.md rule 8). The listing wizard's check carries the same proposal.
 */
import { z } from 'zod';
import type { DebtorConduct } from '../../domain/terminal';
import { CONDUCT_CLASSES } from '../../rules/conduct';
import { caseRead } from '../policy';

const out = <T>() => z.custom<T>(() => true);
const id = z.string().min(1).max(64);

export const conductGroup = {
  timeline: { policy: caseRead('caseId'), input: z.object({ caseId: id, partyId: id }).strict(), output: out<DebtorConduct>() },
  confirm: {
    policy: { act: 'conduct.confirm', case: 'caseId' },
    input: z.object({ caseId: id, partyId: id, classification: z.enum(CONDUCT_CLASSES), reason: z.string().max(1000).optional() }).strict(),
    output: out<DebtorConduct>(),
  },
} as const;
