/** Shapes of normalised findings, and a helper to build the Findings of one answer. */
import type { ExistingFreeze, Findings } from '../../../shared/domain/types';

export type FoundAsset = Findings['assets'][number];
export type FoundWhereabouts = Findings['whereabouts'][number];
export type FoundInfo = Findings['info'][number];

export function findings(p: Partial<Findings>): Findings {
  return { assets: p.assets ?? [], whereabouts: p.whereabouts ?? [], info: p.info ?? [] };
}

export function freeze(court: string, caseNumber: string, amount: number | undefined, until: string): ExistingFreeze {
  const f: ExistingFreeze = { court, until };
  if (caseNumber) f.caseNumber = caseNumber;
  if (amount !== undefined) f.amount = amount;
  return f;
}
