/** Counters per channel, so tests can prove what the gateway received and executed. */
import type { ChannelId } from '../../shared/domain/channels';

export type FaultKind = 'error' | 'rateLimited' | 'timeout' | 'lostAnswer' | 'duplicate' | 'garbage' | 'noFeedback' | 'reject' | 'outOfOrder';

export interface ChannelStats {
  /** valid submits received (after signature and body checks) */
  submits: number;
  /** distinct requests executed */
  executed: number;
  /** repeated submits answered from the idempotency table */
  duplicates: number;
  /** same id, different body */
  conflicts: number;
  /** polls answered (GET by id) */
  polls: number;
  faults: Record<FaultKind, number>;
}

export interface SandboxStats {
  channels: Partial<Record<ChannelId, ChannelStats>>;
  totals: Omit<ChannelStats, 'faults'> & { faults: Record<FaultKind, number> };
  /** refusals before a channel is known: bad signature, unregistered officer, bad body */
  refused: { badSignature: number; clockSkew: number; officerNotRegistered: number; badRequest: number; notAuthorised: number };
  /** measures and frozen-balance queries: times each request id reached the ledger (1 = executed once) */
  executions: Record<string, number>;
}

const noFaults = (): Record<FaultKind, number> => ({
  error: 0, rateLimited: 0, timeout: 0, lostAnswer: 0, duplicate: 0, garbage: 0, noFeedback: 0, reject: 0, outOfOrder: 0,
});

export class StatsBook {
  private readonly byChannel = new Map<ChannelId, ChannelStats>();
  readonly refused = { badSignature: 0, clockSkew: 0, officerNotRegistered: 0, badRequest: 0, notAuthorised: 0 };

  constructor(private readonly executions: () => ReadonlyMap<string, number> = () => new Map()) {}

  of(channel: ChannelId): ChannelStats {
    let s = this.byChannel.get(channel);
    if (!s) {
      s = { submits: 0, executed: 0, duplicates: 0, conflicts: 0, polls: 0, faults: noFaults() };
      this.byChannel.set(channel, s);
    }
    return s;
  }

  fault(channel: ChannelId, kind: FaultKind): void {
    this.of(channel).faults[kind] += 1;
  }

  snapshot(): SandboxStats {
    const totals = { submits: 0, executed: 0, duplicates: 0, conflicts: 0, polls: 0, faults: noFaults() };
    const channels: SandboxStats['channels'] = {};
    for (const [ch, s] of this.byChannel) {
      channels[ch] = { ...s, faults: { ...s.faults } };
      totals.submits += s.submits;
      totals.executed += s.executed;
      totals.duplicates += s.duplicates;
      totals.conflicts += s.conflicts;
      totals.polls += s.polls;
      for (const k of Object.keys(s.faults) as FaultKind[]) totals.faults[k] += s.faults[k];
    }
    return { channels, totals, refused: { ...this.refused }, executions: Object.fromEntries(this.executions()) };
  }
}
