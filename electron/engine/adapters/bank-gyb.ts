/**
 * 贵阳银行 feedback: a JSON document inside the `payload` string; accounts and freezes in two lists
 * joined by account number; 元 with four decimals; dates YYYY/MM/DD.
 */
import type { ExistingFreeze } from '../../../shared/domain/types';
import type { ChannelAdapter } from '../types';
import { bankLimits, bankQueryParams, dedupeAssets, depositAsset, type DepositKind } from './bank-common';
import { findings, freeze } from './findings';
import { Strict } from './strict';

const s = new Strict('bank.gyb');
const KIND: Record<string, DepositKind> = { '1': 'savings', '2': 'time', '3': 'corporate' };

export const gybAdapter: ChannelAdapter = {
  channel: 'bank.gyb',
  limits: bankLimits({ concurrency: 3, ratePerSecond: 4, pollIntervalMs: 1_500 }),
  queryParams: bankQueryParams,
  normalize(feedback) {
    const fb = s.obj(feedback, 'feedback');
    s.literal(fb.ret, '00', 'ret');
    let payload: unknown;
    try {
      payload = JSON.parse(s.text(fb.payload, 'payload'));
    } catch {
      s.fail('payload', 'not a JSON document');
    }
    const pl = s.obj(payload, 'payload');
    const accts = s.arr(pl.acctList, 'payload.acctList');
    s.count(s.int(fb.cnt, 'cnt'), accts.length, 'cnt');
    const holds = new Map<string, ExistingFreeze[]>();
    s.arr(pl.frzList, 'payload.frzList').forEach((y, j) => {
      const q = `payload.frzList[${j}]`;
      const f = s.obj(y, q);
      const acct = s.text(f.acct, `${q}.acct`);
      const list = holds.get(acct) ?? [];
      list.push(freeze(s.text(f.org, `${q}.org`), s.text(f.wh, `${q}.wh`), s.yuan4(f.amt, `${q}.amt`), s.date(f.end, 'slash', `${q}.end`)));
      holds.set(acct, list);
    });
    const assets = accts.map((x, i) => {
      const p = `payload.acctList[${i}]`;
      const a = s.obj(x, p);
      const acct = s.text(a.acct, `${p}.acct`);
      return depositAsset(s, '贵阳银行', {
        accountNo: acct,
        branch: s.text(a.brch, `${p}.brch`),
        type: s.code(a.kind, KIND, `${p}.kind`),
        balance: s.yuan4(a.bal, `${p}.bal`),
        available: s.yuan4(a.avl, `${p}.avl`),
        freezes: holds.get(acct) ?? [],
      }, p);
    });
    const known = new Set(assets.map((a) => a.identifier));
    for (const acct of holds.keys()) if (!known.has(acct)) s.fail('payload.frzList', 'a freeze names an account not in acctList');
    return findings({ assets: dedupeAssets(s, assets) });
  },
};
