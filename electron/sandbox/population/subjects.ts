/** Persons and companies with valid identifiers and realistic names (holdings are added later). */
import { COMPANY_FORM, COMPANY_PLACE, COMPANY_TRADE, COMPANY_WORD, GENERIC_STREETS, GIVEN_FEMALE, GIVEN_MALE, REGIONS, STREETS, SURNAMES } from './names';
import { dateBetween } from './calendar';
import { makeCreditCode, makeResidentId } from './ids';
import type { Rng } from '../prng';
import type { CompanySubject, Holdings, PersonSubject, WealthTier } from './types';

export function emptyHoldings(): Holdings {
  return {
    bankAccounts: [], onlineFunds: [], securities: [], wealth: [], realEstate: [], vehicles: [], equity: [],
    providentFund: [], tax: [], insurance: [], socialSecurity: [], marriages: [], crossings: [], hotelStays: [],
  };
}

export function pickRegion(rng: Rng): { code: string; name: string } {
  const [code, name] = rng.weighted(REGIONS.map(([c, n, w]) => [[c, n] as const, w] as const));
  return { code, name };
}

export function regionName(code: string): string {
  return REGIONS.find(([c]) => c === code)?.[1] ?? '贵阳市云岩区';
}

export function streetAddress(rng: Rng, region: { code: string; name: string }): string {
  const street = rng.pick(STREETS[region.code] ?? GENERIC_STREETS);
  const base = region.code.startsWith('52') ? `贵州省${region.name}` : region.name;
  return `${base}${street}${rng.int(1, 399)}号`;
}

function tier(rng: Rng, weights: [number, number, number, number]): WealthTier {
  return rng.weighted<WealthTier>([['none', weights[0]], ['modest', weights[1]], ['comfortable', weights[2]], ['rich', weights[3]]]);
}

export function makePersons(rng: Rng, count: number, usedIds: Set<string>): PersonSubject[] {
  const out: PersonSubject[] = [];
  while (out.length < count) {
    const sex = rng.chance(0.55) ? 'M' : 'F';
    const region = pickRegion(rng);
    const birthDate = dateBetween(rng, '1955-01-01', '2003-12-31');
    const idNumber = makeResidentId(rng, region.code, birthDate, sex);
    if (usedIds.has(idNumber)) continue;
    usedIds.add(idNumber);
    const name = rng.weighted(SURNAMES) + rng.pick(sex === 'M' ? GIVEN_MALE : GIVEN_FEMALE);
    out.push({
      kind: 'person', name, idNumber, sex, birthDate, regionCode: region.code,
      tier: tier(rng, [20, 55, 18, 7]), holdings: emptyHoldings(),
    });
  }
  return out;
}

export function makeCompanies(rng: Rng, count: number, persons: PersonSubject[], usedIds: Set<string>): CompanySubject[] {
  const out: CompanySubject[] = [];
  const usedNames = new Set<string>();
  while (out.length < count) {
    const region = pickRegion(rng);
    const name = rng.pick(COMPANY_PLACE) + rng.pick(COMPANY_WORD) + rng.pick(COMPANY_TRADE) + rng.pick(COMPANY_FORM);
    if (usedNames.has(name)) continue;
    const idNumber = makeCreditCode(rng, region.code);
    if (usedIds.has(idNumber)) continue;
    usedNames.add(name);
    usedIds.add(idNumber);
    const rep = rng.pick(persons);
    out.push({
      kind: 'company', name, idNumber, regionCode: region.code, address: streetAddress(rng, region),
      legalRepresentative: { name: rep.name, idNumber: rep.idNumber },
      registeredCapital: rng.pick([10, 50, 100, 200, 500, 1000, 3000]) * 10_000 * 100,
      tier: tier(rng, [25, 40, 25, 10]), holdings: emptyHoldings(),
    });
  }
  return out;
}
