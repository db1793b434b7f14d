/**
 * 农业银行: a '|'-delimited text block. H header (bank, time, D-line count), D account lines,
 * F freeze lines keyed by account, T trailer (D-line count). Amounts are integer 分.
 */
import { compactDate, cstCompact, frozenAndAvailable, withDuplicate } from './render-util';
import type { FeedbackFormatter } from './types';

export const ABC_KIND = { savings: 'SA', time: 'TD', corporate: 'CA' } as const;

export const abcFormatter: FeedbackFormatter = {
  channel: 'bank.abc',
  render({ subject, duplicate, answeredAt }) {
    const accounts = subject?.holdings.bankAccounts.filter((a) => a.bank === 'bank.abc') ?? [];
    const d = withDuplicate(accounts.map((a) => `D|${a.accountNo}|${a.branch}|${ABC_KIND[a.type]}|${a.balance}|${frozenAndAvailable(a.balance, a.freezes).available}`), duplicate);
    const f = accounts.flatMap((a) => a.freezes.map((z) => `F|${a.accountNo}|${z.court}|${z.caseNumber}|${z.amount ?? 0}|${compactDate(z.until)}`));
    const lines = [`H|ABC|${cstCompact(answeredAt)}|${d.length}`, ...d, ...f, `T|${d.length}`];
    return { fmt: 'ABC-CK-TXT/1.2', charset: 'UTF-8', text: lines.join('\n') };
  },
};
