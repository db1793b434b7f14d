/**
 * A debtor's balances over time (docs/domain.md rule 8): each answer's balance as of that answer, an
 * account an earlier answer of its bank did not have, a rise after filing — each naming its finding.
 */
import { describe, expect, it } from 'vitest';
import { depositEvents } from '../../electron/services/conduct/timeline';
import type { ConductRecords } from '../../electron/store/conduct';

const records = (): ConductRecords => ({
  answered: [
    { requestId: 'r1', channel: 'bank.icbc', asOf: '2026-01-06T02:00:00.000Z' },
    { requestId: 'r2', channel: 'bank.icbc', asOf: '2026-03-01T02:00:00.000Z' },
  ],
  balances: [
    { assetId: 'a1', requestId: 'r1', channel: 'bank.icbc', identifier: '6222000011112222', value: 20_000, asOf: '2026-01-06T02:00:00.000Z' },
    { assetId: 'a2', requestId: 'r2', channel: 'bank.icbc', identifier: '6222000011112222', value: 1_254_500, asOf: '2026-03-01T02:00:00.000Z' },
    { assetId: 'a3', requestId: 'r2', channel: 'bank.icbc', identifier: '6222000099998888', value: 300, asOf: '2026-03-01T02:00:00.000Z' },
  ],
  deductions: [], payments: [],
  alerts: [],
});

describe('balances over time', () => {
  it('shows each balance, the rise after filing and the new account, in yuan, by its finding', () => {
    const ev = depositEvents(records(), '2026-01-04');
    expect(ev.map((e) => [e.kind, e.source.id, e.amount])).toEqual([
      ['balance', 'a1', 20_000],
      ['balance', 'a2', 1_254_500],
      ['balance-rise', 'a2', 1_234_500],
      ['balance', 'a3', 300],
      ['account-new', 'a3', undefined],
    ]);
    expect(ev[2]!.words.zh).toBe('中国工商银行账户（尾号 2222）余额立案后增加 12,345.00元');
    // the full account number is never in the words
    expect(ev.every((e) => !e.words.zh.includes('6222000011112222') && !e.words.en.includes('6222000011112222'))).toBe(true);
  });
  it('an account in the first answer is not new; a rise before filing is not weighed', () => {
    const r = records();
    const ev = depositEvents(r, '2026-03-02');
    expect(ev.filter((e) => e.kind === 'balance-rise')).toEqual([]);
    expect(ev.filter((e) => e.kind === 'account-new').map((e) => e.source.id)).toEqual(['a3']);
  });
});
