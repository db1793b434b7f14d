/**
 * What engine tests share: adapters with test-sized limits, a context and parties, an event
 * recorder, and waiting for a condition on the recorded events without fixed sleeps.
 */
import { CHANNEL_IDS, channelInfo, type ChannelId } from '../../shared/domain/channels';
import type { ChannelRequest, NetworkStatus, Party } from '../../shared/domain/types';
import {
  FeedbackFormatError, type ChannelAdapter, type ChannelLimits, type EngineEvents, type QueryContext, type SavedFindings,
} from '../../electron/engine/types';

export const FAST_LIMITS: ChannelLimits = {
  concurrency: 4, ratePerSecond: 200, timeoutMs: 2_000, pollIntervalMs: 5, maxPolls: 20, maxAttempts: 4,
};

/** The same adapters with other limits; methods still run on the originals' logic. */
export function withLimits(adapters: Record<ChannelId, ChannelAdapter>, patch: Partial<ChannelLimits>): Record<ChannelId, ChannelAdapter> {
  const out = {} as Record<ChannelId, ChannelAdapter>;
  for (const id of CHANNEL_IDS) {
    const a = adapters[id];
    out[id] = Object.assign(Object.create(a) as ChannelAdapter, { limits: { ...a.limits, ...patch } });
  }
  return out;
}

/** Adapters for the fake gateway: feedback is `{records:[{institution, identifier, value}]}`. */
export function fakeAdapters(limits: ChannelLimits = FAST_LIMITS): Record<ChannelId, ChannelAdapter> {
  const out = {} as Record<ChannelId, ChannelAdapter>;
  for (const id of CHANNEL_IDS) {
    const info = channelInfo(id);
    out[id] = {
      channel: id,
      limits,
      queryParams: (s) => ({ subjectKind: s.kind }),
      normalize(feedback) {
        const recs = (feedback as { records?: unknown })?.records;
        if (!Array.isArray(recs)) throw new FeedbackFormatError(id, 'records missing');
        const rows = recs.map((r) => {
          const x = r as { institution?: unknown; identifier?: unknown; value?: unknown };
          if (typeof x.institution !== 'string' || typeof x.identifier !== 'string') throw new FeedbackFormatError(id, 'bad record');
          return { institution: x.institution, identifier: x.identifier, value: typeof x.value === 'number' ? x.value : undefined };
        });
        if (info.yields === 'assets') {
          return {
            assets: rows.map((r) => ({ kind: 'deposit' as const, institution: r.institution, identifier: r.identifier, description: '', ...(r.value !== undefined ? { value: r.value } : {}), existingFreezes: [] })),
            whereabouts: [], info: [],
          };
        }
        if (info.yields === 'whereabouts') {
          return { assets: [], info: [], whereabouts: rows.map((r) => ({ kind: 'hotel' as const, place: r.institution, at: '2025-01-01T00:00:00Z', detail: r.identifier })) };
        }
        return { assets: [], whereabouts: [], info: rows.map((r) => ({ kind: 'tax' as const, summary: r.identifier })) };
      },
    };
  }
  return out;
}

export const CTX: QueryContext = {
  caseId: 'case-1',
  caseNumber: '(2025)黔0103执1234号',
  court: '黔0103',
  officer: { code: 'F520103001', name: '王立新' },
};

export function party(over: Partial<Party> = {}): Party {
  return { id: 'party-1', caseId: CTX.caseId, role: 'debtor', kind: 'person', name: '张三', idNumber: '520102199001011237', ...over };
}

/** Records every event and lets a test wait until a condition on them holds. */
export class Recorder implements EngineEvents {
  readonly requests: ChannelRequest[] = [];
  readonly findingsOf = new Map<string, SavedFindings>();
  readonly networks: NetworkStatus[] = [];
  private readonly latest = new Map<string, ChannelRequest>();
  private waiters: Array<{ test: () => boolean; resolve: () => void }> = [];

  request(r: ChannelRequest): void {
    this.requests.push(r);
    this.latest.set(r.id, r);
    this.check();
  }

  findings(_caseId: string, requestId: string, saved: SavedFindings): void {
    this.findingsOf.set(requestId, saved);
    this.check();
  }

  network(s: NetworkStatus): void {
    this.networks.push(s);
    this.check();
  }

  stateOf(id: string): ChannelRequest['state'] | undefined {
    return this.latest.get(id)?.state;
  }

  /** resolves once `test` holds; rejects after `ms` so a broken test fails with a reason */
  until(test: () => boolean, ms = 20_000, what = 'condition'): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const w = { test, resolve: () => { clearTimeout(t); resolve(); } };
      const t = setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x !== w);
        reject(new Error(`timed out waiting for ${what}`));
      }, ms);
      this.waiters.push(w);
    });
  }

  private check(): void {
    const done = this.waiters.filter((w) => w.test());
    if (done.length === 0) return;
    this.waiters = this.waiters.filter((w) => !done.includes(w));
    for (const w of done) w.resolve();
  }
}
