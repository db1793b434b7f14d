/**
 * 农业银行 feedback: a '|'-delimited text block — H header, D account lines, F freeze lines keyed
 * by account, T trailer; amounts integer 分; the D-line count is stated twice and checked.
 */
import type { ExistingFreeze } from '../../../shared/domain/types';
import type { ChannelAdapter } from '../types';
import { bankLimits, bankQueryParams, dedupeAssets, depositAsset, type DepositKind } from './bank-common';
import { findings, freeze } from './findings';
import { Strict } from './strict';

const s = new Strict('bank.abc');
const KIND: Record<string, DepositKind> = { SA: 'savings', TD: 'time', CA: 'corporate' };

export const abcAdapter: ChannelAdapter = {
  channel: 'bank.abc',
  limits: bankLimits({ concurrency: 4, ratePerSecond: 5, pollIntervalMs: 1_500 }),
  queryParams: bankQueryParams,
  normalize(feedback) {
    const fb = s.obj(feedback, 'feedback');
    s.literal(fb.fmt, 'ABC-CK-TXT/1.2', 'fmt');
    const lines = s.text(fb.text, 'text').split('\n');
    const head = lines[0]?.split('|') ?? [];
    if (head.length !== 4 || head[0] !== 'H' || head[1] !== 'ABC') s.fail('text line 1', 'expected the H header line');
    const trailer = lines[lines.length - 1]?.split('|') ?? [];
    if (lines.length < 2 || trailer.length !== 2 || trailer[0] !== 'T') s.fail(`text line ${lines.length}`, 'expected the T trailer line');
    const accounts: string[][] = [];
    const holds = new Map<string, ExistingFreeze[]>();
    lines.slice(1, -1).forEach((line, i) => {
      const f = line.split('|');
      const p = `text line ${i + 2}`;
      if (f[0] === 'D' && f.length === 6) accounts.push(f);
      else if (f[0] === 'F' && f.length === 6) {
        const list = holds.get(f[1]!) ?? [];
        list.push(freeze(s.text(f[2], `${p} court`), s.text(f[3], `${p} case`), s.fenString(f[4], `${p} amount`), s.date(f[5], 'compact', `${p} until`)));
        holds.set(f[1]!, list);
      } else s.fail(p, 'unknown record');
    });
    s.count(s.fenString(head[3], 'H count'), accounts.length, 'H count');
    s.count(s.fenString(trailer[1], 'T count'), accounts.length, 'T count');
    const known = new Set(accounts.map((f) => f[1]));
    for (const acct of holds.keys()) if (!known.has(acct)) s.fail('text', 'a freeze line names an account without a D line');
    const assets = accounts.map((f, i) => depositAsset(s, '中国农业银行', {
      accountNo: s.text(f[1], `D[${i}] account`),
      branch: s.text(f[2], `D[${i}] branch`),
      type: s.code(f[3], KIND, `D[${i}] kind`),
      balance: s.fenString(f[4], `D[${i}] balance`),
      available: s.fenString(f[5], `D[${i}] available`),
      freezes: holds.get(f[1]!) ?? [],
    }, `D[${i}]`));
    return findings({ assets: dedupeAssets(s, assets) });
  },
};
