/**
 * Fault-injection and pacing knobs: global values with per-channel overrides. Rates are
 * probabilities in [0, 1]; every draw is keyed by the seed and the request (prng.keyedDraw).
 */
import { CHANNEL_IDS, type ChannelId } from '../../shared/domain/channels';
import { CREDIT_CHANNEL, type CreditChannel } from '../../shared/domain/credit';

/** the agency channels and the credit platform's, each with its own overrides */
export type KnobChannel = ChannelId | CreditChannel;

export interface ChannelKnobs {
  /** multiplies every channel's latency profile (tests use ~0.01) */
  latencyScale: number;
  /** 503 GW_BUSY on a call (a refused submit is not executed) */
  errorRate: number;
  /** submits per second per channel before 429 RATE_LIMITED; 0 = unlimited */
  rateLimitPerSecond: number;
  /** the answer is held for hangMs while the request still executes */
  timeoutRate: number;
  hangMs: number;
  /** the submit executes but the socket is destroyed with no answer */
  lostAnswerRate: number;
  /** one feedback record delivered twice */
  duplicateRate: number;
  /** a 200 answer that is not JSON, or whose feedback breaks the agency format */
  garbageRate: number;
  /** accepted but never answered (the client ends at manual handling) */
  noFeedbackRate: number;
  /** the agency answers status "rejected" */
  rejectRate: number;
  /** the answer is held back behind requests sent after it (feedback out of order) */
  outOfOrderRate: number;
}

export interface Knobs extends ChannelKnobs {
  channels: Partial<Record<KnobChannel, Partial<ChannelKnobs>>>;
}

export const DEFAULT_KNOBS: Knobs = {
  latencyScale: 1,
  errorRate: 0,
  rateLimitPerSecond: 0,
  timeoutRate: 0,
  hangMs: 30_000,
  lostAnswerRate: 0,
  duplicateRate: 0,
  garbageRate: 0,
  noFeedbackRate: 0,
  rejectRate: 0,
  outOfOrderRate: 0,
  channels: {},
};

const RATES = ['errorRate', 'timeoutRate', 'lostAnswerRate', 'duplicateRate', 'garbageRate', 'noFeedbackRate', 'rejectRate', 'outOfOrderRate'] as const;
const NON_NEGATIVE = ['latencyScale', 'rateLimitPerSecond', 'hangMs'] as const;
const KNOB_KEYS: readonly (keyof ChannelKnobs)[] = [...RATES, ...NON_NEGATIVE];

/** Checks a partial set of channel knobs; returns an error message naming the bad key. */
function checkChannelKnobs(k: Record<string, unknown>, where: string): string | undefined {
  for (const [key, v] of Object.entries(k)) {
    if (!KNOB_KEYS.includes(key as keyof ChannelKnobs)) return `${where}${key}: unknown knob`;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return `${where}${key}: must be a non-negative number`;
    if ((RATES as readonly string[]).includes(key) && v > 1) return `${where}${key}: a rate is at most 1`;
  }
  return undefined;
}

/** Validates a knob patch (as sent to PUT /sandbox/v1/knobs). */
export function checkKnobPatch(patch: unknown): string | undefined {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return 'knobs: must be an object';
  const { channels, ...rest } = patch as Record<string, unknown>;
  const e = checkChannelKnobs(rest, '');
  if (e) return e;
  if (channels === undefined) return undefined;
  if (typeof channels !== 'object' || channels === null || Array.isArray(channels)) return 'channels: must be an object';
  for (const [ch, k] of Object.entries(channels)) {
    if (!(CHANNEL_IDS as readonly string[]).includes(ch) && ch !== CREDIT_CHANNEL) return `channels.${ch}: unknown channel`;
    if (typeof k !== 'object' || k === null || Array.isArray(k)) return `channels.${ch}: must be an object`;
    const ce = checkChannelKnobs(k as Record<string, unknown>, `channels.${ch}.`);
    if (ce) return ce;
  }
  return undefined;
}

/** Merges a patch: global values replace, channel overrides merge per channel. */
export function mergeKnobs(base: Knobs, patch: Partial<Knobs>): Knobs {
  const { channels, ...rest } = patch;
  const merged: Knobs = { ...base, ...rest, channels: { ...base.channels } };
  for (const [ch, k] of Object.entries(channels ?? {}) as [KnobChannel, Partial<ChannelKnobs>][]) {
    merged.channels[ch] = { ...merged.channels[ch], ...k };
  }
  return merged;
}

/** The knobs in force on one channel. */
export function knobsFor(k: Knobs, channel: KnobChannel): ChannelKnobs {
  const { channels, ...global } = k;
  return { ...global, ...channels[channel] };
}
