/**
 * One debtor's timeline across all of his case's records (docs/domain.md rule 8, "Refusing or
 * unable"): the balances each answer gave (as of that answer), an account first seen after an
 * earlier answer of its bank did not have it, a rise of a balance after filing, the money deducted,
 * his own payments, money arriving, restriction breaches and sightings, the property-report order and his report (or
 * its absence past the deadline), and his listing. Each entry names its record. Reads only, in a
 * fixed number of statements per debtor; the rule (shared/rules/conduct.ts) classifies.
 */
import { channelInfo, type ChannelId } from '../../../shared/domain/channels';
import type { DebtorConduct } from '../../../shared/domain/terminal';
import type { Party } from '../../../shared/domain/types';
import { formatYuan } from '../../../shared/money';
import { assessConduct, type ConductFacts, type TimelineEvent } from '../../../shared/rules/conduct';
import type { SecureStore } from '../../store';
import type { StoredCase } from '../../store/cases';
import type { ConductRecords } from '../../store/conduct';
import { debtorOf } from '../credit/facts';
import { todayCst } from '../../../shared/dates';

const tail = (identifier: string) => identifier.slice(-4);
const bank = (channel: string) => {
  const c = channelInfo(channel as ChannelId);
  return { zh: c.zh, en: c.en };
};

/** Balances, new accounts and rises after filing, from the answers of the deposit channels. */
export function depositEvents(r: ConductRecords, filedOn: string): TimelineEvent[] {
  const out: TimelineEvent[] = [];
  const last = new Map<string, number>();
  const firstAnswer = new Map<string, string>();
  for (const q of r.answered) if (!firstAnswer.has(q.channel)) firstAnswer.set(q.channel, q.asOf);
  for (const b of r.balances) {
    const key = `${b.channel}|${b.identifier}`;
    const name = bank(b.channel);
    const acct = { zh: `${name.zh}账户（尾号 ${tail(b.identifier)}）`, en: `${name.en} account ending ${tail(b.identifier)}` };
    const source = { kind: 'asset' as const, id: b.assetId };
    out.push({ at: b.asOf, kind: 'balance', amount: b.value, source, words: { zh: `${acct.zh}余额 ${formatYuan(b.value)}`, en: `${acct.en}: balance ${formatYuan(b.value)}` } });
    const before = last.get(key);
    const first = firstAnswer.get(b.channel);
    if (before === undefined && first !== undefined && first < b.asOf) {
      out.push({ at: b.asOf, kind: 'account-new', source, words: { zh: `${acct.zh}在立案后的查询中首次出现（此前该行答复中没有）`, en: `${acct.en} first appears after filing (an earlier answer of the bank did not list it)` } });
    }
    if (before !== undefined && b.value > before && todayCst(new Date(b.asOf)) >= filedOn) {
      const rise = b.value - before;
      out.push({ at: b.asOf, kind: 'balance-rise', amount: rise, source, words: { zh: `${acct.zh}余额立案后增加 ${formatYuan(rise)}`, en: `${acct.en}: balance rose by ${formatYuan(rise)} after filing` } });
    }
    last.set(key, b.value);
  }
  return out;
}

/** Deductions, his own payments, money arriving, breaches and sightings. */
function otherEvents(r: ConductRecords): TimelineEvent[] {
  const out: TimelineEvent[] = r.deductions.map((d) => ({
    at: d.at, kind: 'deduction', amount: d.amount, source: { kind: 'measure', id: d.measureId },
    words: { zh: `扣划到账 ${formatYuan(d.amount)}（强制执行，非自动履行）`, en: `${formatYuan(d.amount)} deducted (enforced, not paid by him)` },
  }));
  for (const p of r.payments) {
    out.push({
      at: p.paidOn, kind: 'payment', amount: p.amount, source: { kind: 'payment', id: p.paymentId },
      words: { zh: `${p.paidOn} 自动履行 ${formatYuan(p.amount)}`, en: `paid ${formatYuan(p.amount)} himself on ${p.paidOn}` },
    });
  }
  for (const a of r.alerts) {
    const kind = a.kind === 'restriction.breach' ? 'breach' : a.kind === 'whereabouts.sighting' ? 'sighting' : 'inflow';
    out.push({ at: a.raisedAt, kind, ...(a.amount !== undefined ? { amount: a.amount } : {}), source: { kind: 'alert', id: a.id }, words: { zh: a.reasonZh, en: a.reasonEn } });
  }
  return out;
}

/** The property-report order, his report (truthful or not) or its absence past the deadline, the listing. */
function creditEvents(store: SecureStore, c: StoredCase, p: Party, today: string): TimelineEvent[] {
  const out: TimelineEvent[] = [];
  const order = store.enforcementNotices.ofCase(c.id).find((n) => n.partyId === p.id && n.kind === 'report-order');
  const reports = store.enforcementNotices.reportsOf(c.id).filter((r) => r.partyId === p.id);
  if (order) {
    const served = order.servedOn ? { zh: `，${order.servedOn} 送达，报告期限至 ${order.deadlineOn ?? '—'}`, en: `, served ${order.servedOn}, report due by ${order.deadlineOn ?? '—'}` } : { zh: '，尚未送达', en: ', not yet served' };
    out.push({ at: order.issuedAt, kind: 'report-ordered', source: { kind: 'notice', id: order.id }, words: { zh: `发出报告财产令${served.zh}`, en: `property-report order issued${served.en}` } });
    if (order.deadlineOn && order.deadlineOn < today && !reports.some((r) => r.filedOn <= order.deadlineOn!)) {
      out.push({ at: order.deadlineOn, kind: 'report-missing', source: { kind: 'notice', id: order.id }, words: { zh: `报告期限 ${order.deadlineOn} 届满，未报告财产`, en: `no property report by the deadline ${order.deadlineOn}` } });
    }
  }
  for (const r of reports) {
    out.push(r.truthful
      ? { at: r.filedOn, kind: 'report-filed', source: { kind: 'report', id: r.id }, words: { zh: `${r.filedOn} 如实报告财产`, en: `property reported truthfully on ${r.filedOn}` } }
      : { at: r.filedOn, kind: 'report-untruthful', source: { kind: 'report', id: r.id }, words: { zh: `${r.filedOn} 报告财产不实`, en: `untruthful property report on ${r.filedOn}` } });
  }
  for (const l of store.creditListings.ofCase(c.id).filter((x) => x.partyId === p.id)) {
    out.push({
      at: l.listedOn ?? l.updatedAt, kind: 'listing', source: { kind: 'listing', id: l.id },
      words: { zh: `失信名单（第${l.ground}项情形）：${LISTING_STATE_WORDS[l.state].zh}`, en: `dishonest listing (ground ${l.ground}): ${LISTING_STATE_WORDS[l.state].en}` },
    });
  }
  return out;
}

const LISTING_STATE_WORDS = {
  draft: { zh: '草稿', en: 'draft' },
  proposed: { zh: '已提请审批', en: 'proposed' },
  refused: { zh: '未获批准', en: 'refused' },
  listed: { zh: '已纳入', en: 'listed' },
  removed: { zh: '已删除', en: 'removed' },
} as const;

/** The facts of one debtor's conduct, from every record of his case. */
export function conductFacts(store: SecureStore, c: StoredCase, p: Party, today: string): ConductFacts {
  const r = store.conductRecords.records(c.id, p.id);
  return {
    partyId: p.id, name: p.name, filedOn: c.filedOn, today,
    events: [...depositEvents(r, c.filedOn), ...otherEvents(r), ...creditEvents(store, c, p, today)],
  };
}

/** The timeline, the proposal with its facts, and the judge's latest word. */
export function debtorConduct(store: SecureStore, c: StoredCase, partyId: string, today: string): DebtorConduct {
  const p = debtorOf(c, partyId);
  const review = store.conduct.latest(c.id, p.id);
  return { partyId: p.id, name: p.name, assessment: assessConduct(conductFacts(store, c, p, today)), ...(review ? { review } : {}) };
}
