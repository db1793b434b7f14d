/** Which freezes can be deducted online now: in force, holding money, on a channel that deducts. */
import type { FreezeView } from '../../../../shared/domain/measures';
import type { CaseMeasures } from '../../../../shared/domain/measure-views';
import { channelInfo, isChannelId } from '../../../../shared/domain/channels';

export function deductibleFreezes(cm: CaseMeasures | null): FreezeView[] {
  if (!cm) return [];
  return cm.freezes.filter(
    (v) => v.status === 'in_force' && v.frozen > 0 && isChannelId(v.measure.channel) && channelInfo(v.measure.channel).measures.includes('deduct'),
  );
}
