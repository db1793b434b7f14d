/** 中国银行 feedback: nested envelopes, grouped 元 amounts with a currency, ISO dates. */
import type { ChannelAdapter } from '../types';
import { bankLimits, bankQueryParams, dedupeAssets, depositAsset, type DepositKind } from './bank-common';
import { findings, freeze } from './findings';
import { Strict } from './strict';

const s = new Strict('bank.boc');
const TYPE: Record<string, DepositKind> = { Current: 'savings', Fixed: 'time', Corporate: 'corporate' };

function money(v: unknown, path: string): number {
  const m = s.obj(v, path);
  s.literal(m.Ccy, 'CNY', `${path}.Ccy`);
  return s.yuanGrouped(m.Amt, `${path}.Amt`);
}

export const bocAdapter: ChannelAdapter = {
  channel: 'bank.boc',
  limits: bankLimits({ concurrency: 6, ratePerSecond: 10, pollIntervalMs: 700 }),
  queryParams: bankQueryParams,
  normalize(feedback) {
    const env = s.obj(s.obj(feedback, 'feedback').Envelope, 'Envelope');
    s.literal(s.obj(env.Header, 'Envelope.Header').RspCode, 'BOC0000', 'Envelope.Header.RspCode');
    const rsp = s.obj(s.obj(env.Body, 'Envelope.Body').InquiryRsp, 'Envelope.Body.InquiryRsp');
    const list = s.arr(s.obj(rsp.AcctList, 'AcctList').Acct, 'AcctList.Acct');
    s.count(s.int(rsp.AcctCount, 'AcctCount'), list.length, 'AcctCount');
    const assets = list.map((x, i) => {
      const p = `AcctList.Acct[${i}]`;
      const a = s.obj(x, p);
      return depositAsset(s, '中国银行', {
        accountNo: s.text(a.AcctNo, `${p}.AcctNo`),
        branch: s.text(a.OpenBranch, `${p}.OpenBranch`),
        type: s.code(a.AcctType, TYPE, `${p}.AcctType`),
        balance: money(a.Bal, `${p}.Bal`),
        available: money(a.AvlBal, `${p}.AvlBal`),
        freezes: s.arr(s.obj(a.Holds, `${p}.Holds`).Hold, `${p}.Holds.Hold`).map((y, j) => {
          const q = `${p}.Holds.Hold[${j}]`;
          const h = s.obj(y, q);
          return freeze(s.text(h.Authority, `${q}.Authority`), s.text(h.DocNo, `${q}.DocNo`), money(h.Amt, `${q}.Amt`), s.date(h.ExpDt, 'iso', `${q}.ExpDt`));
        }),
      }, p);
    });
    return findings({ assets: dedupeAssets(s, assets) });
  },
};
