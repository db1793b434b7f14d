/** Everything one running sandbox holds; passed to the route handlers. */
import type { Population } from './population/types';
import type { Knobs } from './knobs';
import type { OfficerRegister } from './officers';
import type { StatsBook } from './stats';
import type { RequestTable } from './request-table';
import type { FaultDice, RateWindow } from './faults';
import type { SandboxClock } from './clock';
import type { Ledger } from './ledger';
import type { CheckpointBook } from './checkpoint-book';
import type { CourtSystem } from './court-system';
import type { ApprovalItem } from './approval-routes';
import type { CreditRegistry } from './credit-registry';
import type { InflowBook } from './inflows';

export interface SandboxState {
  seed: number;
  population: Population;
  officers: OfficerRegister;
  station: { id: string; secret: string };
  knobs: Knobs;
  stats: StatsBook;
  requests: RequestTable;
  dice: FaultDice;
  rate: RateWindow;
  nonces: NonceBook;
  /** the agencies' ledger of balances, freezes and court accounts */
  ledger: Ledger;
  /** lapses what ended and refreshes a subject's holdings in the population */
  settleOwner: (idNumber: string) => void;
  /** keeps the population's holdings in step with an asset added later (a trainer's new property) */
  projectAsset?: (key: string, project: () => void) => void;
  clock: SandboxClock;
  /** submits seen per clientRequestId (including refused ones), to key fault draws */
  submitAttempts: Map<string, number>;
  /** answers held back by the timeout fault, released or cleared on close */
  held: Set<NodeJS.Timeout>;
  /** audit checkpoints per workstation store, and the key that signs their receipts */
  checkpoints: CheckpointBook;
  /** the court's case-management system: the docket and later filings */
  court: CourtSystem;
  /** deductions waiting for a chief's or the director's signature, by request id */
  approvals: Map<string, ApprovalItem>;
  /** per court, the deduction amount (fen) above which a chief's or the director's signature is required */
  approvalThresholds: Map<string, number>;
  /** the credit platform: the dishonest list and consumption restrictions */
  credit: CreditRegistry;
  /** money arriving in debtors' accounts as the clock moves on, and the banks' push of it */
  inflows: InflowBook;
}

/** Nonces seen within the clock-skew window: a replayed signed request is refused. */
export class NonceBook {
  private readonly seen = new Map<string, number>();
  constructor(private readonly windowMs: number) {}

  /** records the nonce; false when it was already used inside the window */
  use(nonce: string, now: number): boolean {
    if (this.seen.size > 10_000) for (const [n, t] of this.seen) if (now - t > 2 * this.windowMs) this.seen.delete(n);
    const t = this.seen.get(nonce);
    if (t !== undefined && now - t <= 2 * this.windowMs) return false;
    this.seen.set(nonce, now);
    return true;
  }
}
