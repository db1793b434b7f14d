/** The case's freezes with what acts on them, for the list; and how an asset is named. */
import type { FreezeView, Measure } from '../../../../shared/domain/measures';
import type { CaseMeasures } from '../../../../shared/domain/measure-views';
import { channelInfo, isChannelId } from '../../../../shared/domain/channels';
import { channelName, type Lang } from '../../i18n/dict';

export interface FreezeEntry {
  measure: Measure;
  view: FreezeView | undefined;
  /** renewals, releases, deductions acting on it, oldest first */
  related: Measure[];
}

export function entriesOf(cm: CaseMeasures): FreezeEntry[] {
  const views = new Map(cm.freezes.map((v) => [v.measure.id, v]));
  const related = new Map<string, Measure[]>();
  for (const m of cm.measures) {
    if (!m.freezeId) continue;
    const list = related.get(m.freezeId) ?? [];
    list.push(m);
    related.set(m.freezeId, list);
  }
  // a freeze main lists only as a view (its measure not in the list) still shows
  const freezes = cm.measures.filter((m) => m.kind === 'freeze');
  for (const v of cm.freezes) if (!freezes.some((m) => m.id === v.measure.id)) freezes.push(v.measure);
  return freezes
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
    .map((m) => ({ measure: m, view: views.get(m.id), related: (related.get(m.id) ?? []).sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1)) }));
}

/** "中国工商银行 6222…", the way the judge names an asset. */
export function assetLabel(m: Pick<Measure, 'channel' | 'assetIdentifier'>, lang: Lang): string {
  const ch = isChannelId(m.channel) ? channelName(channelInfo(m.channel), lang) : m.channel;
  return `${ch} ${m.assetIdentifier}`;
}
