/**
 * 终本 (docs/domain.md rule 12): the five conditions of 终本规定 第一条, as a pure rule over facts the
 * service gathers from the case's own records. Each condition says what it rests on (with the
 * record each fact comes from) and, when unmet, what is missing in the judge's words. The case
 * may be closed this way only when all five hold.
 */
import { addMonths, type IsoDate } from '../dates';
import type { ChannelId } from '../domain/channels';
import { ARTICLES } from '../legal/basis';
import type { Fen } from '../money';

export type Words = { zh: string; en: string };

/** The record a fact rests on, so the judge can open it. */
export interface SourceRef {
  kind: 'notice' | 'credit-exchange' | 'listing-reason' | 'request' | 'asset' | 'finding' | 'case' | 'measure' | 'alert' | 'report' | 'listing' | 'payment';
  id: string;
}

export interface Fact extends Words {
  source?: SourceRef;
}

export interface NoticeFact {
  id: string;
  kind: 'execution-notice' | 'report-order';
  issuedAt: string;
  servedOn?: IsoDate;
}

export interface ChannelFact {
  channel: ChannelId;
  /** zh / en name of the channel */
  name: Words;
  /** the latest query of this channel for this debtor, if any */
  requestId?: string;
  state?: 'pending' | 'sent' | 'waiting' | 'answered' | 'failed' | 'manual';
}

export interface PropertyLeft {
  assetId: string;
  description: string;
  value?: Fen;
}

export interface DebtorTerminalFacts {
  partyId: string;
  name: string;
  notices: NoticeFact[];
  /** an accepted restriction.issue exchange for this debtor */
  restriction?: { id: string; acceptedAt?: string };
  /** an accepted listing.publish exchange for this debtor */
  listing?: { id: string; acceptedAt?: string };
  /** the judge's recorded reason the listing does not apply (an exclusion of rule 8) */
  listingNotApplicable?: { id: string; reason: string };
  /** every property channel that applies to this debtor, with its latest query */
  channels: ChannelFact[];
  /** property found and not yet disposed of (not taken, not exempt) */
  propertyLeft: PropertyLeft[];
  /** a finding in force that the debtor is missing */
  missing?: { findingSeq: number };
  /** whereabouts queries answered for this debtor */
  whereaboutsAnswered: { requestId: string; channel: Words }[];
}

export interface TerminalFacts {
  caseId: string;
  filedOn: IsoDate;
  today: IsoDate;
  debtors: DebtorTerminalFacts[];
}

export const TERMINAL_CONDITIONS = ['notices', 'credit', 'investigation', 'time', 'search'] as const;
export type TerminalConditionId = (typeof TERMINAL_CONDITIONS)[number];

/** What is missing, in the judge's words; where the judge can supply it on the 终本 tab, for whom. */
export interface Missing extends Words {
  /** the debtor neither listed nor recorded as a case the listing does not apply to: the judge may record the reason */
  listingReasonFor?: string;
}

export interface TerminalCondition {
  id: TerminalConditionId;
  title: Words;
  met: boolean;
  /** what the condition rests on, each linking to its record */
  facts: Fact[];
  /** unmet: what is missing, in the judge's words */
  missing: Missing[];
}

export interface TerminalChecklist {
  caseId: string;
  ready: boolean;
  conditions: TerminalCondition[];
  basis: string;
}

const TITLES: Record<TerminalConditionId, Words> = {
  notices: { zh: '已向被执行人发出执行通知、责令被执行人报告财产', en: 'execution notice and property-report order served' },
  credit: { zh: '已发出限制消费令，并将符合条件的被执行人纳入失信名单', en: 'consumption restriction issued and listing done where it applies' },
  investigation: { zh: '已穷尽财产调查措施，未发现可供执行的财产或发现的财产不能处置', en: 'every investigation measure used, no property left to dispose of' },
  time: { zh: '自执行案件立案之日起已超过三个月', en: 'more than three months since filing' },
  search: { zh: '被执行人下落不明的，已依法予以查找', en: 'a missing debtor has been searched for' },
};

const condition = (id: TerminalConditionId, facts: Fact[], missing: Missing[]): TerminalCondition =>
  ({ id, title: TITLES[id], met: missing.length === 0, facts, missing });

/** 终本规定 第一条第一项: both documents served on every debtor (民诉法 第二百五十一、二百五十二条). */
export function noticesCondition(f: TerminalFacts): TerminalCondition {
  const facts: Fact[] = [];
  const missing: Words[] = [];
  const label = { 'execution-notice': { zh: '执行通知书', en: 'execution notice' }, 'report-order': { zh: '报告财产令', en: 'property-report order' } };
  for (const d of f.debtors) {
    for (const kind of ['execution-notice', 'report-order'] as const) {
      const n = d.notices.find((x) => x.kind === kind);
      if (n?.servedOn) facts.push({ zh: `${d.name}：${label[kind].zh}已于${n.servedOn}送达`, en: `${d.name}: ${label[kind].en} served on ${n.servedOn}`, source: { kind: 'notice', id: n.id } });
      else if (n) missing.push({ zh: `${d.name}的${label[kind].zh}已发出但尚未送达`, en: `${d.name}'s ${label[kind].en} is issued but not served` });
      else missing.push({ zh: `尚未向${d.name}发出${label[kind].zh}`, en: `no ${label[kind].en} issued to ${d.name}` });
    }
  }
  return condition('notices', facts, missing);
}

/** 第一条第二项: a restriction issued on every debtor; listed, or the judge's recorded reason it does not apply. */
export function creditCondition(f: TerminalFacts): TerminalCondition {
  const facts: Fact[] = [];
  const missing: Missing[] = [];
  for (const d of f.debtors) {
    if (d.restriction) facts.push({ zh: `${d.name}：限制消费令已由信用平台接收`, en: `${d.name}: the consumption restriction was accepted by the credit platform`, source: { kind: 'credit-exchange', id: d.restriction.id } });
    else missing.push({ zh: `尚未对${d.name}发出限制消费令（或信用平台尚未接收）`, en: `no consumption restriction accepted for ${d.name}` });
    if (d.listing) facts.push({ zh: `${d.name}：已纳入失信被执行人名单`, en: `${d.name}: listed as a dishonest debtor`, source: { kind: 'credit-exchange', id: d.listing.id } });
    else if (d.listingNotApplicable) facts.push({ zh: `${d.name}：不适用纳入失信名单——${d.listingNotApplicable.reason}`, en: `${d.name}: listing does not apply — ${d.listingNotApplicable.reason}`, source: { kind: 'listing-reason', id: d.listingNotApplicable.id } });
    else missing.push({ zh: `${d.name}尚未纳入失信名单，也未记录不适用的理由`, en: `${d.name} is neither listed nor recorded as a case the listing does not apply to`, listingReasonFor: d.partyId });
  }
  return condition('credit', facts, missing);
}

/** 第一条第三项: every property channel answered for every debtor, and no property left to dispose of. */
export function investigationCondition(f: TerminalFacts): TerminalCondition {
  const facts: Fact[] = [];
  const missing: Words[] = [];
  for (const d of f.debtors) {
    const notAnswered = d.channels.filter((c) => c.state !== 'answered');
    const answered = d.channels.length - notAnswered.length;
    if (answered > 0) {
      const last = d.channels.find((c) => c.state === 'answered' && c.requestId);
      facts.push({ zh: `${d.name}：${answered} 个财产查询渠道均已反馈`, en: `${d.name}: ${answered} property channels answered`, ...(last?.requestId ? { source: { kind: 'request', id: last.requestId } as SourceRef } : {}) });
    }
    for (const c of notAnswered) {
      missing.push(c.requestId
        ? { zh: `${d.name}的${c.name.zh}查询尚无反馈（${c.state}）`, en: `${d.name}: the ${c.name.en} query has no answer (${c.state})` }
        : { zh: `尚未向${c.name.zh}查询${d.name}的财产`, en: `${c.name.en} was never queried for ${d.name}` });
    }
    for (const p of d.propertyLeft) {
      missing.push({ zh: `${d.name}名下尚有可供执行的财产未处置：${p.description}`, en: `${d.name} still holds property not disposed of: ${p.description}` });
    }
    if (notAnswered.length === 0 && d.propertyLeft.length === 0) {
      facts.push({ zh: `${d.name}：未发现可供执行的财产`, en: `${d.name}: no property found to enforce against` });
    }
  }
  return condition('investigation', facts, missing);
}

/** 第一条第四项: more than three months since filing (the day three months on has passed). */
export function timeCondition(f: TerminalFacts): TerminalCondition {
  const after = addMonths(f.filedOn, 3);
  const fact: Fact = { zh: `立案日期 ${f.filedOn}，满三个月之日为 ${after}，今日 ${f.today}`, en: `filed ${f.filedOn}; three months run to ${after}; today ${f.today}`, source: { kind: 'case', id: f.caseId } };
  return condition('time', [fact], f.today > after ? [] : [{ zh: `自立案之日起尚未超过三个月（${after} 之后方可终本）`, en: `three months since filing have not passed (not before ${after})` }]);
}

/** 第一条第五项: a debtor found missing has been searched for through the whereabouts channels. */
export function searchCondition(f: TerminalFacts): TerminalCondition {
  const facts: Fact[] = [];
  const missing: Words[] = [];
  for (const d of f.debtors) {
    if (!d.missing) continue;
    if (d.whereaboutsAnswered.length) {
      for (const w of d.whereaboutsAnswered) facts.push({ zh: `${d.name}下落不明，已查询${w.channel.zh}`, en: `${d.name} is missing; ${w.channel.en} was queried`, source: { kind: 'request', id: w.requestId } });
    } else {
      missing.push({ zh: `${d.name}下落不明，尚未依法查找（户籍、出入境、住宿均未查询）`, en: `${d.name} is missing and has not been searched for (no whereabouts query answered)` });
    }
  }
  if (!f.debtors.some((d) => d.missing)) facts.push({ zh: '无认定下落不明的被执行人', en: 'no debtor is recorded as missing' });
  return condition('search', facts, missing);
}

/** The checklist of 终本规定 第一条: all five must hold. */
export function terminalChecklist(f: TerminalFacts): TerminalChecklist {
  const conditions = [noticesCondition(f), creditCondition(f), investigationCondition(f), timeCondition(f), searchCondition(f)];
  return { caseId: f.caseId, ready: conditions.every((c) => c.met), conditions, basis: ARTICLES.terminal1 };
}

/** After 终本 the network is re-queried every six months for five years: ten runs (终本规定 第九条). */
export const TERMINAL_REQUERY_MONTHS = 6;
export const TERMINAL_REQUERY_RUNS = 10;

/** The date of the n-th re-query (1-based) after a 终本 ruling on `closedOn`. */
export function requeryDate(closedOn: IsoDate, run: number): IsoDate {
  return addMonths(closedOn, TERMINAL_REQUERY_MONTHS * run);
}
