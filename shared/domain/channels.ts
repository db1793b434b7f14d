/**
 * The agency channels of the national (总对总) and provincial (点对点) networks, with the measures
 * each allows (docs/domain.md's channel table). Banks are one channel per institution: each has its own gateway
 * behaviour and feedback format.
 */
export const CHANNEL_IDS = [
  'bank.icbc', 'bank.ccb', 'bank.abc', 'bank.boc', 'bank.bocom', 'bank.cmb', 'bank.gyb',
  'funds.alipay', 'funds.tenpay',
  'securities.csdc',
  'wealth.cwmr',
  'realestate.gz',
  'vehicle.mps',
  'equity.samr',
  'providentfund.gy',
  'tax.sta',
  'insurance.cbirc',
  'socialsecurity.gz',
  'civilaffairs.mca',
  'household.gz',
  'exitentry.gz',
  'hotel.gz',
] as const;
export type ChannelId = (typeof CHANNEL_IDS)[number];

export type ChannelKind =
  | 'bank' | 'online_funds' | 'securities' | 'wealth' | 'real_estate' | 'vehicle' | 'equity'
  | 'provident_fund' | 'tax' | 'insurance' | 'social_security' | 'civil_affairs' | 'household'
  | 'exit_entry' | 'hotel';

export type Measure = 'freeze' | 'renew' | 'unfreeze' | 'deduct';

export interface ChannelInfo {
  id: ChannelId;
  kind: ChannelKind;
  network: 'national' | 'provincial';
  zh: string;
  en: string;
  /** what its feedback yields */
  yields: 'assets' | 'whereabouts' | 'information';
  /** which measures the channel executes online; seals count as freeze */
  measures: readonly Measure[];
  /** whether companies can be queried here (household, exit/entry, hotel are for persons) */
  forCompanies: boolean;
}

const FULL: readonly Measure[] = ['freeze', 'renew', 'unfreeze', 'deduct'];
const SEAL: readonly Measure[] = ['freeze', 'renew', 'unfreeze'];
const NONE: readonly Measure[] = [];

const bank = (id: ChannelId, zh: string, en: string): ChannelInfo => ({
  id, kind: 'bank', network: 'national', zh, en, yields: 'assets', measures: FULL, forCompanies: true,
});

export const CHANNELS: readonly ChannelInfo[] = [
  bank('bank.icbc', '中国工商银行', 'ICBC'),
  bank('bank.ccb', '中国建设银行', 'China Construction Bank'),
  bank('bank.abc', '中国农业银行', 'Agricultural Bank of China'),
  bank('bank.boc', '中国银行', 'Bank of China'),
  bank('bank.bocom', '交通银行', 'Bank of Communications'),
  bank('bank.cmb', '招商银行', 'China Merchants Bank'),
  bank('bank.gyb', '贵阳银行', 'Bank of Guiyang'),
  { id: 'funds.alipay', kind: 'online_funds', network: 'national', zh: '支付宝', en: 'Alipay', yields: 'assets', measures: FULL, forCompanies: true },
  { id: 'funds.tenpay', kind: 'online_funds', network: 'national', zh: '财付通（微信支付）', en: 'Tenpay (WeChat Pay)', yields: 'assets', measures: FULL, forCompanies: true },
  { id: 'securities.csdc', kind: 'securities', network: 'national', zh: '中国证券登记结算', en: 'Securities (CSDC)', yields: 'assets', measures: SEAL, forCompanies: true },
  { id: 'wealth.cwmr', kind: 'wealth', network: 'national', zh: '银行理财产品', en: 'Wealth-management products', yields: 'assets', measures: SEAL, forCompanies: true },
  { id: 'realestate.gz', kind: 'real_estate', network: 'provincial', zh: '不动产登记', en: 'Real estate registry', yields: 'assets', measures: SEAL, forCompanies: true },
  { id: 'vehicle.mps', kind: 'vehicle', network: 'national', zh: '机动车登记', en: 'Vehicle registry', yields: 'assets', measures: SEAL, forCompanies: true },
  { id: 'equity.samr', kind: 'equity', network: 'national', zh: '市场监管（工商登记与股权）', en: 'Business registry and equity', yields: 'assets', measures: SEAL, forCompanies: true },
  { id: 'providentfund.gy', kind: 'provident_fund', network: 'provincial', zh: '住房公积金', en: 'Housing provident fund', yields: 'assets', measures: FULL, forCompanies: false },
  { id: 'tax.sta', kind: 'tax', network: 'national', zh: '税务', en: 'Tax', yields: 'information', measures: NONE, forCompanies: true },
  { id: 'insurance.cbirc', kind: 'insurance', network: 'national', zh: '保险', en: 'Insurance', yields: 'information', measures: NONE, forCompanies: true },
  { id: 'socialsecurity.gz', kind: 'social_security', network: 'provincial', zh: '人力资源和社会保障', en: 'Social security', yields: 'information', measures: NONE, forCompanies: false },
  { id: 'civilaffairs.mca', kind: 'civil_affairs', network: 'national', zh: '民政（婚姻登记）', en: 'Civil affairs (marriage)', yields: 'information', measures: NONE, forCompanies: false },
  { id: 'household.gz', kind: 'household', network: 'provincial', zh: '户籍', en: 'Household registration', yields: 'whereabouts', measures: NONE, forCompanies: false },
  { id: 'exitentry.gz', kind: 'exit_entry', network: 'provincial', zh: '出入境', en: 'Exit and entry', yields: 'whereabouts', measures: NONE, forCompanies: false },
  { id: 'hotel.gz', kind: 'hotel', network: 'provincial', zh: '酒店住宿', en: 'Hotel lodging', yields: 'whereabouts', measures: NONE, forCompanies: false },
];

const BY_ID = new Map(CHANNELS.map((c) => [c.id, c]));

export function channelInfo(id: ChannelId): ChannelInfo {
  const c = BY_ID.get(id);
  if (!c) throw new Error(`unknown channel ${id}`);
  return c;
}

export function isChannelId(s: string): s is ChannelId {
  return BY_ID.has(s as ChannelId);
}

/** Channels that apply to a subject: person-only channels are skipped for companies. */
/**
 * The channels asked for a subject of this kind; `scope` narrows them to the one-click property
 * query or to the whereabouts channels that need the judge's recorded finding (docs/domain.md rule 10).
 */
export function channelsFor(kind: 'person' | 'company', scope?: 'property' | 'whereabouts'): ChannelInfo[] {
  return CHANNELS.filter((c) => (kind === 'person' || c.forCompanies) && (!scope || (c.yields === 'whereabouts') === (scope === 'whereabouts')));
}
