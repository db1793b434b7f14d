/**
 * 中国结算 feedback: positions with quantity, previous close (元, four decimals) and market value
 * (元). Value = quantity × previous close in fen, the basis for listed shares (docs/domain.md rule 1);
 * the stated market value must agree.
 */
import type { ChannelAdapter } from '../types';
import { dedupeAssets } from './bank-common';
import { findings } from './findings';
import { fenToYuanString } from '../../../shared/money';
import { Strict } from './strict';

const s = new Strict('securities.csdc');

export const csdcAdapter: ChannelAdapter = {
  channel: 'securities.csdc',
  limits: { concurrency: 4, ratePerSecond: 5, timeoutMs: 15_000, pollIntervalMs: 2_000, maxPolls: 30, maxAttempts: 4 },
  queryParams: () => ({ priceBasis: 'previous_close' }),
  normalize(feedback) {
    const fb = s.obj(feedback, 'feedback');
    s.literal(s.obj(fb.header, 'header').status, '00', 'header.status');
    const assets = s.arr(fb.positions, 'positions').map((x, i) => {
      const p = `positions[${i}]`;
      const a = s.obj(x, p);
      const qty = s.fenString(a.qty, `${p}.qty`);
      const prevClose = s.yuan4(a.prevClose, `${p}.prevClose`);
      const value = qty * prevClose;
      if (!Number.isSafeInteger(value)) s.fail(p, 'market value out of range');
      if (s.yuan(a.mktValue, `${p}.mktValue`) !== value) s.fail(`${p}.mktValue`, 'is not quantity × previous close');
      const account = s.text(a.secAcct, `${p}.secAcct`);
      const code = s.text(a.secCode, `${p}.secCode`);
      if (!/^\d{6}$/.test(code)) s.fail(`${p}.secCode`, `"${code}" is not a 证券代码 (six digits)`);
      const name = s.text(a.secName, `${p}.secName`);
      return {
        kind: 'securities' as const,
        institution: s.text(a.custodian, `${p}.custodian`),
        identifier: `${account}:${code}`,
        // the 证券代码, name and quantity a freeze of securities names (docs/domain.md, "Documents")
        particulars: { kind: 'securities' as const, holdings: [{ code, name, quantity: qty }] },
        description: `${code} ${name} ${qty}股，前收盘价 ${fenToYuanString(prevClose)}元`,
        value,
        existingFreezes: [],
      };
    });
    return findings({ assets: dedupeAssets(s, assets) });
  },
};
