/** One adapter per channel: limits, query parameters, and the normaliser of its feedback format. */
import { isChannelId, type ChannelId } from '../../../shared/domain/channels';
import type { ChannelAdapter } from '../types';
import { abcAdapter } from './bank-abc';
import { bocAdapter } from './bank-boc';
import { bocomAdapter } from './bank-bocom';
import { ccbAdapter } from './bank-ccb';
import { cmbAdapter } from './bank-cmb';
import { gybAdapter } from './bank-gyb';
import { icbcAdapter } from './bank-icbc';
import { civilAffairsAdapter } from './civilaffairs-mca';
import { samrAdapter } from './equity-samr';
import { exitEntryAdapter } from './exitentry-gz';
import { alipayAdapter } from './funds-alipay';
import { tenpayAdapter } from './funds-tenpay';
import { hotelAdapter } from './hotel-gz';
import { householdAdapter } from './household-gz';
import { insuranceAdapter } from './insurance-cbirc';
import { providentFundAdapter } from './providentfund-gy';
import { realEstateAdapter } from './realestate-gz';
import { csdcAdapter } from './securities-csdc';
import { socialSecurityAdapter } from './socialsecurity-gz';
import { taxAdapter } from './tax-sta';
import { vehicleAdapter } from './vehicle-mps';
import { cwmrAdapter } from './wealth-cwmr';

export const ADAPTERS: Record<ChannelId, ChannelAdapter> = {
  'bank.icbc': icbcAdapter,
  'bank.ccb': ccbAdapter,
  'bank.abc': abcAdapter,
  'bank.boc': bocAdapter,
  'bank.bocom': bocomAdapter,
  'bank.cmb': cmbAdapter,
  'bank.gyb': gybAdapter,
  'funds.alipay': alipayAdapter,
  'funds.tenpay': tenpayAdapter,
  'securities.csdc': csdcAdapter,
  'wealth.cwmr': cwmrAdapter,
  'realestate.gz': realEstateAdapter,
  'vehicle.mps': vehicleAdapter,
  'equity.samr': samrAdapter,
  'providentfund.gy': providentFundAdapter,
  'tax.sta': taxAdapter,
  'insurance.cbirc': insuranceAdapter,
  'socialsecurity.gz': socialSecurityAdapter,
  'civilaffairs.mca': civilAffairsAdapter,
  'household.gz': householdAdapter,
  'exitentry.gz': exitEntryAdapter,
  'hotel.gz': hotelAdapter,
};

export function adapterFor(channel: ChannelId | string): ChannelAdapter {
  if (!isChannelId(channel)) throw new Error(`no adapter for channel ${channel}`);
  return ADAPTERS[channel];
}
