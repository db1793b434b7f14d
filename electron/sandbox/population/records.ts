/**
 * Information and whereabouts records: provident fund, tax, insurance, social security, marriage,
 * household registration, border crossings, hotel stays.
 */
import { addDays } from '../../../shared/dates';
import { DEFAULT_TAX_OFFICE, HOTELS, INSURERS, MARRIAGE_OFFICES, POLICE_STATIONS, PORTS, TAX_OFFICES } from './institutions';
import { REFERENCE_DATE, cstInstant, dateBetween } from './calendar';
import { regionName, streetAddress } from './subjects';
import type { Uniq } from './assets';
import type { Rng } from '../prng';
import type { CompanySubject, PersonSubject, Subject } from './types';

function unique(u: Uniq, make: () => string): string {
  for (;;) {
    const v = make();
    if (!u.used.has(v)) {
      u.used.add(v);
      return v;
    }
  }
}

const adult = (p: PersonSubject) => p.birthDate <= '2005-01-01';
/** born by then: past the retirement age in the sandbox's year */
const RETIRED_BORN_BY = '1965-12-31';

export function addEmployment(rng: Rng, u: Uniq, p: PersonSubject, companies: CompanySubject[]): void {
  if (!adult(p) || p.tier === 'none' && rng.chance(0.6)) return;
  if (!rng.chance(0.7)) return;
  const employer = rng.pick(companies).name;
  const base = rng.pick([3_800, 4_200, 4_500, 5_000, 6_000, 8_000, 12_000, 18_000]) * 100;
  const since = `${rng.int(2008, 2024)}-${String(rng.int(1, 12)).padStart(2, '0')}`;
  const status = rng.weighted([['参保缴费', 8], ['暂停缴费', 2], ['终止参保', 1]] as const);
  for (const insurance of ['企业职工基本养老保险', '失业保险', '工伤保险']) {
    if (insurance !== '企业职工基本养老保险' && rng.chance(0.3)) continue;
    p.holdings.socialSecurity.push({ insurance, employer, base, status, since });
  }
  if (rng.chance(0.6)) {
    const monthly = Math.round((base * rng.pick([10, 12, 24])) / 100);
    p.holdings.providentFund.push({
      accountNo: unique(u, () => '5201' + rng.digits(10)),
      center: '贵阳住房公积金管理中心',
      employer,
      balance: rng.logInt(50_000, p.tier === 'rich' ? 40_000_000 : 8_000_000),
      monthlyDeposit: monthly,
      status: status === '参保缴费' ? '正常' : '封存',
      // past the retirement age the account may be drawn (住房公积金管理条例 第二十四条 (二)); a
      // working account holder meets no condition, so his account is frozen, never deducted
      ...(p.birthDate <= RETIRED_BORN_BY ? { withdrawal: '离休、退休' as const } : {}),
    });
  }
}

export function addTaxAndInsurance(rng: Rng, u: Uniq, s: Subject): void {
  const office = TAX_OFFICES[s.regionCode] ?? DEFAULT_TAX_OFFICE;
  if (s.tier !== 'none' || rng.chance(0.3)) {
    for (const year of [2024, 2025]) {
      if (!rng.chance(0.7)) continue;
      if (s.kind === 'person') {
        s.holdings.tax.push({ year, taxType: '个人所得税', paid: rng.logInt(1_000, s.tier === 'rich' ? 80_000_000 : 3_000_000), office });
      } else {
        s.holdings.tax.push({ year, taxType: '增值税', paid: rng.logInt(50_000, 200_000_000), office });
        if (rng.chance(0.5)) s.holdings.tax.push({ year, taxType: '企业所得税', paid: rng.logInt(10_000, 50_000_000), office });
      }
    }
  }
  const policies = s.kind === 'company' ? (rng.chance(0.1) ? 1 : 0) : s.tier === 'rich' ? rng.int(1, 3) : s.tier === 'comfortable' ? (rng.chance(0.5) ? 1 : 0) : rng.chance(0.15) ? 1 : 0;
  for (let i = 0; i < policies; i++) {
    const [insurer, product] = rng.pick(INSURERS);
    const annualPremium = rng.pick([3_600, 5_000, 8_800, 12_000, 20_000, 50_000, 100_000]) * 100;
    s.holdings.insurance.push({
      insurer, product, annualPremium,
      policyNo: unique(u, () => `${rng.pick(['P', '88', '20'])}${rng.digits(14)}`),
      cashValue: Math.round(annualPremium * rng.int(30, 900) / 100),
      effectiveOn: dateBetween(rng, '2012-01-01', '2025-06-30'),
    });
  }
}

/** pairs adults into marriages (both sides hold the record), a few later divorced */
export function addMarriages(rng: Rng, persons: PersonSubject[]): void {
  const men = rng.shuffle(persons.filter((p) => p.sex === 'M' && adult(p)));
  const women = rng.shuffle(persons.filter((p) => p.sex === 'F' && adult(p)));
  const pairs = Math.floor(Math.min(men.length, women.length) * 0.65);
  for (let i = 0; i < pairs; i++) {
    const m = men[i]!;
    const w = women[i]!;
    const later = m.birthDate > w.birthDate ? m.birthDate : w.birthDate;
    const from = addDays(later, 22 * 366);
    if (from > '2025-12-31') continue;
    const date = dateBetween(rng, from, '2025-12-31');
    const office = MARRIAGE_OFFICES[m.regionCode] ?? MARRIAGE_OFFICES[w.regionCode] ?? '贵阳市云岩区民政局';
    m.holdings.marriages.push({ type: '结婚登记', date, office, spouseName: w.name, spouseIdNumber: w.idNumber });
    w.holdings.marriages.push({ type: '结婚登记', date, office, spouseName: m.name, spouseIdNumber: m.idNumber });
    if (rng.chance(0.12) && date < '2025-01-01') {
      const d = dateBetween(rng, addDays(date, 200), '2026-06-30');
      m.holdings.marriages.push({ type: '离婚登记', date: d, office, spouseName: w.name, spouseIdNumber: w.idNumber });
      w.holdings.marriages.push({ type: '离婚登记', date: d, office, spouseName: m.name, spouseIdNumber: m.idNumber });
    }
  }
}

export function addWhereabouts(rng: Rng, p: PersonSubject): void {
  const home = { code: p.regionCode, name: regionName(p.regionCode) };
  p.holdings.household = {
    address: `${streetAddress(rng, home)}${rng.int(1, 20)}栋${rng.int(1, 30)}${String(rng.int(1, 6)).padStart(2, '0')}号`,
    policeStation: rng.pick(POLICE_STATIONS[p.regionCode] ?? [`${home.name}公安局城关派出所`]),
    registeredOn: dateBetween(rng, p.birthDate < '1990-01-01' ? '1995-01-01' : p.birthDate, '2024-12-31'),
  };
  const trips = p.tier === 'rich' ? rng.int(0, 4) : p.tier === 'comfortable' ? rng.int(0, 2) : rng.chance(0.1) ? 1 : 0;
  const passport = `E${rng.digits(8)}`;
  for (let i = 0; i < trips; i++) {
    const [port, places] = rng.pick(PORTS);
    const place = rng.pick(places);
    const out = dateBetween(rng, '2023-01-01', REFERENCE_DATE);
    const document = place.startsWith('中国') ? `C${rng.digits(8)}` : passport;
    p.holdings.crossings.push({ direction: '出境', at: cstInstant(out, rng.int(7, 22), rng.int(0, 59)), port, place, document });
    if (rng.chance(0.9)) {
      const back = addDays(out, rng.int(2, 20));
      p.holdings.crossings.push({ direction: '入境', at: cstInstant(back, rng.int(6, 23), rng.int(0, 59)), port, place, document });
    }
  }
  const stays = p.tier === 'none' ? rng.int(0, 1) : rng.int(0, p.tier === 'rich' ? 6 : 3);
  for (let i = 0; i < stays; i++) {
    const [city, hotel, address] = rng.pick(HOTELS);
    const day = dateBetween(rng, '2026-01-01', REFERENCE_DATE);
    p.holdings.hotelStays.push({
      hotel, city, address, room: `${rng.int(2, 25)}${String(rng.int(1, 40)).padStart(2, '0')}`,
      checkIn: cstInstant(day, rng.int(12, 23), rng.int(0, 59), rng.int(0, 59)),
      checkOut: cstInstant(addDays(day, rng.int(1, 4)), rng.int(7, 12), rng.int(0, 59), rng.int(0, 59)),
    });
  }
  p.holdings.crossings.sort((a, b) => a.at.localeCompare(b.at));
  p.holdings.hotelStays.sort((a, b) => a.checkIn.localeCompare(b.checkIn));
}
