/** Everything the query panel shows for one case: its requests and what they found, with totals. */
import type { AssetKind, AssetTotals, CaseQueryView } from '../../shared/domain/types';
import { AppFailure } from '../../shared/app-failure';
import { sumFen } from '../../shared/money';
import type { Db } from './db';
import { findingsOfCase } from './findings';
import type { RequestRepo } from './requests';

/** the order the panel lists totals in: cash-like first */
const KIND_ORDER: readonly AssetKind[] = [
  'deposit', 'online_funds', 'wealth', 'securities', 'provident_fund', 'real_estate', 'vehicle', 'equity',
];

export function caseQueryView(db: Db, requests: RequestRepo, caseId: string): CaseQueryView {
  const exists = db.prepare<[string], number>('SELECT 1 FROM cases WHERE id = ?').pluck().get(caseId);
  if (!exists) throw new AppFailure('NOT_FOUND', { zh: '案件不存在', en: 'no such case' });
  const all = requests.listForCase(caseId);
  // A re-query supersedes the earlier one per debtor × channel: the grid shows the newest request,
  // and the findings shown are those of the newest *answered* one, so that while a re-query is
  // still pending (or the network is down) the earlier results stay readable — never both at once.
  const key = (r: { partyId: string; channel: string }) => `${r.partyId}|${r.channel}`;
  const newest = new Map<string, (typeof all)[number]>();
  const newestAnswered = new Map<string, (typeof all)[number]>();
  for (const r of all) {
    const k = key(r);
    if (!newest.has(k) || r.createdAt > newest.get(k)!.createdAt) newest.set(k, r);
    if (r.state === 'answered' && (!newestAnswered.has(k) || r.createdAt > newestAnswered.get(k)!.createdAt)) newestAnswered.set(k, r);
  }
  const reqs = all.filter((r) => newest.get(key(r)) === r);
  const { assets, whereabouts, info } = findingsOfCase(db, caseId, [...newestAnswered.values()].map((r) => r.id));
  const byKind = new Map<AssetKind, { count: number; values: number[] }>();
  for (const a of assets) {
    const t = byKind.get(a.kind) ?? { count: 0, values: [] };
    t.count++;
    // an asset without a reported value (real estate, vehicles) counts but adds nothing
    if (a.value !== undefined) t.values.push(a.value);
    byKind.set(a.kind, t);
  }
  const totals: AssetTotals[] = [...byKind]
    .sort(([a], [b]) => KIND_ORDER.indexOf(a) - KIND_ORDER.indexOf(b))
    .map(([kind, t]) => ({ kind, count: t.count, value: sumFen(t.values) }));
  const view: CaseQueryView = { caseId, requests: reqs, assets, whereabouts, info, totals };
  const last = all.reduce<string | undefined>((m, r) => (m === undefined || r.createdAt > m ? r.createdAt : m), undefined);
  if (last !== undefined) view.lastQueriedAt = last;
  return view;
}
