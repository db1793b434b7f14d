/**
 * IPC group `dashboard`: the bureau dashboard (docs/dashboard.md). `read` answers the figures of a
 * month, quarter or year; `cases` the cases behind one figure (a filtered case list). A judge sees
 * his own cases only; the bureau's figures, and another judge's, are for a chief or the director
 * (act dashboard.bureau): a judge asking for another judge's is refused with the reason and the
 * refusal is recorded. The period is checked in main with a message in the judge's language.
 */
import { z } from 'zod';
import { FIGURE_KEYS, type Dashboard } from '../../domain/dashboard';
import type { CaseSummary } from '../../domain/types';

const out = <T>() => z.custom<T>(() => true);
const period = z.object({ kind: z.enum(['month', 'quarter', 'year']), of: z.string().max(10) }).strict();
const judge = z.string().min(1).max(32);
const READ = { act: 'dashboard.read', read: true } as const;

export const dashboardGroup = {
  read: { policy: READ, input: z.object({ period, judge: judge.optional() }).strict(), output: out<Dashboard>() },
  cases: {
    policy: READ,
    input: z.object({
      period, judge: judge.optional(), figure: z.enum(FIGURE_KEYS),
      way: z.enum(['completed', 'terminal', 'ended', 'withdrawn', 'not-enforced']).optional(),
    }).strict(),
    output: out<{ total: number; items: CaseSummary[] }>(),
  },
} as const;
