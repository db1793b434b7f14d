/**
 * IPC group `repeat` (docs/domain.md rule 1; SISBAJUD's teimosinha): a freeze order that
 * re-tries daily for up to 30 days until what is owed is covered. Stopping it is jobs.cancel.
 */
import { z } from 'zod';
import type { JobView } from './jobs';

const out = <T>() => z.custom<T>(() => true);
const id = z.string().min(1).max(64);

export const repeatFreezeGroup = {
  /** the judge orders it for his case: its first run goes at once */
  start: { policy: { act: 'measure.decide', case: 'caseId' }, input: z.object({ caseId: id }).strict(), output: out<JobView>() },
} as const;
