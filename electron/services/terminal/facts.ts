/**
 * The facts of the 终本 checklist (docs/domain.md rule 12) gathered from the case's own records:
 * the notices and their service (enforcement_notices), the credit platform's acceptance of the
 * restriction and the listing (credit_exchanges), the queries of every property channel and what
 * they found (requests, findings), the filing date, and the whereabouts finding and queries. Reads
 * only; the rule (shared/rules/terminal.ts) decides.
 */
import { channelInfo, channelsFor } from '../../../shared/domain/channels';
import type { Asset, ChannelRequest, Party } from '../../../shared/domain/types';
import { formatYuanSymbol } from '../../../shared/money';
import type { ChannelFact, DebtorTerminalFacts, PropertyLeft, TerminalFacts } from '../../../shared/rules/terminal';
import type { SecureStore } from '../../store';
import type { StoredCase } from '../../store/cases';

/** The latest request per (debtor, channel). */
export function latestRequests(requests: readonly ChannelRequest[]): Map<string, ChannelRequest> {
  const out = new Map<string, ChannelRequest>();
  for (const r of requests) {
    const k = `${r.partyId}|${r.channel}`;
    const had = out.get(k);
    if (!had || had.createdAt <= r.createdAt) out.set(k, r);
  }
  return out;
}

/** What an asset is, in a line the judge reads (no full ID numbers). */
export function assetLine(a: Asset): string {
  const money = a.value !== undefined ? ` ${formatYuanSymbol(a.available ?? a.value)}` : '';
  return `${channelInfo(a.channel).zh} ${a.identifier}${money}`;
}

/**
 * Property found by the latest answer of its channel that can still be enforced against: money
 * available (not frozen by others, not yet taken), or registered property (real estate, vehicles,
 * equity, securities) with nothing said against disposing of it. A provident fund without a
 * withdrawal condition cannot be taken (住房公积金管理条例 第二十四条).
 */
export function propertyLeft(store: SecureStore, c: StoredCase, party: Party, assets: readonly Asset[], latest: Map<string, ChannelRequest>): PropertyLeft[] {
  const deducted = new Set(store.measures.list({ caseId: c.id }).filter((m) => m.kind === 'deduct' && m.state === 'executed').map((m) => m.assetId));
  return assets
    .filter((a) => a.partyId === party.id && latest.get(`${party.id}|${a.channel}`)?.id === a.requestId && !deducted.has(a.id))
    .filter((a) => (a.kind === 'provident_fund' ? !!a.withdrawal?.condition : true))
    .filter((a) => (a.value !== undefined ? (a.available ?? a.value) > 0 : a.existingFreezes.length === 0))
    .map((a) => ({ assetId: a.id, description: assetLine(a), ...(a.value !== undefined ? { value: a.available ?? a.value } : {}) }));
}

function debtorFacts(store: SecureStore, c: StoredCase, p: Party, ctx: CaseRecords): DebtorTerminalFacts {
  const channels: ChannelFact[] = channelsFor(p.kind, 'property').map((ch) => {
    const r = ctx.latest.get(`${p.id}|${ch.id}`);
    return { channel: ch.id, name: { zh: ch.zh, en: ch.en }, ...(r ? { requestId: r.id, state: r.state } : {}) };
  });
  const accepted = (kind: 'restriction.issue' | 'listing.publish') =>
    ctx.exchanges.find((x) => x.kind === kind && x.state === 'accepted' && x.subjects.some((s) => s.idNumber === p.idNumber));
  const restriction = accepted('restriction.issue');
  const listing = accepted('listing.publish');
  const reason = ctx.listingReasons.find((r) => r.partyId === p.id);
  const missing = ctx.findings.find((f) => f.partyId === p.id && f.ground === 'missing');
  const whereabouts = [...ctx.latest.values()].filter((r) => r.partyId === p.id && r.state === 'answered' && channelInfo(r.channel).yields === 'whereabouts'
    && (!missing || r.createdAt >= missing.recordedAt));
  return {
    partyId: p.id, name: p.name,
    notices: ctx.notices.filter((n) => n.partyId === p.id),
    ...(restriction ? { restriction: { id: restriction.id, acceptedAt: restriction.updatedAt } } : {}),
    ...(listing ? { listing: { id: listing.id, acceptedAt: listing.updatedAt } } : {}),
    ...(reason ? { listingNotApplicable: { id: reason.id, reason: reason.reason } } : {}),
    channels,
    propertyLeft: propertyLeft(store, c, p, ctx.assets, ctx.latest),
    ...(missing ? { missing: { findingSeq: missing.seq } } : {}),
    whereaboutsAnswered: whereabouts.map((r) => ({ requestId: r.id, channel: { zh: channelInfo(r.channel).zh, en: channelInfo(r.channel).en } })),
  };
}

interface CaseRecords {
  latest: Map<string, ChannelRequest>;
  assets: Asset[];
  exchanges: ReturnType<SecureStore['creditExchanges']['ofCase']>;
  notices: ReturnType<SecureStore['terminal']['notices']>;
  listingReasons: ReturnType<SecureStore['terminal']['listingReasons']>;
  findings: ReturnType<SecureStore['whereaboutsFindings']['inForce']>;
}

export function terminalFacts(store: SecureStore, c: StoredCase, today: string): TerminalFacts {
  const view = store.caseQueryView(c.id);
  const ctx: CaseRecords = {
    latest: latestRequests(view.requests), assets: view.assets, exchanges: store.creditExchanges.ofCase(c.id),
    notices: store.terminal.notices(c.id), listingReasons: store.terminal.listingReasons(c.id), findings: store.whereaboutsFindings.inForce(c.id),
  };
  return {
    caseId: c.id, filedOn: c.filedOn, today,
    debtors: c.parties.filter((p) => p.role === 'debtor').map((p) => debtorFacts(store, c, p, ctx)),
  };
}
