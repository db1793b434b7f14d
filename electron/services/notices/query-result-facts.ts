/**
 * What a 查询结果告知书 states (docs/documents.md, "查询结果告知书"), read from the case's own records:
 * for each debtor and each property channel, the latest request and what its answer found (the
 * assets with their kind, institution, account and balance; the records of an information channel),
 * 未查询到财产 for an answer that found nothing, 未反馈 for a request not answered; the span of the
 * queries and the time of the last answer; the freezes in force and the deductions made. Reads only.
 */
import { todayCst } from '../../../shared/dates';
import { channelsFor, type ChannelId } from '../../../shared/domain/channels';
import type { Asset, ChannelRequest, InfoRecord, Party } from '../../../shared/domain/types';
import { arabicDate } from '../../../shared/documents/numerals';
import { formatYuan } from '../../../shared/money';
import { isIndivisible } from '../../../shared/rules/cap';
import { ASSET_KIND_ZH } from '../../../shared/sheets/labels';
import type { SecureStore } from '../../store';
import type { StoredCase } from '../../store/cases';
import { itemLabel } from '../../store/measure-failure';
import { latestRequests } from '../terminal/facts';

/** the result of one channel for one debtor, in the notice's words */
export const CHANNEL_RESULT_WORDS = { none: '未查询到财产', unanswered: '未反馈', notAsked: '未查询' } as const;

export interface ChannelResult {
  channel: ChannelId;
  name: string;
  /** found: the assets the answer found, a line each; records: an information channel's records, counted; otherwise one of CHANNEL_RESULT_WORDS */
  found: string[];
  records?: number;
  result: 'found' | 'records' | keyof typeof CHANNEL_RESULT_WORDS;
}

export interface DebtorResults {
  party: Party;
  channels: ChannelResult[];
}

export interface QueryResultFacts {
  debtors: DebtorResults[];
  /** the first request sent and the last answer received (ISO), over the requests stated */
  from: string;
  asOf: string;
  /** freezes in force or waiting, and deductions made, a line each */
  measures: string[];
}

const CASH_LIKE = new Set<Asset['kind']>(['deposit', 'online_funds', 'provident_fund', 'wealth']);

/** 银行存款：中国工商银行贵阳分行 6222…，余额12,345.67元 */
export function assetNoticeLine(a: Asset): string {
  const value = a.value !== undefined ? `，${CASH_LIKE.has(a.kind) ? '余额' : '价值'}${formatYuan(a.value)}` : '';
  const free = a.available !== undefined && a.value !== undefined && a.available !== a.value ? `（其中未被冻结${formatYuan(a.available)}）` : '';
  const held = a.existingFreezes.length ? `，已被${a.existingFreezes.map((f) => f.court).join('、')}冻结或查封` : '';
  return `${ASSET_KIND_ZH[a.kind]}：${a.institution} ${a.identifier}${value}${free}${held}`;
}

function channelResult(ch: { id: ChannelId; zh: string }, r: ChannelRequest | undefined, assets: readonly Asset[], info: readonly InfoRecord[]): ChannelResult {
  if (!r) return { channel: ch.id, name: ch.zh, found: [], result: 'notAsked' };
  if (r.state !== 'answered') return { channel: ch.id, name: ch.zh, found: [], result: 'unanswered' };
  const found = assets.filter((a) => a.requestId === r.id).map(assetNoticeLine);
  // an information channel's records (tax, insurance, marriage) name other people: the notice counts them
  const records = info.filter((i) => i.requestId === r.id).length;
  return { channel: ch.id, name: ch.zh, found, ...(records ? { records } : {}), result: found.length ? 'found' : records ? 'records' : 'none' };
}

/** The measures taken on what was found: freezes in force (or waiting) with the amount still held, deductions made. */
function measureLines(store: SecureStore, c: StoredCase, today: string): string[] {
  const name = (partyId: string) => c.parties.find((p) => p.id === partyId)?.name ?? '';
  const freezes = store.measures.liveFreezes(c.id, today)
    .filter((f) => f.status === 'in_force' || f.status === 'waiting')
    .map((f) => {
      const m = f.measure;
      const verb = isIndivisible(m.assetKind) ? '查封' : '冻结';
      const amount = f.frozen > 0 ? `，${verb}数额${formatYuan(f.frozen)}` : '';
      const until = f.endsOn ? `，期限至${arabicDate(f.endsOn)}` : '';
      const queue = f.status === 'waiting' ? `（轮候第${f.queuePosition}位）` : '';
      return `${verb}被执行人${name(m.partyId)}在${itemLabel(m)}的${ASSET_KIND_ZH[m.assetKind]}${amount}${until}${queue}`;
    });
  const deductions = store.measures.list({ caseId: c.id, kind: 'deduct', states: ['executed'] })
    .map((m) => `扣划被执行人${name(m.partyId)}在${itemLabel(m)}的${ASSET_KIND_ZH[m.assetKind]}${formatYuan(m.outcome?.deductedAmount ?? m.amount ?? 0)}`);
  return [...freezes, ...deductions];
}

/** The facts of the notice, or undefined when no debtor of the case was ever queried. */
export function queryResultFacts(store: SecureStore, c: StoredCase, now: Date): QueryResultFacts | undefined {
  const view = store.caseQueryView(c.id);
  const latest = latestRequests(store.requests.listForCase(c.id));
  const stated: ChannelRequest[] = [];
  const debtors = c.parties.filter((p) => p.role === 'debtor').map((party): DebtorResults => ({
    party,
    channels: channelsFor(party.kind, 'property').map((ch) => {
      const r = latest.get(`${party.id}|${ch.id}`);
      if (r) stated.push(r);
      return channelResult(ch, r, view.assets, view.info);
    }),
  }));
  if (stated.length === 0) return undefined;
  const answered = stated.filter((r) => r.state === 'answered');
  const from = stated.reduce((m, r) => (r.createdAt < m ? r.createdAt : m), stated[0]!.createdAt);
  const asOf = (answered.length ? answered : stated).reduce((m, r) => (r.updatedAt > m ? r.updatedAt : m), from);
  return { debtors, from, asOf, measures: measureLines(store, c, todayCst(now)) };
}
