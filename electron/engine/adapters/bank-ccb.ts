/** 建设银行 feedback: pinyin-abbreviation keys, 分 as digit strings, dates YYYYMMDD, record count JLS. */
import type { ChannelAdapter } from '../types';
import { bankLimits, bankQueryParams, dedupeAssets, depositAsset, type DepositKind } from './bank-common';
import { findings, freeze } from './findings';
import { Strict } from './strict';

const s = new Strict('bank.ccb');
const ZHLB: Record<string, DepositKind> = { '01': 'savings', '02': 'time', '03': 'corporate' };

export const ccbAdapter: ChannelAdapter = {
  channel: 'bank.ccb',
  limits: bankLimits({ concurrency: 6, ratePerSecond: 10, pollIntervalMs: 800 }),
  queryParams: bankQueryParams,
  normalize(feedback) {
    const fb = s.obj(feedback, 'feedback');
    s.literal(fb.FHDM, '000000', 'FHDM');
    const cxjg = s.obj(fb.CXJG, 'CXJG');
    const zhxx = s.arr(cxjg.ZHXX, 'CXJG.ZHXX');
    s.count(s.fenString(cxjg.JLS, 'CXJG.JLS'), zhxx.length, 'CXJG.JLS');
    const assets = zhxx.map((x, i) => {
      const p = `CXJG.ZHXX[${i}]`;
      const a = s.obj(x, p);
      s.literal(a.BZ, '156', `${p}.BZ`);
      return depositAsset(s, '中国建设银行', {
        accountNo: s.text(a.ZH, `${p}.ZH`),
        branch: s.text(a.KHWD, `${p}.KHWD`),
        type: s.code(a.ZHLB, ZHLB, `${p}.ZHLB`),
        balance: s.fenString(a.ZHYE, `${p}.ZHYE`),
        available: s.fenString(a.KYYE, `${p}.KYYE`),
        freezes: s.arr(a.DJXX, `${p}.DJXX`).map((y, j) => {
          const q = `${p}.DJXX[${j}]`;
          const f = s.obj(y, q);
          return freeze(s.text(f.DJJG, `${q}.DJJG`), s.text(f.DJWH, `${q}.DJWH`), s.fenString(f.DJJE, `${q}.DJJE`), s.date(f.DJJZRQ, 'compact', `${q}.DJJZRQ`));
        }),
      }, p);
    });
    return findings({ assets: dedupeAssets(s, assets) });
  },
};
