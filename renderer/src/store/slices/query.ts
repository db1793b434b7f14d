/**
 * Query: the open case's requests (by id, and the latest per channel × debtor cell), and what they
 * found — assets, whereabouts, information — with totals by kind. Filled from the cached view when
 * the case opens (so review works offline) and then live from 'query.request' / 'query.findings'.
 */
import type { AppError } from '../../../../shared/errors';
import type { EventPayload } from '../../../../shared/ipc/contract';
import type {
  Asset, AssetKind, AssetTotals, CaseQueryView, ChannelRequest, InfoRecord, Whereabouts,
} from '../../../../shared/domain/types';
import type { Result } from '../../../../shared/result';
import { api } from '../api-holder';
import type { SliceCreator } from '../types';

export const ASSET_KINDS: readonly AssetKind[] = [
  'deposit', 'online_funds', 'securities', 'wealth', 'provident_fund', 'real_estate', 'vehicle', 'equity',
];
/** Money that can be deducted directly online. */
export const LIQUID_KINDS: readonly AssetKind[] = ['deposit', 'online_funds'];

export const cellKey = (channel: string, partyId: string): string => `${channel}|${partyId}`;

export interface QueryData {
  queryCaseId: string | null;
  requests: Record<string, ChannelRequest>;
  /** cellKey → id of the newest request for that channel and debtor (a retry is a new request) */
  cellLatest: Record<string, string>;
  /** request id → how many items its feedback yielded */
  foundByRequest: Record<string, number>;
  assets: Asset[];
  whereabouts: Whereabouts[];
  info: InfoRecord[];
  totals: AssetTotals[];
  lastQueriedAt: string | null;
  viewLoaded: boolean;
  queryStarting: boolean;
  queryError: AppError | null;
  retrying: Record<string, true>;
}

export interface QuerySlice extends QueryData {
  resetQuery(caseId: string | null): void;
  loadQueryView(caseId: string): Promise<void>;
  startQuery(): Promise<Result<unknown> | null>;
  retryRequest(requestId: string): Promise<void>;
  applyRequest(r: ChannelRequest): void;
  applyFindings(p: EventPayload<'query.findings'>): void;
}

export const queryInitial: QueryData = {
  queryCaseId: null,
  requests: {},
  cellLatest: {},
  foundByRequest: {},
  assets: [],
  whereabouts: [],
  info: [],
  totals: [],
  lastQueriedAt: null,
  viewLoaded: false,
  queryStarting: false,
  queryError: null,
  retrying: {},
};

export function totalsOf(assets: readonly Asset[]): AssetTotals[] {
  const by = new Map<AssetKind, AssetTotals>(ASSET_KINDS.map((k) => [k, { kind: k, count: 0, value: 0 }]));
  for (const a of assets) {
    const t = by.get(a.kind) ?? { kind: a.kind, count: 0, value: 0 };
    t.count += 1;
    if (a.value !== undefined) t.value += a.value;
    by.set(a.kind, t);
  }
  return [...by.values()];
}

type Pick3 = Pick<QueryData, 'requests' | 'cellLatest'>;

/** Merges requests: the later update of a request wins, the newest request of a cell is shown. */
function mergeRequests(s: Pick3, incoming: readonly ChannelRequest[]): Pick3 | null {
  let requests = s.requests;
  let cellLatest = s.cellLatest;
  for (const r of incoming) {
    const had = requests[r.id];
    if (had && had.updatedAt > r.updatedAt) continue;
    if (requests === s.requests) requests = { ...requests };
    requests[r.id] = r;
    const key = cellKey(r.channel, r.partyId);
    const latestId = cellLatest[key];
    const latest = latestId ? requests[latestId] : undefined;
    if (!latest || latest.id === r.id || latest.createdAt <= r.createdAt) {
      if (latestId !== r.id) {
        if (cellLatest === s.cellLatest) cellLatest = { ...cellLatest };
        cellLatest[key] = r.id;
      }
    }
  }
  return requests === s.requests && cellLatest === s.cellLatest ? null : { requests, cellLatest };
}

type Found = Pick<QueryData, 'assets' | 'whereabouts' | 'info' | 'foundByRequest' | 'totals'>;

function mergeFindings(
  s: Found,
  add: { assets: readonly Asset[]; whereabouts: readonly Whereabouts[]; info: readonly InfoRecord[] },
): Found {
  const foundByRequest = { ...s.foundByRequest };
  const merge = <T extends { id: string; requestId: string }>(have: T[], more: readonly T[]): T[] => {
    const ids = new Set(have.map((x) => x.id));
    const fresh = more.filter((x) => !ids.has(x.id) && ids.add(x.id));
    for (const x of fresh) foundByRequest[x.requestId] = (foundByRequest[x.requestId] ?? 0) + 1;
    return fresh.length ? [...have, ...fresh] : have;
  };
  const assets = merge(s.assets, add.assets);
  return {
    assets,
    whereabouts: merge(s.whereabouts, add.whereabouts),
    info: merge(s.info, add.info),
    foundByRequest,
    totals: assets === s.assets ? s.totals : totalsOf(assets),
  };
}

/**
 * A newer answered request supersedes the findings of older requests of the same channel × debtor
 * (a re-query replaces, it does not add): without this, totals would count an account twice.
 */
function supersede(s: QueryData, by: ChannelRequest): Found | null {
  const older = (x: { requestId: string; partyId: string; channel: string }) => {
    if (x.requestId === by.id || x.partyId !== by.partyId || x.channel !== by.channel) return false;
    const r = s.requests[x.requestId];
    return !r || r.createdAt < by.createdAt;
  };
  if (!s.assets.some(older) && !s.whereabouts.some(older) && !s.info.some(older)) return null;
  const assets = s.assets.filter((x) => !older(x));
  return {
    assets,
    whereabouts: s.whereabouts.filter((x) => !older(x)),
    info: s.info.filter((x) => !older(x)),
    foundByRequest: s.foundByRequest,
    totals: totalsOf(assets),
  };
}

export const createQuerySlice: SliceCreator<QuerySlice> = (set, get) => ({
  ...queryInitial,

  resetQuery(caseId) {
    set({ ...queryInitial, queryCaseId: caseId, totals: caseId ? totalsOf([]) : [] });
  },

  async loadQueryView(caseId) {
    const r = await api().query.view({ caseId });
    if (get().queryCaseId !== caseId) return;
    if (!r.ok) {
      set({ queryError: r.error, viewLoaded: true });
      return;
    }
    const v: CaseQueryView = r.value;
    const s = get();
    set({
      ...(mergeRequests(s, v.requests) ?? {}),
      ...mergeFindings(s, v),
      lastQueriedAt: v.lastQueriedAt ?? s.lastQueriedAt,
      viewLoaded: true,
    });
  },

  async startQuery() {
    const caseId = get().queryCaseId;
    if (!caseId || get().queryStarting) return null;
    set({ queryStarting: true, queryError: null });
    const r = await api().query.start({ caseId });
    if (get().queryCaseId !== caseId) return r;
    if (r.ok) {
      const merged = mergeRequests(get(), r.value.requests);
      set({ ...(merged ?? {}), queryStarting: false, lastQueriedAt: new Date().toISOString() });
    } else {
      set({ queryStarting: false, queryError: r.error });
    }
    return r;
  },

  async retryRequest(requestId) {
    if (get().retrying[requestId]) return;
    set({ retrying: { ...get().retrying, [requestId]: true }, queryError: null });
    const r = await api().query.retry({ requestId });
    const { [requestId]: _done, ...retrying } = get().retrying;
    set({ retrying });
    if (r.ok) get().applyRequest(r.value);
    else set({ queryError: r.error });
  },

  applyRequest(r) {
    if (r.caseId !== get().queryCaseId) return;
    const merged = mergeRequests(get(), [r]);
    if (merged) set(merged);
    if (r.state === 'answered') {
      const cleared = supersede(get(), r);
      if (cleared) set(cleared);
    }
  },

  applyFindings(p) {
    if (p.caseId !== get().queryCaseId) return;
    set(mergeFindings(get(), p));
    const r = get().requests[p.requestId];
    if (r) {
      const cleared = supersede(get(), r);
      if (cleared) set(cleared);
    }
  },
});
