/** Generates the whole synthetic population from a seed: same seed, same people, same docket. */
import { Rng } from '../prng';
import { addBankAccounts, addEquity, addOnlineFunds, addRealEstateAndVehicles, addSecuritiesAndWealth, type Uniq } from './assets';
import { makeDocket } from './docket';
import { addEmployment, addMarriages, addTaxAndInsurance, addWhereabouts } from './records';
import { makeCompanies, makePersons } from './subjects';
import type { Population, Subject } from './types';

export interface PopulationSize {
  persons: number;
  companies: number;
  cases: number;
}

export const DEFAULT_SIZE: PopulationSize = { persons: 1_500, companies: 300, cases: 240 };

export function generatePopulation(seed: number, size: PopulationSize = DEFAULT_SIZE): Population {
  const rng = new Rng(seed);
  const ids = new Set<string>();
  const persons = makePersons(rng, size.persons, ids);
  const companies = makeCompanies(rng, size.companies, persons, ids);
  const all: Subject[] = [...persons, ...companies];
  const byId = new Map<string, Subject>(all.map((s) => [s.idNumber, s]));
  const u: Uniq = { used: new Set(), certSerial: new Map() };
  for (const s of all) {
    addBankAccounts(rng, u, s);
    addOnlineFunds(rng, u, s);
    addSecuritiesAndWealth(rng, u, s);
    addRealEstateAndVehicles(rng, u, s);
    addTaxAndInsurance(rng, u, s);
  }
  addEquity(rng, companies, byId);
  for (const p of persons) {
    addEmployment(rng, u, p, companies);
    addWhereabouts(rng, p);
  }
  addMarriages(rng, persons);
  const docket = makeDocket(rng, all, size.cases);
  return { seed, persons, companies, byId, docket };
}

export type { Population, Subject } from './types';
