/**
 * What a correct adapter must find, derived straight from the sandbox's truth about a subject
 * (GET /sandbox/v1/subjects/:id), independently of any agency format. Compared as projections:
 * kinds, identifiers, exact fen values and freezes; places and times for whereabouts.
 */
import type { ChannelId } from '../../shared/domain/channels';
import type { AssetParticulars, Findings } from '../../shared/domain/types';
import type { OtherFreeze, Subject } from '../../electron/sandbox/population/types';

export interface AssetView {
  kind: string;
  identifier: string;
  institution?: string;
  value?: number;
  available?: number;
  freezes: { court: string; caseNumber?: string; amount?: number; until?: string }[];
  /** 坐落 and 不动产单元号, 号牌种类 and VIN, 证券代码 and 数量, company and 出资额 */
  particulars?: AssetParticulars;
}
export interface Projection {
  assets: AssetView[];
  whereabouts: { kind: string; place: string; at: string }[];
  info: { kind: string; amount?: number }[];
}

const fr = (fs: OtherFreeze[]) => fs.map((f) => ({ court: f.court, caseNumber: f.caseNumber, ...(f.amount !== undefined ? { amount: f.amount } : {}), until: f.until }));
const avail = (balance: number, fs: OtherFreeze[]) => balance - Math.min(balance, fs.reduce((s, f) => s + (f.amount ?? 0), 0));
const opt = <T>(k: string, v: T | undefined) => (v === undefined ? {} : { [k]: v });

function sortProjection(p: Projection): Projection {
  const key = (x: object) => JSON.stringify(x);
  return {
    assets: [...p.assets].sort((a, b) => a.identifier.localeCompare(b.identifier)),
    whereabouts: [...p.whereabouts].sort((a, b) => key(a).localeCompare(key(b))),
    info: [...p.info].sort((a, b) => key(a).localeCompare(key(b))),
  };
}

export function expectedFindings(channel: ChannelId, s: Subject | undefined): Projection {
  const p: Projection = { assets: [], whereabouts: [], info: [] };
  if (!s) return p;
  const h = s.holdings;
  if (channel.startsWith('bank.')) {
    for (const a of h.bankAccounts.filter((x) => x.bank === channel)) {
      p.assets.push({ kind: 'deposit', identifier: a.accountNo, institution: a.branch, value: a.balance, available: avail(a.balance, a.freezes), freezes: fr(a.freezes) });
    }
  } else if (channel.startsWith('funds.')) {
    for (const a of h.onlineFunds.filter((x) => x.platform === channel)) {
      p.assets.push({ kind: 'online_funds', identifier: a.accountId, value: a.balance, available: avail(a.balance, a.freezes), freezes: fr(a.freezes) });
    }
  } else if (channel === 'securities.csdc') {
    for (const x of h.securities) {
      p.assets.push({
        kind: 'securities', identifier: `${x.account}:${x.code}`, institution: x.custodian, value: x.shares * x.prevClose, freezes: [],
        particulars: { kind: 'securities', holdings: [{ code: x.code, name: x.name, quantity: x.shares }] },
      });
    }
  } else if (channel === 'wealth.cwmr') {
    for (const x of h.wealth) p.assets.push({ kind: 'wealth', identifier: x.regCode, institution: x.issuer, value: x.value, freezes: [] });
  } else if (channel === 'realestate.gz') {
    for (const x of h.realEstate) {
      p.assets.push({
        kind: 'real_estate', identifier: x.certificate, freezes: fr(x.seals),
        particulars: { kind: 'real_estate', location: x.address, unitNumber: x.unitNumber, areaCentiM2: x.areaCentiM2 },
      });
    }
  } else if (channel === 'vehicle.mps') {
    for (const x of h.vehicles) {
      p.assets.push({
        kind: 'vehicle', identifier: x.plate, freezes: fr(x.seals),
        particulars: { kind: 'vehicle', plateType: x.plateType, vin: x.vin, brand: x.brand, model: x.model },
      });
    }
  } else if (channel === 'equity.samr') {
    for (const x of h.equity) {
      p.assets.push({
        kind: 'equity', identifier: x.companyName, value: x.contribution, freezes: fr(x.freezes),
        particulars: { kind: 'equity', company: x.companyName, companyCode: x.companyCode, contribution: x.contribution, ratioBp: x.shareBp },
      });
    }
  } else if (channel === 'providentfund.gy') {
    for (const x of h.providentFund) p.assets.push({ kind: 'provident_fund', identifier: x.accountNo, institution: x.center, value: x.balance, freezes: [] });
  } else if (channel === 'tax.sta') {
    for (const x of h.tax) p.info.push({ kind: 'tax', amount: x.paid });
  } else if (channel === 'insurance.cbirc') {
    for (const x of h.insurance) p.info.push({ kind: 'insurance', amount: x.annualPremium });
  } else if (channel === 'socialsecurity.gz') {
    for (const x of h.socialSecurity) p.info.push({ kind: 'social_security', amount: x.base });
  } else if (channel === 'civilaffairs.mca') {
    for (const _ of h.marriages) p.info.push({ kind: 'civil_affairs' });
  } else if (channel === 'household.gz') {
    if (h.household) p.whereabouts.push({ kind: 'household', place: h.household.address, at: new Date(`${h.household.registeredOn}T00:00:00+08:00`).toISOString() });
  } else if (channel === 'exitentry.gz') {
    for (const x of h.crossings) p.whereabouts.push({ kind: 'exit_entry', place: x.port, at: x.at });
  } else if (channel === 'hotel.gz') {
    for (const x of h.hotelStays) p.whereabouts.push({ kind: 'hotel', place: `${x.city} ${x.hotel}`, at: x.checkIn });
  }
  return sortProjection(p);
}

/** the same projection of what an adapter produced; `withInstitution` keeps institutions where truth has them */
export function project(f: Findings, truth: Projection): Projection {
  const inst = new Map(truth.assets.map((a) => [a.identifier, a.institution]));
  return sortProjection({
    assets: f.assets.map((a) => ({
      kind: a.kind, identifier: a.identifier,
      ...(inst.get(a.identifier) !== undefined ? { institution: a.institution } : {}),
      ...opt('value', a.value), ...opt('available', a.available),
      freezes: a.existingFreezes.map((x) => ({ court: x.court, caseNumber: x.caseNumber, ...opt('amount', x.amount), until: x.until })),
      ...opt('particulars', a.particulars),
    })),
    whereabouts: f.whereabouts.map((w) => ({ kind: w.kind, place: w.place, at: w.at })),
    info: f.info.map((i) => ({ kind: i.kind, ...opt('amount', i.amount) })),
  });
}

/** the number of records a channel holds for a subject (to pick rich samples) */
export function recordCount(channel: ChannelId, s: Subject): number {
  const e = expectedFindings(channel, s);
  return e.assets.length + e.whereabouts.length + e.info.length;
}
