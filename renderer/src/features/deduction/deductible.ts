/** Which freezes can be deducted online now: in force, holding money, on a channel that deducts. */
import type { FreezeView, Measure } from '../../../../shared/domain/measures';
import type { CaseMeasures, DeductionPrep } from '../../../../shared/domain/measure-views';
import { channelInfo, isChannelId } from '../../../../shared/domain/channels';

export function deductibleFreezes(cm: CaseMeasures | null): FreezeView[] {
  if (!cm) return [];
  return cm.freezes.filter(
    (v) => v.status === 'in_force' && v.frozen > 0 && isChannelId(v.measure.channel) && channelInfo(v.measure.channel).measures.includes('deduct'),
  );
}

/**
 * The accounts hearing mode steps through: the deductible ones, and those deducted here in this
 * sitting — an account taken in full leaves the deductible list but keeps its place and its
 * result, so the judge's next and previous stay where they were. Oldest freeze first.
 */
export function hearingRoster(cm: CaseMeasures | null, deductedHere: readonly string[]): Measure[] {
  if (!cm) return [];
  const open = new Set(deductibleFreezes(cm).map((v) => v.measure.id));
  const keep = new Set(deductedHere);
  return cm.measures.filter((m) => m.kind === 'freeze' && (open.has(m.id) || keep.has(m.id)));
}

/**
 * Now on the program's clock: main's time when it prepared the deduction, plus what the window's
 * clock has run since it received it. In sandbox mode the program's clock is the sandbox's, which a
 * trainer moves; measuring the balance's age on the window's clock would call it "from the future".
 */
export function programNow(prep: Pick<DeductionPrep, 'preparedAt'>, receivedAtMs: number, nowMs = Date.now()): string {
  const at = Date.parse(prep.preparedAt);
  return Number.isNaN(at) ? new Date(nowMs).toISOString() : new Date(at + Math.max(0, nowMs - receivedAtMs)).toISOString();
}
