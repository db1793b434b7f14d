/**
 * What every bank adapter shares: the normalised deposit asset, the limits banks are given, and
 * the query parameters (all accounts, with freezes by other courts). 查询、冻结存款规定 art. 2:
 * the bank reports balance and the part already frozen.
 */
import type { ExistingFreeze } from '../../../shared/domain/types';
import type { Fen } from '../../../shared/money';
import type { ChannelLimits } from '../types';
import { dedupe, type Strict } from './strict';
import type { FoundAsset } from './findings';

export type DepositKind = 'savings' | 'time' | 'corporate';
export const DEPOSIT_LABEL: Record<DepositKind, string> = { savings: '活期储蓄', time: '定期储蓄', corporate: '单位结算账户' };

export interface DepositRecord {
  accountNo: string;
  branch: string;
  type: DepositKind;
  balance: Fen;
  available: Fen;
  freezes: ExistingFreeze[];
}

export function depositAsset(s: Strict, bankName: string, r: DepositRecord, path: string): FoundAsset {
  if (!/^\d{8,32}$/.test(r.accountNo)) s.fail(`${path}: account`, `"${r.accountNo}" is not an account number`);
  if (r.available > r.balance) s.fail(path, 'available exceeds the balance');
  return {
    kind: 'deposit',
    institution: r.branch,
    identifier: r.accountNo,
    description: `${bankName} ${DEPOSIT_LABEL[r.type]}`,
    value: r.balance,
    available: r.available,
    existingFreezes: r.freezes,
  };
}

export function dedupeAssets(s: Strict, assets: FoundAsset[]): FoundAsset[] {
  return dedupe(s, assets, (a) => a.identifier, 'records');
}

export function bankLimits(p: Partial<ChannelLimits>): ChannelLimits {
  return { concurrency: 6, ratePerSecond: 10, timeoutMs: 10_000, pollIntervalMs: 1_000, maxPolls: 30, maxAttempts: 4, ...p };
}

export const bankQueryParams = () => ({ scope: 'all_accounts', currency: 'CNY', includeFreezes: true });
