/**
 * What a click of 一键冻结 or 续冻 will send, laid out for the judge to read before 确认发送: each item
 * with its asset, institution and account, the amount (or 整体查封), the period "自…起至…止" and the
 * two documents it carries (shared/domain/measures.ts DOCUMENTS_FOR); then, item by item, where its
 * measure stands as the call's result and the 'measure.updated' events come in. Pure: no store.
 */
import type { AppError } from '../../../../shared/errors';
import { DOCUMENTS_FOR, type DocumentType, type FreezeView, type Measure } from '../../../../shared/domain/measures';
import type { FreezePlan, ReminderView } from '../../../../shared/domain/measure-views';
import type { AssetKind } from '../../../../shared/domain/types';
import { channelInfo, isChannelId } from '../../../../shared/domain/channels';
import { checkRenewal, isIndivisible, renewalPeriod } from '../../../../shared/rules';
import { readDateText } from '../../ui/date-input';
import type { Fen } from '../../../../shared/money';
import { channelName, type Lang } from '../../i18n/dict';
import type { DraftEval } from './freeze-draft';

export interface SendItem {
  /** the asset (freeze) or the freeze (renewal) the item acts on */
  key: string;
  institution: string;
  /** account, certificate or plate number */
  account: string;
  assetKind?: AssetKind;
  /** fen; absent for an asset sealed whole */
  amount?: Fen;
  start: string;
  end: string;
  /** a renewal: the freeze's current last day */
  currentEnd?: string;
  documents: readonly DocumentType[];
  /** the case, when the batch spans several (renewals from the calendar or a reminder) */
  caseNumber?: string;
}

export type SendPhase = 'confirm' | 'sending' | 'sent';

export interface SendBatch {
  kind: 'freeze' | 'renew';
  caseId?: string;
  items: SendItem[];
  phase: SendPhase;
  decisionId?: string;
  /** each item's measure, by item key, newest copy kept */
  measures: Record<string, Measure>;
  /** main's refusal of the whole call, when it names no item */
  error: AppError | null;
  /** main's refusal by item key */
  itemErrors: Record<string, AppError>;
  /** reminders this renewal answers: recorded delivered once it has gone */
  reminderKeys: string[];
  /** a single renewal's end date as the judge typed it (else the longest the law allows) */
  endsOn?: string;
}

function batch(kind: SendBatch['kind'], items: SendItem[], extra: Partial<SendBatch> = {}): SendBatch {
  return { kind, items, phase: 'confirm', measures: {}, error: null, itemErrors: {}, reminderKeys: [], ...extra };
}

/** The freeze the panel holds, once every rule is met (ev.ok): one item per ticked asset, in the plan's order. */
export function freezeBatch(plan: FreezePlan, ev: DraftEval): SendBatch | null {
  if (!ev.ok || !ev.request) return null;
  const byId = new Map(plan.candidates.map((c) => [c.asset.id, c]));
  const items = ev.request.map((r): SendItem => {
    const a = byId.get(r.assetId)!.asset;
    return {
      key: a.id, institution: a.institution, account: a.identifier, assetKind: a.kind,
      ...(r.amount !== undefined ? { amount: r.amount } : {}),
      start: plan.today, end: r.endsOn, documents: DOCUMENTS_FOR.freeze,
    };
  });
  return batch('freeze', items, { caseId: plan.caseId });
}

/** A freeze of the case's list or the calendar, renewed for as long as the law allows. */
export function renewItemOf(view: FreezeView & { caseNumber?: string }, lang: Lang): SendItem | null {
  const m = view.measure;
  const endsOn = view.endsOn ?? m.endsOn;
  if (!endsOn) return null;
  const p = renewalPeriod(endsOn, m.assetKind);
  const institution = isChannelId(m.channel) ? channelName(channelInfo(m.channel), lang) : m.channel;
  return {
    key: m.id, institution, account: m.assetIdentifier, assetKind: m.assetKind,
    ...(isIndivisible(m.assetKind) ? {} : { amount: view.frozen }),
    start: p.start, end: p.end, currentEnd: endsOn, documents: DOCUMENTS_FOR.renew,
    ...(view.caseNumber ? { caseNumber: view.caseNumber } : {}),
  };
}

export function renewBatch(views: (FreezeView & { caseNumber?: string })[], lang: Lang): SendBatch | null {
  const items = views.map((v) => renewItemOf(v, lang)).filter((x): x is SendItem => x !== null);
  return items.length ? batch('renew', items) : null;
}

/** A reminder's 续冻: the period main computed from the same rule (ReminderView.renewal). */
export function reminderBatch(reminders: ReminderView[]): SendBatch | null {
  if (reminders.length === 0) return null;
  const items = reminders.map((r): SendItem => ({
    key: r.freezeId, institution: r.assetDescription, account: '', assetKind: r.assetKind,
    ...(r.frozen > 0 && !isIndivisible(r.assetKind) ? { amount: r.frozen } : {}),
    start: r.renewal.start, end: r.renewal.end, currentEnd: r.endsOn, documents: DOCUMENTS_FOR.renew, caseNumber: r.caseNumber,
  }));
  return batch('renew', items, { reminderKeys: reminders.map((r) => r.key) });
}

/** The item a measure belongs to: the asset of a freeze, the freeze of a renewal. */
export function itemKeyOf(kind: SendBatch['kind'], m: Measure): string | undefined {
  return kind === 'freeze' ? m.assetId : m.freezeId;
}

/**
 * A measure's update applied to the batch it was decided in (by the decision's id; `fromCall`: the
 * call's own answer); anything else leaves it as it is.
 */
export function batchAfterUpdate(b: SendBatch, m: Measure, fromCall = false): SendBatch {
  if (!fromCall && (!b.decisionId || m.decisionId !== b.decisionId)) return b;
  const key = itemKeyOf(b.kind, m);
  if (!key || !b.items.some((i) => i.key === key)) return b;
  const had = b.measures[key];
  if (had && had.updatedAt > m.updatedAt) return b;
  return { ...b, measures: { ...b.measures, [key]: m } };
}

export type ItemProgress =
  | 'preparing' | 'documents' | 'awaiting_approval' | 'queued' | 'queued_offline' | 'sent' | 'unknown'
  | 'confirmed' | 'waiting' | 'rejected' | 'cancelled' | 'refused';

/** Where one item stands: before the call answers, its documents are being generated. */
export function progressOf(b: SendBatch, key: string, offline: boolean): ItemProgress {
  if (b.itemErrors[key]) return 'refused';
  const m = b.measures[key];
  if (!m) return 'preparing';
  switch (m.state) {
    case 'draft': return 'documents';
    case 'awaiting_approval': return 'awaiting_approval';
    case 'queued': return offline ? 'queued_offline' : 'queued';
    case 'sent': return 'sent';
    case 'unknown': return 'unknown';
    case 'rejected': return 'rejected';
    case 'cancelled': return 'cancelled';
    default: return (m.outcome?.queuePosition ?? 0) > 0 ? 'waiting' : 'confirmed';
  }
}

/** Every item has its agency's final answer (or main refused the call). */
export function batchSettled(b: SendBatch, offline: boolean): boolean {
  return b.items.every((i) => ['confirmed', 'waiting', 'rejected', 'cancelled', 'refused'].includes(progressOf(b, i.key, offline)));
}

/**
 * A single renewal's end date as typed, checked with the rule main applies again (docs/domain.md
 * rule 2): read as 年-月-日, after the current end, within the legal cap from the day after it.
 */
export function renewEndError(b: SendBatch, today: string): { zh: string; en: string } | null {
  const item = b.items[0];
  if (b.kind !== 'renew' || b.items.length !== 1 || b.endsOn === undefined || !item?.currentEnd || !item.assetKind) return null;
  const read = readDateText(b.endsOn);
  if (!read.ok) return read;
  if (read.value !== b.endsOn) return { zh: `请按 年-月-日 填写：${read.value}`, en: `Write the date as YYYY-MM-DD: ${read.value}` };
  const r = checkRenewal(today, item.currentEnd, read.value, item.assetKind);
  return r.ok ? null : { zh: r.zh, en: r.en };
}
