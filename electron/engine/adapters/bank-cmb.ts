/** 招商银行 feedback: Chinese keys, "1234.56元" amounts, "2027年01月01日" dates. */
import type { ChannelAdapter } from '../types';
import { bankLimits, bankQueryParams, dedupeAssets, depositAsset, type DepositKind } from './bank-common';
import { findings, freeze } from './findings';
import { Strict } from './strict';

const s = new Strict('bank.cmb');
const TYPE: Record<string, DepositKind> = { 个人活期: 'savings', 个人定期: 'time', 单位活期: 'corporate' };

export const cmbAdapter: ChannelAdapter = {
  channel: 'bank.cmb',
  limits: bankLimits({ concurrency: 8, ratePerSecond: 15, pollIntervalMs: 400 }),
  queryParams: bankQueryParams,
  normalize(feedback) {
    const fb = s.obj(feedback, 'feedback');
    s.literal(fb['返回码'], '0000', '返回码');
    const assets = s.arr(fb['账户列表'], '账户列表').map((x, i) => {
      const p = `账户列表[${i}]`;
      const a = s.obj(x, p);
      return depositAsset(s, '招商银行', {
        accountNo: s.text(a['账号'], `${p}.账号`),
        branch: s.text(a['开户机构'], `${p}.开户机构`),
        type: s.code(a['账户性质'], TYPE, `${p}.账户性质`),
        balance: s.yuanSuffixed(a['账户余额'], `${p}.账户余额`),
        available: s.yuanSuffixed(a['可用余额'], `${p}.可用余额`),
        freezes: s.arr(a['冻结记录'], `${p}.冻结记录`).map((y, j) => {
          const q = `${p}.冻结记录[${j}]`;
          const f = s.obj(y, q);
          return freeze(s.text(f['冻结机关'], `${q}.冻结机关`), s.text(f['冻结文书号'], `${q}.冻结文书号`), s.yuanSuffixed(f['冻结金额'], `${q}.冻结金额`), s.date(f['冻结截止日'], 'chinese', `${q}.冻结截止日`));
        }),
      }, p);
    });
    return findings({ assets: dedupeAssets(s, assets) });
  },
};
