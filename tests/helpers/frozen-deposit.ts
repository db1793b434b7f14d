/**
 * The common start of the deduction tests: a case whose only debtor has a free deposit covering
 * the case, queried, with that deposit frozen and the freeze executed.
 */
import { expect } from 'vitest';
import type { SandboxHandle } from '../../electron/sandbox';
import type { CaseDetail, CaseQueryView, CaseSummary } from '../../shared/domain/types';
import type { CaseMeasures, FreezePlan } from '../../shared/domain/measure-views';
import type { Measure } from '../../shared/domain/measures';
import { waitFor, type AppDriver } from './app-driver';

export async function caseWithFrozenDeposit(app: AppDriver, sandbox: SandboxHandle, maxCap = Number.MAX_SAFE_INTEGER): Promise<{ c: CaseDetail; freeze: Measure }> {
  const { value } = app;
  const list = await value<{ items: CaseSummary[] }>('cases', 'list', { limit: 500, mine: true });
  let c: CaseDetail | undefined;
  for (const s of list.items) {
    const d = await value<CaseDetail>('cases', 'get', { caseId: s.id });
    const debtors = d.parties.filter((p) => p.role === 'debtor');
    const subj = debtors.length === 1 ? sandbox.population.byId.get(debtors[0]!.idNumber) : undefined;
    const cap = d.amountOwed + d.costs;
    // a case whose cap grows with late-performance interest day by day is not this helper's
    if (subj && d.performanceDueOn === undefined && cap <= maxCap && subj.holdings.bankAccounts.some((a) => a.freezes.length === 0 && a.balance > cap)) {
      c = d;
      break;
    }
  }
  expect(c).toBeDefined();
  await value('query', 'start', { caseId: c!.id });
  await waitFor(async () => {
    const v = await value<CaseQueryView>('query', 'view', { caseId: c!.id });
    return v.requests.every((r) => ['answered', 'failed', 'manual'].includes(r.state)) ? v : undefined;
  });
  const plan = await value<FreezePlan>('measures', 'plan', { caseId: c!.id });
  const first = plan.suggestion.items[0]!;
  const endsOn = plan.candidates.find((x) => x.asset.id === first.assetId)!.maxEndDate;
  const { measures: [freeze] } = await value<{ measures: Measure[] }>('measures', 'freeze', { caseId: c!.id, items: [{ ...first, endsOn }] });
  await waitFor(async () => ((await value<CaseMeasures>('measures', 'list', { caseId: c!.id })).measures.find((m) => m.id === freeze!.id)?.state === 'executed' ? true : undefined));
  return { c: c!, freeze: freeze! };
}
