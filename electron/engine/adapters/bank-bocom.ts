/** 交通银行 feedback: camelCase JSON, amounts integer fen. */
import type { ChannelAdapter } from '../types';
import { bankLimits, bankQueryParams, dedupeAssets, depositAsset, type DepositKind } from './bank-common';
import { findings, freeze } from './findings';
import { Strict } from './strict';

const s = new Strict('bank.bocom');
const TYPE: Record<string, DepositKind> = { SAVINGS: 'savings', TIME: 'time', CORPORATE: 'corporate' };

export const bocomAdapter: ChannelAdapter = {
  channel: 'bank.bocom',
  limits: bankLimits({ concurrency: 4, ratePerSecond: 8, pollIntervalMs: 800 }),
  queryParams: bankQueryParams,
  normalize(feedback) {
    const fb = s.obj(feedback, 'feedback');
    s.literal(fb.code, 0, 'code');
    const data = s.obj(fb.data, 'data');
    const list = s.arr(data.accounts, 'data.accounts');
    s.count(s.int(data.total, 'data.total'), list.length, 'data.total');
    const assets = list.map((x, i) => {
      const p = `data.accounts[${i}]`;
      const a = s.obj(x, p);
      s.literal(a.currency, 'CNY', `${p}.currency`);
      return depositAsset(s, '交通银行', {
        accountNo: s.text(a.accountNo, `${p}.accountNo`),
        branch: s.text(a.branchName, `${p}.branchName`),
        type: s.code(a.accountType, TYPE, `${p}.accountType`),
        balance: s.fen(a.balanceFen, `${p}.balanceFen`),
        available: s.fen(a.availableFen, `${p}.availableFen`),
        freezes: s.arr(a.freezes, `${p}.freezes`).map((y, j) => {
          const q = `${p}.freezes[${j}]`;
          const f = s.obj(y, q);
          return freeze(s.text(f.courtName, `${q}.courtName`), s.text(f.docNo, `${q}.docNo`), s.fen(f.frozenFen, `${q}.frozenFen`), s.date(f.expireDate, 'iso', `${q}.expireDate`));
        }),
      }, p);
    });
    return findings({ assets: dedupeAssets(s, assets) });
  },
};
