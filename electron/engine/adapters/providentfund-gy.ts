/**
 * 住房公积金 feedback: a CSV block with a fixed Chinese header row; amounts in 元; CRLF lines. The last
 * column is the withdrawal condition the debtor meets (住房公积金管理条例 第二十四条), or 无: without one
 * the account may be frozen but not deducted (docs/domain.md rule 5).
 */
import type { ChannelAdapter } from '../types';
import { dedupeAssets } from './bank-common';
import { findings } from './findings';
import { fenToYuanString } from '../../../shared/money';
import { PF_WITHDRAWAL_CONDITIONS } from '../../../shared/rules/exempt';
import { Strict } from './strict';

const s = new Strict('providentfund.gy');
const HEADER = '个人账号,单位名称,账户余额,月缴存额,账户状态,提取条件';
/** 无: the debtor meets none of the withdrawal conditions (住房公积金管理条例 第二十四条) */
const NONE = '无';

export const providentFundAdapter: ChannelAdapter = {
  channel: 'providentfund.gy',
  limits: { concurrency: 3, ratePerSecond: 4, timeoutMs: 12_000, pollIntervalMs: 1_500, maxPolls: 30, maxAttempts: 4 },
  queryParams: () => ({}),
  normalize(feedback) {
    const fb = s.obj(feedback, 'feedback');
    s.literal(fb.format, 'csv', 'format');
    const center = s.text(fb.center, 'center');
    const content = s.text(fb.content, 'content');
    if (!content.endsWith('\r\n')) s.fail('content', 'must end with CRLF');
    const lines = content.slice(0, -2).split('\r\n');
    if (lines[0] !== HEADER) s.fail('content line 1', 'header differs from the documented columns');
    const assets = lines.slice(1).map((line, i) => {
      const p = `content line ${i + 2}`;
      const c = line.split(',');
      if (c.length !== 6) s.fail(p, 'expected 6 columns');
      const monthly = s.yuan(c[3], `${p} 月缴存额`);
      const status = s.oneOf(c[4], ['正常', '封存'], `${p} 账户状态`);
      const condition = s.oneOf(c[5], [NONE, ...PF_WITHDRAWAL_CONDITIONS], `${p} 提取条件`);
      return {
        kind: 'provident_fund' as const,
        institution: center,
        identifier: s.text(c[0], `${p} 个人账号`),
        description: `缴存单位 ${s.text(c[1], `${p} 单位名称`)}，月缴存额 ${fenToYuanString(monthly)}元，账户状态 ${status}，提取条件 ${condition === NONE ? '不符合' : condition}`,
        withdrawal: condition === NONE ? { status } : { status, condition },
        value: s.yuan(c[2], `${p} 账户余额`),
        existingFreezes: [],
      };
    });
    return findings({ assets: dedupeAssets(s, assets) });
  },
};
