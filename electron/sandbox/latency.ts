/**
 * How long each agency takes to answer a query, in milliseconds before latencyScale. Banks differ
 * from each other; registries of property and tax are slower; the hotel register is quick.
 */
import type { ChannelId } from '../../shared/domain/channels';

export const LATENCY_MS: Record<ChannelId, readonly [number, number]> = {
  'bank.icbc': [300, 1_500],
  'bank.ccb': [500, 2_500],
  'bank.abc': [800, 3_000],
  'bank.boc': [400, 2_000],
  'bank.bocom': [600, 2_200],
  'bank.cmb': [300, 900],
  'bank.gyb': [1_000, 3_000],
  'funds.alipay': [200, 800],
  'funds.tenpay': [250, 900],
  'securities.csdc': [1_500, 4_000],
  'wealth.cwmr': [2_000, 5_000],
  'realestate.gz': [3_000, 8_000],
  'vehicle.mps': [1_000, 3_000],
  'equity.samr': [1_500, 4_000],
  'providentfund.gy': [1_000, 3_500],
  'tax.sta': [2_000, 5_000],
  'insurance.cbirc': [2_000, 6_000],
  'socialsecurity.gz': [1_500, 4_000],
  'civilaffairs.mca': [1_000, 3_000],
  'household.gz': [500, 1_500],
  'exitentry.gz': [1_000, 2_500],
  'hotel.gz': [150, 600],
};

/** latency for one request: a point in the channel's range chosen by `draw` in [0, 1) */
export function latencyFor(channel: ChannelId, draw: number, scale: number): number {
  const [lo, hi] = LATENCY_MS[channel];
  return Math.round((lo + draw * (hi - lo)) * scale);
}

/** the extra wait of an answer held back behind later ones (the out-of-order fault) */
export function reorderDelay(channel: ChannelId, scale: number): number {
  return Math.round(3 * LATENCY_MS[channel][1] * scale) + 1;
}
