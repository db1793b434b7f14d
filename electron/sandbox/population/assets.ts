/**
 * Property holdings by wealth tier: accounts across the seven banks, online funds, shares,
 * wealth-management products, flats, cars, equity, provident fund. Some carry other courts'
 * earlier freezes. All money integer fen.
 */
import { addDays } from '../../../shared/dates';
import type { Fen } from '../../../shared/money';
import { BANKS, BROKERS, CAR_COLORS, CAR_MODELS, PLATE_PREFIX, STOCKS, WEALTH_ISSUERS, WEALTH_PRODUCTS } from './institutions';
import { OTHER_COURTS, OTHER_COURT_CODES } from './names';
import { REFERENCE_DATE, dateBetween } from './calendar';
import { pickRegion, streetAddress } from './subjects';
import { hash32, type Rng } from '../prng';
import { vinCheckChar } from '../../../shared/ids/vin';
import type { BankAccount, BankChannel, CompanySubject, OtherFreeze, Subject, WealthTier } from './types';

export interface Uniq {
  used: Set<string>;
  /** property certificate serial per year */
  certSerial: Map<number, number>;
}

function unique(u: Uniq, make: () => string): string {
  for (;;) {
    const v = make();
    if (!u.used.has(v)) {
      u.used.add(v);
      return v;
    }
  }
}

const BANK_IDS = Object.keys(BANKS) as BankChannel[];

/** balance ranges in fen per tier: [min, max] */
const DEPOSIT: Record<WealthTier, [number, number]> = {
  none: [0, 5_000], modest: [2_000, 3_000_000], comfortable: [50_000, 30_000_000], rich: [1_000_000, 500_000_000],
};
const ACCOUNT_COUNT: Record<WealthTier, [number, number]> = { none: [0, 1], modest: [1, 3], comfortable: [2, 4], rich: [3, 6] };

/**
 * Another court's earlier measure, still running. `maxDays` keeps its end within the legal cap
 * (民诉法解释 art. 485: deposits 1 year, movables 2 years, real estate and other property rights 3).
 */
export function otherFreeze(rng: Rng, max?: Fen, maxDays = 360): OtherFreeze {
  const i = rng.int(0, OTHER_COURTS.length - 1);
  const year = rng.pick([2025, 2026]);
  const f: OtherFreeze = {
    court: OTHER_COURTS[i]!,
    caseNumber: `(${year})${OTHER_COURT_CODES[i]}执${rng.int(100, 9999)}号`,
    until: dateBetween(rng, addDays(REFERENCE_DATE, 20), addDays(REFERENCE_DATE, maxDays)),
  };
  if (max !== undefined) f.amount = Math.max(1, Math.min(max, rng.logInt(10_000, 50_000_000)));
  return f;
}

function bankAccount(rng: Rng, u: Uniq, bank: BankChannel, corporate: boolean, t: WealthTier): BankAccount {
  const p = BANKS[bank];
  const accountNo = unique(u, () => (corporate ? rng.pick(['1', '2', '5']) + rng.digits(p.corporateLength - 1) : p.cardPrefix + rng.digits(p.cardLength - p.cardPrefix.length)));
  const [min, max] = DEPOSIT[t];
  const balance = rng.chance(0.1) ? rng.int(0, 999) : rng.logInt(Math.max(min, 1), max * (corporate ? 5 : 1));
  const acct: BankAccount = {
    bank, accountNo, branch: rng.pick(p.branches),
    type: corporate ? 'corporate' : rng.chance(0.15) ? 'time' : 'savings',
    openedOn: dateBetween(rng, '2008-01-01', '2025-12-31'), balance, freezes: [],
  };
  // other courts' earlier freezes on about one account in eight (some with a waiting second one)
  if (balance > 0 && rng.chance(0.12)) {
    const first = otherFreeze(rng, balance);
    acct.freezes.push(first);
    const rest = balance - (first.amount ?? 0);
    if (rest > 0 && rng.chance(0.25)) acct.freezes.push(otherFreeze(rng, rest));
  }
  return acct;
}

export function addBankAccounts(rng: Rng, u: Uniq, s: Subject): void {
  const [lo, hi] = ACCOUNT_COUNT[s.tier];
  const n = rng.int(lo, hi) + (s.kind === 'company' && s.tier !== 'none' ? 1 : 0);
  const banks = new Set<BankChannel>();
  for (let i = 0; i < n; i++) banks.add(rng.weighted(BANK_IDS.map((b) => [b, BANKS[b].weight] as const)));
  for (const b of banks) {
    s.holdings.bankAccounts.push(bankAccount(rng, u, b, s.kind === 'company', s.tier));
    // a second account at the same bank now and then
    if (s.tier !== 'none' && rng.chance(0.1)) s.holdings.bankAccounts.push(bankAccount(rng, u, b, s.kind === 'company', s.tier));
  }
}

export function addOnlineFunds(rng: Rng, u: Uniq, s: Subject): void {
  const scale = s.tier === 'none' ? 3_000 : s.tier === 'modest' ? 500_000 : s.tier === 'comfortable' ? 5_000_000 : 50_000_000;
  if (rng.chance(s.kind === 'person' ? 0.75 : 0.2)) {
    const balance = rng.chance(0.15) ? 0 : rng.logInt(1, scale);
    s.holdings.onlineFunds.push({
      platform: 'funds.alipay',
      accountId: unique(u, () => '2088' + rng.digits(12)),
      login: `1${rng.pick(['38', '39', '58', '85', '89'])}****${rng.digits(4)}`,
      balance,
      freezes: balance > 100_000 && rng.chance(0.08) ? [otherFreeze(rng, balance)] : [],
    });
  }
  if (s.kind === 'person' && rng.chance(0.8)) {
    const balance = rng.chance(0.2) ? 0 : rng.logInt(1, Math.round(scale / 3));
    s.holdings.onlineFunds.push({
      platform: 'funds.tenpay',
      accountId: unique(u, () => 'wx' + rng.digits(4) + rng.pick(['a', 'b', 'c', 'd', 'e', 'f']) + rng.digits(8)),
      login: `1${rng.pick(['35', '36', '37', '50', '87'])}****${rng.digits(4)}`,
      balance,
      freezes: balance > 50_000 && rng.chance(0.06) ? [otherFreeze(rng, balance)] : [],
    });
  }
}

export function addSecuritiesAndWealth(rng: Rng, u: Uniq, s: Subject): void {
  const rich = s.tier === 'rich';
  if (s.tier === 'comfortable' || rich) {
    if (rng.chance(rich ? 0.7 : 0.3)) {
      const account = unique(u, () => (rng.chance(0.7) ? 'A' : '0') + rng.digits(9));
      const custodian = rng.pick(BROKERS);
      const picks = new Set<number>();
      const n = rng.int(1, rich ? 4 : 2);
      for (let i = 0; i < n; i++) picks.add(rng.int(0, STOCKS.length - 1));
      for (const i of picks) {
        const [code, name, prevClose] = STOCKS[i]!;
        const shares = code === '600519' ? rng.int(1, rich ? 20 : 3) * 100 : rng.int(1, rich ? 200 : 30) * 100;
        s.holdings.securities.push({ account, custodian, code, name, shares, prevClose });
      }
    }
    if (rng.chance(rich ? 0.6 : 0.3)) {
      const n = rng.int(1, 2);
      for (let i = 0; i < n; i++) {
        const issuer = rng.pick(WEALTH_ISSUERS);
        s.holdings.wealth.push({
          issuer,
          regCode: unique(u, () => `Z${rng.digits(7)}${rng.pick(['A', 'B', 'C'])}${rng.digits(6)}`),
          productName: `${issuer.replace(/^中国/, '')}${rng.pick(WEALTH_PRODUCTS)}${rng.int(1, 99)}号`,
          holderAccount: rng.digits(19),
          value: rng.int(1, rich ? 300 : 20) * 1_000_000 + rng.int(0, 99_999),
          maturesOn: dateBetween(rng, addDays(REFERENCE_DATE, 10), addDays(REFERENCE_DATE, 720)),
        });
      }
    }
  }
}

function certificate(rng: Rng, u: Uniq, city: string): { certificate: string; year: number } {
  const year = rng.int(2016, 2025);
  const serial = (u.certSerial.get(year) ?? rng.int(1_000, 9_000)) + rng.int(1, 40);
  u.certSerial.set(year, serial);
  return { certificate: `黔(${year})${city}不动产权第${String(serial).padStart(7, '0')}号`, year };
}

/** the city or county in a Guizhou certificate number: 黔(2021)贵阳市不动产权第…号 */
export function propertyCity(regionCode: string): string {
  const byPrefix: Record<string, string> = {
    '5201': '贵阳市', '5202': '六盘水市', '5203': '遵义市', '5204': '安顺市', '5205': '毕节市', '5206': '铜仁市',
    '5223': '兴义市', '5226': '凯里市', '5227': '都匀市',
  };
  return byPrefix[regionCode.slice(0, 4)] ?? '贵阳市';
}

export function addRealEstateAndVehicles(rng: Rng, u: Uniq, s: Subject): void {
  const flats = s.tier === 'rich' ? rng.int(1, 4) : s.tier === 'comfortable' ? (rng.chance(0.65) ? rng.int(1, 2) : 0) : s.tier === 'modest' ? (rng.chance(0.2) ? 1 : 0) : 0;
  for (let i = 0; i < flats; i++) {
    let region = pickRegion(rng);
    // the provincial registry holds Guizhou property only
    while (!region.code.startsWith('52')) region = pickRegion(rng);
    const city = propertyCity(region.code);
    const { certificate: cert, year } = certificate(rng, u, city);
    const commercial = s.kind === 'company' || rng.chance(0.1);
    s.holdings.realEstate.push({
      certificate: cert,
      unitNumber: unitNumber(region.code, cert),
      address: `${streetAddress(rng, region)}${rng.int(1, 12)}栋${rng.int(1, 3)}单元${rng.int(2, 32)}${String(rng.int(1, 8)).padStart(2, '0')}号`,
      areaCentiM2: commercial ? rng.int(4_000, 60_000) : rng.int(5_500, 18_000),
      usage: commercial ? rng.pick(['商业', '办公', '商服']) : '住宅',
      ownership: s.kind === 'company' ? '单独所有' : rng.weighted([['单独所有', 5], ['共同共有', 4], ['按份共有', 1]] as const),
      registeredOn: dateBetween(rng, `${year}-01-01`, `${year}-12-31`),
      seals: rng.chance(0.1) ? [otherFreeze(rng, undefined, 1_000)] : [],
    });
  }
  const cars = s.tier === 'none' ? 0 : s.tier === 'modest' ? (rng.chance(0.25) ? 1 : 0) : s.tier === 'comfortable' ? (rng.chance(0.6) ? 1 : 0) : rng.int(1, 3);
  for (let i = 0; i < cars; i++) {
    const [brand, model, maker] = rng.pick(CAR_MODELS);
    const letters = 'ABCDEFGHJKLMNPRSTUVWXYZ'; // a VIN has no I, O or Q
    const p = unique(u, () => plate(rng));
    s.holdings.vehicles.push({
      plate: p,
      // 52 小型新能源汽车 for the D/F plates, 02 小型汽车 otherwise (GA 24.7)
      plateType: /^..·[DF]\d{5}$/.test(p) ? '小型新能源汽车' : '小型汽车',
      brand: `${brand}`, model: `${maker}${model}`, color: rng.pick(CAR_COLORS),
      vin: unique(u, () => withVinCheck(`L${rng.pick(['FV', 'VG', 'HG', 'SG', 'GX', 'B4'])}${rng.digits(3)}${rng.pick([...letters])}${rng.digits(10)}`)),
      registeredOn: dateBetween(rng, '2012-01-01', '2026-06-30'),
      seals: rng.chance(0.08) ? [otherFreeze(rng, undefined, 700)] : [],
    });
  }
}

/**
 * 不动产单元号 of a flat: the county's code, a cadastral zone and parcel drawn from the certificate
 * (not from the random stream, so the rest of the population is unchanged), GB for state-owned
 * construction land, F for a building, building and unit numbers.
 */
function unitNumber(regionCode: string, cert: string): string {
  const h = hash32(cert);
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${regionCode}${pad((h % 20) + 1, 3)}${pad(((h >>> 5) % 30) + 1, 3)}GB${pad(((h >>> 10) % 99_999) + 1, 5)}F${pad(((h >>> 3) % 40) + 1, 4)}${pad(((h >>> 13) % 3_000) + 1, 4)}`;
}

/** A VIN with its check character in the 9th place (GB 16735). */
const withVinCheck = (vin: string): string => `${vin.slice(0, 8)}${vinCheckChar(vin)}${vin.slice(9)}`;

/** 贵A·12345, 贵A·3B821, or a new-energy 贵A·D12345 */
function plate(rng: Rng): string {
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  const prefix = rng.pick(PLATE_PREFIX);
  const r = rng.float();
  if (r < 0.1) return `${prefix}·${rng.pick(['D', 'F'])}${rng.digits(5)}`;
  if (r < 0.5) return `${prefix}·${rng.digits(1)}${rng.pick([...letters])}${rng.digits(3)}`;
  return `${prefix}·${rng.digits(5)}`;
}

/** equity: every legal representative holds a stake in their company; some also invest elsewhere */
export function addEquity(rng: Rng, companies: CompanySubject[], byId: Map<string, Subject>): void {
  for (const c of companies) {
    const rep = byId.get(c.legalRepresentative.idNumber);
    if (!rep) continue;
    const shareBp = rng.pick([3_000, 5_100, 6_000, 8_000, 10_000]);
    const contribution = Math.round((c.registeredCapital * shareBp) / 10_000);
    // an equity freeze covers the stake's subscribed contribution
    const freezes = rng.chance(0.07) ? [{ ...otherFreeze(rng, undefined, 1_000), amount: contribution }] : [];
    rep.holdings.equity.push({ companyName: c.name, companyCode: c.idNumber, shareBp, contribution, freezes });
  }
  for (const c of companies) {
    if (c.tier !== 'rich' || !rng.chance(0.5)) continue;
    const target = rng.pick(companies);
    if (target.idNumber === c.idNumber) continue;
    const shareBp = rng.pick([500, 1_000, 2_000]);
    c.holdings.equity.push({
      companyName: target.name, companyCode: target.idNumber, shareBp,
      contribution: Math.round((target.registeredCapital * shareBp) / 10_000), freezes: [],
    });
  }
}
