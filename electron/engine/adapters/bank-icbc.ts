/** 工商银行 feedback: a header row and rows of strings, 元 amounts, freezes packed in one cell. */
import type { ExistingFreeze } from '../../../shared/domain/types';
import type { ChannelAdapter } from '../types';
import { bankLimits, bankQueryParams, dedupeAssets, depositAsset, type DepositKind } from './bank-common';
import { findings, freeze } from './findings';
import { Strict } from './strict';

const s = new Strict('bank.icbc');
const HEAD = ['账号', '开户网点', '账户类型', '币种', '余额', '可用余额', '冻结信息'];
const TYPE: Record<string, DepositKind> = { 活期储蓄: 'savings', 定期储蓄: 'time', 单位结算: 'corporate' };

/** "court/case number/amount/until;…" */
function freezes(cell: string, path: string): ExistingFreeze[] {
  if (cell === '') return [];
  return cell.split(';').map((part, i) => {
    const f = part.split('/');
    if (f.length !== 4) s.fail(`${path}[${i}]`, 'a freeze needs court/case/amount/until');
    return freeze(s.text(f[0], `${path}[${i}].court`), s.text(f[1], `${path}[${i}].case`), s.yuan(f[2], `${path}[${i}].amount`), s.date(f[3], 'iso', `${path}[${i}].until`));
  });
}

export const icbcAdapter: ChannelAdapter = {
  channel: 'bank.icbc',
  limits: bankLimits({ concurrency: 8, ratePerSecond: 20, pollIntervalMs: 500 }),
  queryParams: bankQueryParams,
  normalize(feedback) {
    const fb = s.obj(feedback, 'feedback');
    s.literal(fb.retCode, '0', 'retCode');
    const head = s.arr(fb.head, 'head');
    if (head.length !== HEAD.length || head.some((h, i) => h !== HEAD[i])) s.fail('head', 'columns differ from the documented header');
    const assets = s.arr(fb.rows, 'rows').map((row, i) => {
      const p = `rows[${i}]`;
      const r = s.arr(row, p);
      if (r.length !== HEAD.length) s.fail(p, `expected ${HEAD.length} cells`);
      s.literal(r[3], 'CNY', `${p}.币种`);
      return depositAsset(s, '中国工商银行', {
        accountNo: s.text(r[0], `${p}.账号`),
        branch: s.text(r[1], `${p}.开户网点`),
        type: s.code(r[2], TYPE, `${p}.账户类型`),
        balance: s.yuan(r[4], `${p}.余额`),
        available: s.yuan(r[5], `${p}.可用余额`),
        freezes: freezes(s.str(r[6], `${p}.冻结信息`), `${p}.冻结信息`),
      }, p);
    });
    return findings({ assets: dedupeAssets(s, assets) });
  },
};
