/**
 * Builds the agencies' ledger from the population (every asset, with other courts' earlier
 * freezes and seals in force from the start) and keeps the population's holdings in step with it,
 * so query feedback and GET /sandbox/v1/subjects show balances and freezes as measures left them.
 */
import type { HolidayCalendar } from '../../shared/dates';
import { COURT_ACCOUNTS } from './court-accounts';
import { Ledger, type CourtAccount, type ExistingFreeze, type LedgerClock } from './ledger';
import { DEMO_COURT, DEMO_COURT_NAME } from './population/docket';
import { OTHER_COURTS, OTHER_COURT_CODES } from './population/names';
import type { OtherFreeze, Population } from './population/types';

/** the full name of a court from its case-number code (黔0103 → 贵阳市云岩区人民法院) */
export function courtName(code: string): string {
  if (code === DEMO_COURT) return DEMO_COURT_NAME;
  const i = OTHER_COURT_CODES.indexOf(code);
  return i >= 0 ? OTHER_COURTS[i]! : `${code}法院`;
}

const existing = (fs: readonly OtherFreeze[]): ExistingFreeze[] =>
  fs.map((f) => ({ courtName: f.court, caseNumber: f.caseNumber, ...(f.amount !== undefined ? { amount: f.amount } : {}), endsOn: f.until }));

export interface SeededLedger {
  ledger: Ledger;
  /** lapses what ended and refreshes the holder's holdings (before rendering feedback about them) */
  settleOwner(idNumber: string): void;
  /** keeps the holdings in step with an asset added after the seed (a trainer's new property) */
  project(key: string, fn: () => void): void;
}

export function ledgerFromPopulation(pop: Population, clock: LedgerClock, accounts: readonly CourtAccount[] = COURT_ACCOUNTS): SeededLedger {
  /** how to write an asset's state back into the population, by ledger key */
  const project = new Map<string, () => void>();
  const ledger = new Ledger({ clock, courtAccounts: accounts, onChange: (key) => project.get(key)?.() });

  for (const s of [...pop.persons, ...pop.companies]) {
    const owner = s.idNumber;
    const h = s.holdings;
    for (const a of h.bankAccounts) {
      const key = ledger.addAsset({ channel: a.bank, kind: 'deposit', owner, identifier: a.accountNo, units: a.balance, existing: existing(a.freezes) });
      project.set(key, () => {
        a.balance = ledger.units(key)!;
        a.freezes = moneyFreezes(ledger, key);
      });
    }
    for (const a of h.onlineFunds) {
      const key = ledger.addAsset({ channel: a.platform, kind: 'online_funds', owner, identifier: a.accountId, units: a.balance, existing: existing(a.freezes) });
      project.set(key, () => {
        a.balance = ledger.units(key)!;
        a.freezes = moneyFreezes(ledger, key);
      });
    }
    for (const a of h.providentFund) {
      const key = ledger.addAsset({ channel: 'providentfund.gy', kind: 'provident_fund', owner, identifier: a.accountNo, units: a.balance });
      project.set(key, () => {
        a.balance = ledger.units(key)!;
      });
    }
    for (const x of h.securities) {
      const id = `${x.account}:${x.code}`;
      if (!ledger.has('securities.csdc', owner, id)) ledger.addAsset({ channel: 'securities.csdc', kind: 'securities', owner, identifier: id, units: x.shares, unitValue: x.prevClose });
    }
    for (const x of h.wealth) {
      if (!ledger.has('wealth.cwmr', owner, x.regCode)) ledger.addAsset({ channel: 'wealth.cwmr', kind: 'wealth', owner, identifier: x.regCode, units: x.value });
    }
    for (const x of h.realEstate) {
      if (ledger.has('realestate.gz', owner, x.certificate)) continue;
      const key = ledger.addAsset({ channel: 'realestate.gz', kind: 'real_estate', owner, identifier: x.certificate, existing: existing(x.seals) });
      project.set(key, () => {
        x.seals = seals(ledger, key);
      });
    }
    for (const x of h.vehicles) {
      if (ledger.has('vehicle.mps', owner, x.plate)) continue;
      const key = ledger.addAsset({ channel: 'vehicle.mps', kind: 'vehicle', owner, identifier: x.plate, existing: existing(x.seals) });
      project.set(key, () => {
        x.seals = seals(ledger, key);
      });
    }
    for (const x of h.equity) {
      if (ledger.has('equity.samr', owner, x.companyName)) continue;
      const key = ledger.addAsset({ channel: 'equity.samr', kind: 'equity', owner, identifier: x.companyName, existing: existing(x.freezes) });
      // an equity freeze is expressed as the stake's subscribed contribution
      project.set(key, () => {
        x.freezes = seals(ledger, key).map((f) => ({ ...f, amount: x.contribution }));
      });
    }
  }
  // what ended before today has lapsed before anyone asks
  ledger.settleAll();
  return { ledger, settleOwner: (id) => ledger.settleOwner(id), project: (key, fn) => void project.set(key, fn) };
}

/** money: the freezes in force with what each holds (a waiting freeze holds nothing and is not shown) */
function moneyFreezes(ledger: Ledger, key: string): OtherFreeze[] {
  return ledger.activeHolders(key)
    .filter((f) => f.status === 'in_force')
    .map((f) => ({ court: f.courtName, caseNumber: f.caseNumber, amount: f.frozenAmount!, until: f.endsOn }));
}

/** whole assets: every active seal, the one in force first, then those waiting (轮候查封) */
function seals(ledger: Ledger, key: string): OtherFreeze[] {
  return ledger.activeHolders(key).map((f) => ({ court: f.courtName, caseNumber: f.caseNumber, until: f.endsOn }));
}
