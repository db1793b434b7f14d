/** Every channel's formatter, keyed by channel id. */
import type { ChannelId } from '../../../shared/domain/channels';
import { abcFormatter } from './bank-abc';
import { bocFormatter } from './bank-boc';
import { bocomFormatter } from './bank-bocom';
import { ccbFormatter } from './bank-ccb';
import { cmbFormatter } from './bank-cmb';
import { gybFormatter } from './bank-gyb';
import { icbcFormatter } from './bank-icbc';
import { civilAffairsFormatter } from './civilaffairs-mca';
import { samrFormatter } from './equity-samr';
import { exitEntryFormatter } from './exitentry-gz';
import { alipayFormatter } from './funds-alipay';
import { tenpayFormatter } from './funds-tenpay';
import { hotelFormatter } from './hotel-gz';
import { householdFormatter } from './household-gz';
import { insuranceFormatter } from './insurance-cbirc';
import { providentFundFormatter } from './providentfund-gy';
import { realEstateFormatter } from './realestate-gz';
import { csdcFormatter } from './securities-csdc';
import { socialSecurityFormatter } from './socialsecurity-gz';
import { taxFormatter } from './tax-sta';
import { vehicleFormatter } from './vehicle-mps';
import { cwmrFormatter } from './wealth-cwmr';
import type { FeedbackFormatter } from './types';

export const FORMATTERS: Record<ChannelId, FeedbackFormatter> = {
  'bank.icbc': icbcFormatter,
  'bank.ccb': ccbFormatter,
  'bank.abc': abcFormatter,
  'bank.boc': bocFormatter,
  'bank.bocom': bocomFormatter,
  'bank.cmb': cmbFormatter,
  'bank.gyb': gybFormatter,
  'funds.alipay': alipayFormatter,
  'funds.tenpay': tenpayFormatter,
  'securities.csdc': csdcFormatter,
  'wealth.cwmr': cwmrFormatter,
  'realestate.gz': realEstateFormatter,
  'vehicle.mps': vehicleFormatter,
  'equity.samr': samrFormatter,
  'providentfund.gy': providentFundFormatter,
  'tax.sta': taxFormatter,
  'insurance.cbirc': insuranceFormatter,
  'socialsecurity.gz': socialSecurityFormatter,
  'civilaffairs.mca': civilAffairsFormatter,
  'household.gz': householdFormatter,
  'exitentry.gz': exitEntryFormatter,
  'hotel.gz': hotelFormatter,
};

export type { FeedbackFormatter, RenderInput } from './types';
