/**
 * Why a measure did not take effect, in the words the register and the 作废 mark print
 * (docs/documents.md): the agency's refusal in its own words and code, or the withdrawal. A
 * ruling or notice lists several measures' items; it is 作废 only when every one of them failed,
 * and otherwise it stands with the failed items named.
 */
import { channelInfo } from '../../shared/domain/channels';
import type { Measure, MeasureKind, MeasureState } from '../../shared/domain/measures';
import { FINAL_MEASURE_STATES } from '../engine/measure-store';

/** the final states but executed: refused by the agency, or withdrawn */
export const FAILED_MEASURE_STATES: ReadonlySet<MeasureState> = new Set(FINAL_MEASURE_STATES.filter((s) => s !== 'executed'));

const ACT_ZH: Record<MeasureKind, string> = { freeze: '冻结', renew: '续行冻结', unfreeze: '解除冻结', deduct: '扣划' };

/** Why one measure failed: 协助执行单位拒绝冻结：账户已销户（ACCOUNT_CLOSED）, or 措施已撤回，未发出. */
export function failureReason(m: Pick<Measure, 'state' | 'kind' | 'outcome' | 'error'>): string {
  if (m.state === 'cancelled') return m.error?.message ? `措施已撤回，未发出：${m.error.message}` : '措施已撤回，未发出';
  const act = ACT_ZH[m.kind];
  const r = m.outcome?.rejection;
  if (r) return `协助执行单位拒绝${act}：${r.message}（${r.code}）`;
  return m.error ? `协助执行单位拒绝${act}：${m.error.message}（${m.error.code}）` : `协助执行单位拒绝${act}`;
}

/** The item a measure is on a document, as a clerk finds it there: the institution and the account or certificate. */
export function itemLabel(m: Pick<Measure, 'channel' | 'assetIdentifier'>): string {
  return `${channelInfo(m.channel).zh} ${m.assetIdentifier}`;
}

/**
 * Why a document is 作废 once every measure it covers failed: a document of one measure gives
 * that measure's reason as it always has; one of several names each item with its reason.
 */
export function documentVoidReason(cover: readonly Pick<Measure, 'state' | 'kind' | 'outcome' | 'error' | 'channel' | 'assetIdentifier'>[]): string {
  if (cover.length === 1) return failureReason(cover[0]!);
  return `所列${cover.length}项均未执行。${cover.map((m) => `${itemLabel(m)}：${failureReason(m)}`).join('；')}`;
}
