/**
 * The agency channels and the measures each allows, as in docs/domain.md's channel table: only banks, online
 * funds and the housing provident fund may deduct; information channels take no measures;
 * channels about persons are never queried for a company.
 */
import { describe, expect, it } from 'vitest';
import {
  CHANNEL_IDS, CHANNELS, channelInfo, channelsFor, isChannelId, type ChannelId, type ChannelKind, type Measure,
} from '../../../shared/domain/channels';

const SEAL: Measure[] = ['freeze', 'renew', 'unfreeze'];
const FULL: Measure[] = ['freeze', 'renew', 'unfreeze', 'deduct'];

/** docs/domain.md, "What each kind of channel may do online": what each kind of channel may do online. */
const TABLE: Record<ChannelKind, Measure[]> = {
  bank: FULL,
  wealth: SEAL,
  online_funds: FULL,
  securities: SEAL,
  real_estate: SEAL,
  vehicle: SEAL,
  equity: SEAL,
  provident_fund: FULL,
  tax: [],
  insurance: [],
  social_security: [],
  civil_affairs: [],
  household: [],
  exit_entry: [],
  hotel: [],
};

const PERSON_ONLY: ChannelKind[] = ['household', 'exit_entry', 'hotel', 'civil_affairs', 'social_security', 'provident_fund'];

describe('the channels', () => {
  it('are 22, each listed once', () => {
    expect(CHANNEL_IDS).toHaveLength(22);
    expect(CHANNELS).toHaveLength(22);
    expect(new Set(CHANNEL_IDS).size).toBe(22);
    expect(CHANNELS.map((c) => c.id)).toEqual([...CHANNEL_IDS]);
  });

  it('include 7 banks, one channel per bank', () => {
    const banks = CHANNELS.filter((c) => c.kind === 'bank');
    expect(banks).toHaveLength(7);
    for (const b of banks) expect(b.id.startsWith('bank.')).toBe(true);
    expect(banks.map((b) => b.zh)).toContain('贵阳银行');
    expect(CHANNEL_IDS.filter((id) => id.startsWith('bank.'))).toHaveLength(7);
  });

  it('cover every kind of the table', () => {
    expect(new Set(CHANNELS.map((c) => c.kind))).toEqual(new Set(Object.keys(TABLE)));
  });

  it('each have a Chinese and an English name', () => {
    for (const c of CHANNELS) {
      expect(c.zh, c.id).toMatch(/\p{Script=Han}/u);
      expect(c.en, c.id).toMatch(/^[A-Z]/);
    }
  });
});

describe('measures', () => {
  it.each(CHANNELS.map((c) => [c.id, c.kind] as const))('%s (%s) allows exactly what the table says', (id, kind) => {
    expect([...channelInfo(id).measures].sort()).toEqual([...TABLE[kind]].sort());
  });

  it('deduct only at banks, online funds and the housing provident fund', () => {
    const deducting = CHANNELS.filter((c) => c.measures.includes('deduct')).map((c) => c.kind);
    expect(new Set(deducting)).toEqual(new Set(['bank', 'online_funds', 'provident_fund']));
    for (const kind of ['securities', 'wealth', 'real_estate', 'vehicle', 'equity'] as const) {
      expect(deducting).not.toContain(kind);
    }
  });

  it('whatever can be frozen can also be renewed and released', () => {
    for (const c of CHANNELS) {
      if (c.measures.includes('freeze')) expect(c.measures, c.id).toEqual(expect.arrayContaining(['renew', 'unfreeze']));
      if (c.measures.includes('deduct')) expect(c.measures, c.id).toContain('freeze');
    }
  });

  it('information and whereabouts channels take no measures; asset channels take at least a freeze', () => {
    for (const c of CHANNELS) {
      if (c.yields === 'assets') expect(c.measures, c.id).toContain('freeze');
      else expect(c.measures, c.id).toEqual([]);
    }
    const informational = CHANNELS.filter((c) => c.yields !== 'assets').map((c) => c.kind).sort();
    expect(informational).toEqual(['civil_affairs', 'exit_entry', 'hotel', 'household', 'insurance', 'social_security', 'tax']);
  });

  it('whereabouts come from household registration, exit/entry and hotel lodging', () => {
    expect(CHANNELS.filter((c) => c.yields === 'whereabouts').map((c) => c.id).sort()).toEqual(['exitentry.gz', 'hotel.gz', 'household.gz']);
  });
});

describe('networks', () => {
  it('provincial (点对点) for household, exit/entry, hotel, social security, provident fund and real estate', () => {
    const provincial = CHANNELS.filter((c) => c.network === 'provincial').map((c) => c.kind).sort();
    expect(provincial).toEqual(['exit_entry', 'hotel', 'household', 'provident_fund', 'real_estate', 'social_security']);
  });

  it('national (总对总) for banks, online funds, securities and the ministries', () => {
    for (const id of ['bank.icbc', 'funds.alipay', 'funds.tenpay', 'securities.csdc', 'tax.sta', 'civilaffairs.mca'] as ChannelId[]) {
      expect(channelInfo(id).network, id).toBe('national');
    }
  });
});

describe('which channels apply to a subject', () => {
  it('a person is queried on every channel', () => {
    expect(channelsFor('person').map((c) => c.id)).toEqual([...CHANNEL_IDS]);
  });

  it('a company skips the channels about persons', () => {
    const forCompany = channelsFor('company');
    for (const c of forCompany) expect(PERSON_ONLY, c.id).not.toContain(c.kind);
    for (const c of CHANNELS) {
      if (!PERSON_ONLY.includes(c.kind)) expect(forCompany, c.id).toContain(c);
    }
    expect(forCompany).toHaveLength(22 - PERSON_ONLY.length);
    expect(forCompany.filter((c) => c.kind === 'bank')).toHaveLength(7);
  });
});

describe('lookup', () => {
  it('finds a channel by id', () => {
    expect(channelInfo('bank.icbc')).toMatchObject({ kind: 'bank', zh: '中国工商银行', network: 'national' });
    expect(channelInfo('providentfund.gy').kind).toBe('provident_fund');
  });

  it('refuses an unknown id', () => {
    expect(() => channelInfo('bank.nope' as ChannelId)).toThrow(/unknown channel bank.nope/);
    expect(isChannelId('bank.ccb')).toBe(true);
    expect(isChannelId('bank.nope')).toBe(false);
    expect(isChannelId('')).toBe(false);
    expect(isChannelId('toString')).toBe(false);
  });
});
