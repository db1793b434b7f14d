/**
 * The channel service board (docs/board.md): per agency and bank, how it answers this bureau —
 * from the program's own request and measure records, never from what an agency says of itself.
 */
import type { ChannelId } from './channels';

/** the board looks back this many days by default, and at most this many */
export const BOARD_DEFAULT_DAYS = 30;
export const BOARD_MAX_DAYS = 366;

export interface ChannelBoardRow {
  channel: ChannelId;
  /** queries entered in the outbox within the window */
  queries: number;
  answered: number;
  failed: number;
  /** sent to manual handling (人工处理) */
  manual: number;
  /** not yet answered (pending, sent, waiting) */
  unanswered: number;
  /** latency from the request's entry in the outbox to its answer, answered queries only (ms) */
  p50Ms?: number;
  p90Ms?: number;
  p99Ms?: number;
  /** 已冻结未扣划: freezes in force on this channel, in open cases, never deducted nor released */
  frozenUndeducted: number;
  /** their age since the agency executed the freeze, in days */
  medianFrozenDays?: number;
  maxFrozenDays?: number;
}

export interface ChannelBoard {
  since: string;
  asOf: string;
  rows: ChannelBoardRow[];
}

/** a rate in per cent with one decimal, or undefined for no queries */
export function ratePct(part: number, whole: number): number | undefined {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : undefined;
}
